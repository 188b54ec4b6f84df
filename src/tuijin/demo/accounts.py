"""The demo accounts: one per role, so every page can be tried as each kind of user."""

import secrets
from dataclasses import dataclass

from django.db import transaction

from tuijin.accounts.models import User
from tuijin.core.models import Division, Organisation
from tuijin.demo.generator import FEATURED_OWNER_DISTRICT, FEATURED_OWNER_NAME

DEMO_PASSWORD_ENV = "TUIJIN_DEMO_PASSWORD"
TOURISM_BUREAU_NAME = "开封市文化广电和旅游局"
CITY = "410200"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    division: str | None = None  # GB/T 2260 code of a district user's district
    is_superuser: bool = False
    # Made-up contact details (the 555 exchange is not used for real numbers), so the
    # district's late list shows whom to call.
    full_name: str = ""
    phone: str = ""


# One account per role, so every page can be tried as each kind of user (DESIGN.md §1).
DEMO_ACCOUNTS = (
    DemoAccount("admin", User.Role.CITY_ADMIN, is_superuser=True, full_name="市重点项目办（演示）"),
    DemoAccount("leader", User.Role.LEADER, full_name="市领导（演示）"),
    DemoAccount("district-longting", User.Role.DISTRICT, division="410202",
                full_name="龙亭区发改委（演示）", phone="0371-25550202"),
    DemoAccount("district-lankao", User.Role.DISTRICT, division="410225",
                full_name="兰考县发改委（演示）", phone="0371-25550225"),
    DemoAccount("owner-demo", User.Role.OWNER, full_name="王建国（演示）", phone="13855500001"),
    DemoAccount("bureau-tourism", User.Role.BUREAU, full_name="市文广旅局（演示）"),
)


@transaction.atomic
def demo_accounts_ensure(*, password: str | None) -> tuple[list[User], str | None]:
    """Create whichever of the six demo accounts are missing; leave existing ones untouched.

    New accounts get ``password`` or, when it is None, one generated password shared by all of
    them. ``owner-demo`` belongs to the demo owner in 龙亭区 that the demo generator gives
    several projects (created here if the demo has not been loaded yet); ``bureau-tourism``
    to 开封市文化广电和旅游局 (created if missing). Returns the created users and the
    generated password (None when the password was given or nothing was created).
    """
    generated = None
    if password is None:
        generated = password = secrets.token_urlsafe(12)
    created = []
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        user = User(
            username=account.username, role=account.role, full_name=account.full_name,
            phone=account.phone,
            is_staff=account.is_superuser, is_superuser=account.is_superuser,
        )
        if account.division:
            user.division = Division.objects.get(code=account.division)
        if account.role == User.Role.OWNER:
            user.organisation = _demo_owner()
        elif account.role == User.Role.BUREAU:
            user.organisation = _tourism_bureau()
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        created.append(user)
    return created, (generated if created else None)


def _demo_owner() -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        name=FEATURED_OWNER_NAME, division=Division.objects.get(code=FEATURED_OWNER_DISTRICT),
        defaults={"kind": Organisation.Kind.OWNER, "is_demo": True},
    )
    return organisation


def _tourism_bureau() -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        name=TOURISM_BUREAU_NAME, division=Division.objects.get(code=CITY),
        defaults={"kind": Organisation.Kind.BUREAU},
    )
    return organisation
