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
