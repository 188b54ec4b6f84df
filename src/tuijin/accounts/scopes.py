"""Who may see what: a user becomes a scope, and a scope becomes a WHERE clause.

Every list selector starts from a scope, so a district user can never see another district's
rows, whatever ids a URL or a form names (DESIGN.md §1, STYLE.md §3). There is no "no scope
means everything": ``scope_for(None)`` raises, and code that acts for the whole city without a
user (the management commands) says so with ``Scope.city_wide_for_system()``. What each role
may *do* with what it sees is decided in ``accounts/permissions.py``.
"""

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Scope:
    is_city_wide: bool = False
    division_ids: frozenset[int] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    # The city administration: it sets up the plan and the project library.
    is_city_admin: bool = False
    # Leaders and city bureaus read the whole programme and change none of it here.
    is_read_only: bool = False
    # Acting for the whole city with no user behind it (management commands).
    is_system: bool = False

    @classmethod
    def city_wide_for_system(cls) -> "Scope":
        """The scope of a command that acts for the whole city, as the city office would; what
        it writes is recorded with no user."""
        return cls(is_city_wide=True, is_city_admin=True, is_system=True)

    @property
    def is_empty(self) -> bool:
        return not (self.is_city_wide or self.division_ids or self.organisation_ids)

    def covers(self, *, district_id: int | None, owner_id: int | None) -> bool:
        """Whether a project of that district and owner is inside the scope (the same rule as
        ``project_filter``, on plain values)."""
        return (
            self.is_city_wide
            or (district_id is not None and district_id in self.division_ids)
            or (owner_id is not None and owner_id in self.organisation_ids)
        )

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


def scope_for(actor) -> Scope:
    """The scope of a user (anonymous and inactive users see nothing), or ``actor`` itself when
    it already is a Scope. ``None`` raises TypeError: a caller that means the whole city passes
    ``Scope.city_wide_for_system()``."""
    from tuijin.accounts.models import User

    if isinstance(actor, Scope):
        return actor
    if actor is None:
        raise TypeError(
            "No user and no scope given. Pass the acting user, or "
            "Scope.city_wide_for_system() for a command that acts for the whole city."
        )
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return Scope()
    if actor.is_superuser or actor.role == User.Role.CITY_ADMIN:
        return Scope(is_city_wide=True, is_city_admin=True)
    if actor.role in (User.Role.LEADER, User.Role.BUREAU):
        return Scope(is_city_wide=True, is_read_only=True)
    if actor.role == User.Role.DISTRICT and actor.division_id:
        # The main district and any others (User.division_ids: one query per user instance).
        return Scope(division_ids=actor.division_ids)
    if actor.role == User.Role.OWNER and actor.organisation_id:
        return Scope(organisation_ids=frozenset({actor.organisation_id}))
    return Scope()


def acting_user(actor):
    """The user a write is recorded under (history, "submitted by", steps): the logged-in user,
    or None for the command line's ``Scope`` and for an anonymous visitor."""
    return actor if getattr(actor, "is_authenticated", False) else None
