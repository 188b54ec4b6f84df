"""Who may see what: a user becomes a scope, and a scope becomes a WHERE clause.

Every list selector starts from a scope, so a district user can never see another district's
rows, whatever ids a URL or a form names (DESIGN.md §1, STYLE.md §3).
"""

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Scope:
    is_city_wide: bool = False
    division_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    can_edit_plan: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.is_city_wide or self.division_ids or self.organisation_ids)

    def project_filter(self, prefix: str = "") -> Q:
        """A Q over Project (or over a relation to it, with ``prefix`` such as 'project__')."""
        if self.is_city_wide:
            return Q()
        condition = Q(pk__in=[])
        if self.division_ids:
            condition |= Q(**{f"{prefix}district_id__in": self.division_ids})
        if self.organisation_ids:
            condition |= Q(**{f"{prefix}owner_id__in": self.organisation_ids})
        return condition


def scope_for(user) -> Scope:
    """The scope of a user; anonymous and inactive users see nothing."""
    from tuijin.accounts.models import User

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    if user.is_superuser or user.role == User.Role.CITY_ADMIN:
        return Scope(is_city_wide=True, can_edit_plan=True)
    if user.role in (User.Role.LEADER, User.Role.BUREAU):
        # Leaders and city bureaus read the whole programme; they change none of it here.
        return Scope(is_city_wide=True)
    if user.role == User.Role.DISTRICT and user.division_id:
        return Scope(division_ids=frozenset({user.division_id}))
    if user.role == User.Role.OWNER and user.organisation_id:
        return Scope(organisation_ids=frozenset({user.organisation_id}))
    return Scope()
