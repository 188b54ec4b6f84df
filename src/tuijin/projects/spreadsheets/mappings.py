"""Saved column mappings: an admin names the field of each header of a recurring layout once."""

from django.db import transaction
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import deny_unless, may_map_columns
from tuijin.accounts.scopes import acting_user
from tuijin.core.errors import InputError
from tuijin.projects.geo import Datum
from tuijin.projects.models import ColumnMapping
from tuijin.projects.spreadsheets.layout import FIELD_LABELS


def mapping_for(*, plan, kind: str, name: str) -> dict[str, str]:
    """The saved mapping's columns; InputError naming the known mappings when there is none."""
    mapping = ColumnMapping.objects.filter(plan=plan, kind=kind, name=name).first()
    if mapping is None:
        known = ", ".join(ColumnMapping.objects.filter(plan=plan, kind=kind)
                          .values_list("name", flat=True)) or "-"
        raise InputError(
            _("No saved column mapping %(name)s.") % {"name": name},
            hint=_("Saved mappings: %(known)s.") % {"known": known}, field="mapping", value=name,
        )
    return dict(mapping.columns)


@transaction.atomic
def mapping_save(
    *, plan, kind: str, name: str, columns: dict[str, str], user
) -> ColumnMapping:
    """Create or replace a named mapping; fields must be ones the importer knows.

    ``user`` is who saves it (or a Scope for a command); a mapping applies to everyone's
    imports, so PermissionDenied unless ``accounts.permissions.may_map_columns``.
    """
    deny_unless(may_map_columns(user, plan))
    unknown = sorted({f for f in columns.values() if f and not _importable(f)})
    if unknown:
        raise InputError(
            _("%(fields)s are not importable fields.") % {"fields": ", ".join(unknown)},
            hint=_("Choose among: %(fields)s.") % {"fields": ", ".join(FIELD_LABELS)},
            field="columns",
        )
    if not name.strip():
        raise InputError(_("The mapping needs a name."), field="name")
    mapping, _created = ColumnMapping.objects.update_or_create(
        plan=plan, kind=kind, name=name.strip(),
        defaults={"columns": columns, "created_by": acting_user(user)},
    )
    return mapping


def _importable(field: str) -> bool:
    """A field the importer knows, or a coordinate with its datum ("longitude@GCJ-02")."""
    if "@" in field:
        key, datum = field.split("@", 1)
        return key in ("longitude", "latitude") and datum in Datum.values
    return field in FIELD_LABELS
