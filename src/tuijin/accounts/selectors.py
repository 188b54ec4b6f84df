"""Reading users: the city office's list of users and one user's history. Only the city
administration reads them (``may_manage_users``); anybody else gets a PermissionDenied, and no
actor at all a TypeError (accounts/scopes.py)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from tuijin.accounts.models import User
from tuijin.accounts.permissions import deny_unless, may_manage_users
from tuijin.core.models import Division, Organisation

# How much of a user's history the user page shows.
HISTORY_ROWS = 20


def users_visible_to(actor, *, role: str = "", text: str = "",
                     is_active: bool | None = None) -> QuerySet[User]:
    """Users the actor manages, filtered by role, active or not, and a text found in the
    username, name, phone or e-mail; active users first, then by role and username."""
    deny_unless(may_manage_users(actor))
    users = User.objects.select_related("division", "organisation").prefetch_related(
        "extra_divisions")
    if role:
        users = users.filter(role=role)
    if is_active is not None:
        users = users.filter(is_active=is_active)
    text = text.strip()
    if text:
        users = users.filter(Q(username__icontains=text) | Q(full_name__icontains=text)
                             | Q(phone__icontains=text) | Q(email__icontains=text)
                             | Q(organisation__name__icontains=text))
    return users.order_by("-is_active", "role", "username")


def user_for_manager(actor, pk: int) -> User:
    """One user, for the city office: 403 for anybody else, 404 for an unknown id."""
    deny_unless(may_manage_users(actor))
    return get_object_or_404(
        User.objects.select_related("division", "organisation"), pk=pk)


@dataclass(frozen=True)
class HistoryRow:
    when: datetime
    who: str
    action: str
    changes: list[tuple[str, str, str]]  # (field label, old, new)


def user_history_for(actor, managed: User) -> list[HistoryRow]:
    """The latest changes of a user, newest first: who, when, why, and old → new per field.
    (``managed``, not ``user``: the acting user is ``actor``.)"""
    deny_unless(may_manage_users(actor))
    records = list(managed.history.select_related("history_user")
                   .order_by("-history_date", "-history_id")[:HISTORY_ROWS + 1])
    rows = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        if len(rows) == HISTORY_ROWS:
            break
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                changes.append((_label(change.field), _shown(change.field, change.old),
                                _shown(change.field, change.new)))
        who = record.history_user
        rows.append(HistoryRow(
            when=record.history_date,
            who=(who.get_full_name() or who.username) if who else "—",
            action=record.history_change_reason or "", changes=changes))
    return rows


def _label(field: str) -> str:
    return str(User._meta.get_field(field).verbose_name)


def _shown(field: str, value) -> str:
    """A value as a person reads it: district and organisation names, not ids."""
    if value in (None, ""):
        return "—"
    if field == "extra_divisions":
        ids = [row["division"] for row in value]
        return "、".join(Division.objects.filter(pk__in=ids).values_list("name", flat=True)) or "—"
    if field == "division":
        return str(Division.objects.filter(pk=value).first() or value)
    if field == "organisation":
        return str(Organisation.objects.filter(pk=value).first() or value)
    if field == "role":
        return str(User.Role(value).label) if value in User.Role.values else str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)
