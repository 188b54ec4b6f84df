"""The dashboards open on the latest locked month; filing ahead never moves them."""

from django.urls import reverse

from tests.factories import make_project, make_report
from tuijin.projects.cycle_services import period_lock, period_open


def test_filing_ahead_does_not_move_the_dashboard(client, cast, plan):
    project = make_project(plan)
    other = make_project(plan, name="另一个项目")
    for month in range(1, 6):
        make_report(project, month, "10", str(10 * month))
        period_open(plan=plan, month=month, user=cast["admin"])
        period_lock(plan=plan, month=month, user=cast["admin"])
    period_open(plan=plan, month=6, user=cast["admin"])
    make_report(project, 6, "10", "60")
    make_report(other, 12, "5", "5")  # a December figure entered by the city office
    client.force_login(cast["leader"])
    response = client.get(reverse("progress:city", args=[plan.slug]))
    assert response.context["period"].month == 5
    assert 'id="month-locked"' in response.content.decode()
    june = client.get(reverse("progress:city", args=[plan.slug]) + "?month=2023-06")
    page = june.content.decode()
    assert 'id="month-open"' in page and "50.0%" in page  # one of two projects reported


def test_before_any_lock_the_dashboard_shows_the_open_month(client, cast, plan):
    make_project(plan)
    period_open(plan=plan, month=1, user=cast["admin"])
    client.force_login(cast["admin"])
    response = client.get(reverse("progress:city", args=[plan.slug]))
    assert response.context["period"].month == 1


def test_the_discipline_page_shows_each_districts_return_rate(client, cast, plan):
    from decimal import Decimal

    from tuijin.projects.cycle_services import FilingInput, filing_review, filing_save

    period_open(plan=plan, month=6, user=cast["admin"])
    one, two = make_project(plan, name="一"), make_project(plan, name="二")
    for project in (one, two):
        filing_save(project=project, month=6, data=FilingInput(Decimal(5)),
                    user=cast["admin"], submit=True)
    filing_review(filing=one.filings.get(), action="return", user=cast["longting"],
                  comment="请补充")
    client.force_login(cast["leader"])
    page = client.get(reverse("progress:discipline", args=[plan.slug]) + "?month=2023-06")
    rows = page.context["districts"]
    longting = next(r for r in rows if r["code"] == "410202")
    assert longting["month"].return_rate == Decimal("0.5")
