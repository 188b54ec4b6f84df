"""The fixed cast of every access test (STYLE.md §7): a city admin, a 龙亭区 (410202) user, a
杞县 (410221) user, a project owner, a leader, a bureau and the anonymous visitor."""

import os

import pytest

from tests.factories import make_owner, make_plan
from tuijin.accounts.models import User
from tuijin.core.models import Division, Organisation

PASSWORD = "correct-horse-battery-staple-7"


@pytest.fixture(autouse=True)
def _english_in_test_code():
    """Tests assert on the English source messages of errors raised in test code; pages still
    render in the language each request asks for (zh-hans by default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reference_divisions(transactional_db):
    """A transactional test ends by emptying every table, the migration-loaded GB/T 2260
    divisions included; put them back before each such test (plans and the cast need them)."""
    from tuijin.core.divisions import divisions_sync

    divisions_sync(Division)


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


def pytest_sessionstart(session):
    """A run asked to use PostgreSQL must really be on PostgreSQL, not fall back silently."""
    from django.conf import settings

    url = os.environ.get("DATABASE_URL", "")
    engine = settings.DATABASES["default"]["ENGINE"]
    if url.startswith(("postgres://", "postgresql://")) and "postgresql" not in engine:
        raise pytest.UsageError(f"DATABASE_URL asks for PostgreSQL but the engine is {engine}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped test is a failed test: a missing browser or database must not pass."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which counts as a failure: {report.longrepr}"
