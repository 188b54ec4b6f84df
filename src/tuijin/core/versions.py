"""No lost updates (DESIGN.md §3): a row edited in a form carries the ``version`` it was read
at; a save against another version is refused, naming who changed it, when, and what.

Works on any model with ``version``, ``updated_by``, ``updated_at`` and a django-simple-history
``history`` (the owner's report filings, the bureaus' reports).
"""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.core.money import plain_amount


def check_version(row, version: int | None, *, fields) -> None:
    """Raise InputError (field ``version``) when ``row`` is no longer at ``version``; the hint
    lists the other person's changes to ``fields`` as ``label: old → new``."""
    if row is None or version is None or row.version == version:
        return
    editor = row.updated_by
    who = (editor.get_full_name() or editor.username) if editor else _("Someone")
    changed = changes_since(row, version, fields=fields)
    raise InputError(
        _("%(who)s changed this report at %(at)s while you were editing it.")
        % {"who": who, "at": timezone.localtime(row.updated_at).strftime("%Y-%m-%d %H:%M")},
        hint=(_("Their changes: %(changes)s. ") % {"changes": changed} if changed else "")
        + _("Reload the report, then make your change again."),
        field="version", value=version)


def changes_since(row, version: int, *, fields) -> str:
    then = row.history.filter(version=version).order_by("-history_date").first()
    if then is None:
        return ""
    parts = []
    for name in fields:
        old, new = getattr(then, name), getattr(row, name)
        if old != new:
            label = type(row)._meta.get_field(name).verbose_name
            parts.append(_("%(field)s: %(old)s → %(new)s")
                         % {"field": label, "old": _shown(old), "new": _shown(new)})
    # Translated separators: Chinese text takes full-width punctuation (：；).
    return _("; ").join(parts)


def _shown(value) -> str:
    if value in (None, ""):
        return "—"
    return plain_amount(value) if isinstance(value, Decimal) else str(value)
