"""Who may open which progress page: every progress URL × every role (STYLE.md §7).

The project under test is in 龙亭区 (410202) and belongs to the owner's organisation, so the
杞县 user is the stranger. A district user opening the city dashboard is sent to their own
district (302); another district's dashboard or project is 404.
"""

import pytest
from django.urls import get_resolver, reverse

from tests.factories import make_project, make_report

ROLES = ("anonymous", "admin", "leader", "bureau", "longting", "qixian", "owner")
ALL_200 = (302, 200, 200, 200, 200, 200, 200)

MATRIX = {
    ("progress:index", ()): (302, 302, 302, 302, 302, 302, 302),
    ("progress:city", ("slug",)): (302, 200, 200, 200, 302, 302, 200),
    ("progress:city", ("unknown_slug",)): (302, 404, 404, 404, 404, 404, 404),
    ("progress:district", ("slug", "district")): (302, 200, 200, 200, 200, 404, 200),
    ("progress:district", ("slug", "foreign_district")): (302, 404, 404, 404, 404, 404, 404),
    ("progress:domain", ("slug", "domain")): ALL_200,
    ("progress:domain", ("slug", "unknown_domain")): (302, 404, 404, 404, 404, 404, 404),
    ("progress:indicators", ("slug",)): ALL_200,
    ("progress:curve", ("slug",)): ALL_200,
    ("progress:projects", ("slug",)): ALL_200,
    ("progress:project", ("slug", "pk")): (302, 200, 200, 200, 200, 404, 200),
    ("progress:project", ("slug", "unknown_pk")): (302, 404, 404, 404, 404, 404, 404),
    ("progress:discipline", ("slug",)): ALL_200,
}

CASES = [
    pytest.param(name, args, role, expected, id=f"{name}{list(args)}-{role}")
    for (name, args), statuses in MATRIX.items()
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(("name", "args", "role", "expected"), CASES)
def test_progress_access_matrix(client, cast, plan, owner_org, name, args, role, expected):
    project = make_project(plan, district="410202", owner=owner_org)
    make_report(project, 1, "10", "10")
    values = {"slug": plan.slug, "unknown_slug": "nowhere-1999", "pk": project.pk,
              "unknown_pk": project.pk + 1000, "district": "410202",
              "foreign_district": "410102", "domain": "manufacturing",
              "unknown_domain": "nowhere"}
    if role != "anonymous":
        client.force_login(cast[role])
    response = client.get(reverse(name, args=[values[a] for a in args]), {"month": "2023-01"})
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


def test_every_progress_url_is_in_the_matrix():
    _prefix, resolver = get_resolver().namespace_dict["progress"]
    names = {f"progress:{name}" for name in resolver.reverse_dict if isinstance(name, str)}
    assert names - {name for name, _args in MATRIX} == set()
