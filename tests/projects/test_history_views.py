"""The history pages: the project's (/projects/p/<pk>/history/) and the month's, on the filing
page. Readable by whoever may see the project, in order, old → new with who and why; nothing
on them writes."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_project
from tests.projects.test_history_selectors import a_month_of_the_cycle
from tuijin.projects.history_views import ENTRIES_PER_PAGE


def page(client, user, url):
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    return response, response.content.decode()


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def cards(html: str) -> list[str]:
    """The history's entries as the reader sees them, top to bottom."""
    return [text(card) for card in html.split('<li class="card history-entry')[1:]]


def test_the_history_page_shows_each_step_and_figure_change_in_order(client, cast, plan,
                                                                    owner_org):
    project = a_month_of_the_cycle(plan, cast, owner_org)
    response, html = page(client, cast["owner"], reverse("projects:history", args=[project.pk]))
    assert response.status_code == 200
    # Newest first: the city office's correction of May and what it moved in June, the
    # approval, the corrected resubmission, the return with its comment, the first submission,
    # the draft; the project's creation last. Each card: when, who, which month, what, old →
    # new, why.
    expected = [
        ("admin · month 5", "Counted figures of month 5 changed",
         "Investment this month (万元) 100.00 → 120.00", "Reason: 审计调整"),
        ("admin · month 6", "Counted figures of month 6 changed",
         "Cumulative investment this year (万元) 160.00 → 180.00",
         "Reason: Moved by the correction of month 5: 审计调整"),
        ("district-longting · month 6", "Approved (Submitted → Approved)"),
        ("owner-demo · month 6", "Counted figures of month 6 entered", "— → 60.00",
         "Reason: Submitted"),
        ("owner-demo · month 6", "Submitted (Returned → Submitted)",
         "Investment this month (万元) 50.00 → 60.00",
         "Cumulative investment this year (万元) 150.00 → 160.00",
         "Physical progress — → 主体结构封顶"),
        ("district-longting · month 6", "Counted figures of month 6 withdrawn",
         "Investment this month (万元) 50.00 → —", "Reason: 投资额与台账不符"),
        ("district-longting · month 6", "Returned (Submitted → Returned)",
         "Comment: 投资额与台账不符"),
        ("owner-demo · month 6", "Counted figures of month 6 entered", "— → 50.00"),
        ("owner-demo · month 6", "Submitted (Draft → Submitted)"),
        ("owner-demo · month 6", "Draft saved (Not filed → Draft)",
         "Investment this month (万元) — → 50.00",
         "Cumulative investment this year (万元) — → 150.00"),
        ("System · month 5", "Counted figures of month 5 entered", "— → 100.00"),
        ("System", "Project created", "Project name — → " + project.name),
    ]
    shown = cards(html)
    assert len(shown) == len(expected), shown
    for card, pieces in zip(shown, expected, strict=True):
        assert all(piece in card for piece in pieces), (pieces, card)


@pytest.mark.parametrize("role", ["admin", "leader", "bureau", "longting", "owner"])
def test_every_role_that_sees_the_project_reads_its_history(client, cast, plan, owner_org,
                                                           role):
    project = a_month_of_the_cycle(plan, cast, owner_org)
    response, html = page(client, cast[role], reverse("projects:history", args=[project.pk]))
    assert response.status_code == 200
    assert "投资额与台账不符" in html


def test_another_districts_user_gets_404(client, cast, plan, owner_org):
    project = a_month_of_the_cycle(plan, cast, owner_org)
    response, _ = page(client, cast["qixian"], reverse("projects:history", args=[project.pk]))
    assert response.status_code == 404


def test_a_month_narrows_the_history_and_a_month_outside_the_year_is_404(client, cast, plan,
                                                                        owner_org):
    project = a_month_of_the_cycle(plan, cast, owner_org)
    url = reverse("projects:history", args=[project.pk])
    _, may = page(client, cast["admin"], url + "?month=5")
    assert "Counted figures of month 5 changed" in may
    assert "Counted figures of month 6" not in may and "Project created" not in may
    assert page(client, cast["admin"], url + "?month=13")[0].status_code == 404
    assert page(client, cast["admin"], url + "?month=x")[0].status_code == 404


def test_a_long_history_is_paged(client, cast, plan, owner_org):
    project = make_project(plan, district="410202", owner=owner_org)
    for n in range(ENTRIES_PER_PAGE + 5):
        project.name = f"项目{n}"
        project.save()
    url = reverse("projects:history", args=[project.pk])
    _, first = page(client, cast["admin"], url)
    assert first.count('class="card history-entry project"') == ENTRIES_PER_PAGE
    assert "项目34" in first and "Page 1 of 2" in first
    _, second = page(client, cast["admin"], url + "?page=2")
    assert second.count('class="card history-entry project"') == 6


def test_the_history_shows_people_by_name_and_nothing_of_their_accounts(client, cast, plan,
                                                                       owner_org):
    owner = cast["owner"]
    owner.full_name = "王建设"
    owner.save()
    project = a_month_of_the_cycle(plan, cast, owner_org)
    _, html = page(client, cast["leader"], reverse("projects:history", args=[project.pk]))
    assert "王建设" in html
    assert owner.password not in html and "md5$" not in html


def test_the_filing_page_shows_the_months_steps_with_their_figure_changes(client, cast, plan,
                                                                         owner_org):
    project = a_month_of_the_cycle(plan, cast, owner_org)
    _, html = page(client, cast["longting"], reverse("projects:filing", args=[project.pk, 6]))
    shown = text(html)
    assert "160.00 → 180.00" in shown and "Moved by the correction of month 5: 审计调整" in shown
    assert "Investment this month (万元) 50.00 → 60.00" in shown
    assert "Counted figures of month 5" not in shown
    assert reverse("projects:history", args=[project.pk]) in html


def test_the_project_page_links_its_history(client, cast, plan, owner_org):
    project = make_project(plan, district="410202", owner=owner_org)
    _, html = page(client, cast["leader"], project.get_absolute_url())
    assert reverse("projects:history", args=[project.pk]) in html


def test_the_history_page_writes_nothing(client, cast, plan, owner_org):
    project = make_project(plan, district="410202", owner=owner_org)
    client.force_login(cast["admin"])
    response = client.post(reverse("projects:history", args=[project.pk]))
    assert response.status_code == 405
