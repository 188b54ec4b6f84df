"""The fixed cast of every access test (STYLE.md §7): a city admin, a 龙亭区 (410202) user, a
杞县 (410221) user, a project owner, a leader, a bureau and the anonymous visitor."""

import pytest

from tests.factories import make_owner, make_plan
from tuijin.accounts.models import User
from tuijin.core.models import Division, Organisation

PASSWORD = "correct-horse-battery-staple-7"


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def plan(db):
    return make_plan()


@pytest.fixture
def owner_org(db):
    return make_owner()


@pytest.fixture
def cast(db, owner_org):
    """Users by role; each logs in with PASSWORD."""

    def user(username, role, **kw):
        return User.objects.create_user(username=username, password=PASSWORD, role=role, **kw)

    bureau = Organisation.objects.create(
        name="开封市文化广电和旅游局", kind=Organisation.Kind.BUREAU,
        division=Division.objects.get(code="410200"),
    )
    return {
        "admin": user("admin", User.Role.CITY_ADMIN),
        "longting": user("district-longting", User.Role.DISTRICT,
                         division=Division.objects.get(code="410202")),
        "qixian": user("district-qixian", User.Role.DISTRICT,
                       division=Division.objects.get(code="410221")),
        "owner": user("owner-demo", User.Role.OWNER, organisation=owner_org),
        "leader": user("leader", User.Role.LEADER),
        "bureau": user("bureau-tourism", User.Role.BUREAU, organisation=bureau),
    }
