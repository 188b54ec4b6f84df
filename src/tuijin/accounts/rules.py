"""What a user's role asks of their other fields, and the temporary passwords the city office
hands out: plain functions over plain values (STYLE.md §2)."""

import secrets

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError

DISTRICT_ROLES = frozenset({"district"})
ORGANISATION_ROLES = frozenset({"owner", "bureau"})

# Read aloud over the phone or copied from a screen: no 0/O, 1/l/I look-alikes.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_GROUPS = 3
PASSWORD_GROUP_LENGTH = 4


def role_needs_districts(role: str) -> bool:
    return role in DISTRICT_ROLES


def role_needs_organisation(role: str) -> bool:
    return role in ORGANISATION_ROLES


def scope_errors(*, role: str, district_count: int, has_organisation: bool,
                 labels: dict[str, str]) -> list[InputError]:
    """Every field the role still needs (DESIGN.md §1): a district user at least one district,
    an owner or a bureau its organisation. ``labels`` names the fields as the form shows them,
    so each message says which field to fill, in the page's language."""
    errors = []
    if role_needs_districts(role) and district_count == 0:
        errors.append(InputError(
            _("%(field)s: a district user needs at least one district.")
            % {"field": labels["divisions"]},
            hint=_("Tick the districts this user looks after."), field="divisions"))
    if role_needs_organisation(role) and not has_organisation:
        errors.append(InputError(
            _("%(field)s: a project owner or bureau user needs an organisation.")
            % {"field": labels["organisation"]},
            hint=_("Choose the unit this user reports for."), field="organisation"))
    return errors


def main_division_id(chosen: list[int], *, current: int | None) -> int | None:
    """The district a district user's pages open on: the current one while it is still chosen
    (editing other districts does not move the user), else the first chosen (callers pass
    them in GB/T 2260 code order)."""
    if current in chosen:
        return current
    return chosen[0] if chosen else None


def temporary_password(choice=secrets.choice) -> str:
    """A random password such as ``k7Qm-xR4p-9bTz`` (about 69 bits), for the city office to
    hand to a user, who then sets their own."""
    return "-".join(
        "".join(choice(PASSWORD_ALPHABET) for _i in range(PASSWORD_GROUP_LENGTH))
        for _g in range(PASSWORD_GROUPS)
    )
