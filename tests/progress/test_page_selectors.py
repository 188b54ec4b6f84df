"""The selectors behind the progress pages (progress/selectors.py): which month a page shows,
which district it may open, the projects behind a number, a project's year, discipline."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import Http404

from tests.factories import make_owner, make_project, make_report
from tuijin.core.errors import InputError
from tuijin.core.periods import Period
from tuijin.progress.lights import Light, LightScheme
from tuijin.progress.selectors import (
    discipline_by,
    district_for_user,
    month_shown,
    programme_for,
    project_year,
    projects_behind,
    with_lights,
)
from tuijin.projects.models import MonthlyReport

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 15)


def test_month_shown_is_the_month_asked_for(plan, cast):
    assert month_shown(cast["admin"], plan=plan, asked="2023年3月", today=TODAY) == Period(2023, 3)


def test_month_shown_is_otherwise_the_latest_reported_in_the_users_programme(plan, cast):
    make_report(make_project(plan, district="410202"), 4, "1", "1")
    make_report(make_project(plan, district="410221"), 7, "1", "1")
    assert month_shown(cast["admin"], plan=plan, asked="", today=TODAY) == Period(2023, 7)
    assert month_shown(cast["longting"], plan=plan, asked=None, today=TODAY) == Period(2023, 4)


def test_month_shown_without_reports_is_the_last_finished_month(plan, cast):
    assert month_shown(cast["admin"], plan=plan, asked=None,
                       today=date(2023, 5, 3)) == Period(2023, 4)


def test_month_of_another_year_is_refused_naming_the_field(plan, cast):
    with pytest.raises(InputError) as err:
        month_shown(cast["admin"], plan=plan, asked="2024-01", today=TODAY)
    assert err.value.field == "month"


def test_district_user_gets_404_for_another_district(plan, cast):
    assert district_for_user(cast["longting"], plan=plan, code="410202").code == "410202"
    with pytest.raises(Http404):
        district_for_user(cast["longting"], plan=plan, code="410221")
    with pytest.raises(Http404):
        district_for_user(cast["admin"], plan=plan, code="999999")


def test_projects_behind_a_number_stay_in_scope_and_narrow(plan, cast):
    green = make_project(plan, name="green", district="410202", annual_plan_wan="1200",
                         is_industrial=True)
    make_report(green, 6, "600", "600")
    make_project(plan, name="missing", district="410202", annual_plan_wan="1200")
    make_report(make_project(plan, name="qixian", district="410221"), 6, "1", "1")
    june = Period(2023, 6)
    mine = projects_behind(cast["longting"], plan=plan, period=june)
    assert sorted(p.name for p in mine) == ["green", "missing"]
    assert [p.name for p in projects_behind(cast["admin"], plan=plan, period=june,
                                            industrial="1")] == ["green"]
    assert [p.name for p in projects_behind(cast["admin"], plan=plan, period=june,
                                            light="missing", district="410202")] == ["missing"]
    lights = {p.name: v.light for p, v in with_lights(mine, period=june, scheme=LightScheme())}
    assert lights == {"green": Light.GREEN, "missing": Light.RED}


def test_project_year_gives_each_months_light_and_the_forecast(plan):
    project = make_project(plan, annual_plan_wan="1200")
    make_report(project, 2, "200", "200")
    make_report(project, 3, "100", "300")
    year = project_year(project, plan=plan)
    assert [(m.period.month, m.report is not None, m.verdict.light) for m in year.months] == [
        (1, False, Light.RED), (2, True, Light.GREEN), (3, True, Light.GREEN)]
    assert year.forecast is not None


def test_project_year_before_the_first_report_has_no_forecast(plan):
    year = project_year(make_project(plan), plan=plan)
    assert len(year.months) == 1 and year.months[0].verdict.is_missing
    assert year.forecast is None


def test_discipline_by_district_names_and_links_them_and_owners_read_worst_first(plan, cast):
    good, slow = make_owner("按时公司"), make_owner("迟报公司")
    make_report(make_project(plan, owner=good, district="410202"), 1, "1", "1")
    make_project(plan, owner=slow, district="410221")
    programme = programme_for(cast["admin"], plan=plan)
    january = Period(2023, 1)
    districts = discipline_by(programme.projects, plan=plan, period=january, by="district_id")
    assert [(row["code"], row["rank"]) for row in districts] == [("410202", 1), ("410221", 2)]
    owners = discipline_by(programme.projects, plan=plan, period=january, by="owner_id")
    assert [(row["name"], row["code"]) for row in owners] == [("迟报公司", ""), ("按时公司", "")]


def test_discipline_of_the_month_alone_counts_as_the_year_does_for_that_month(plan, cast):
    """The bulletin's month-only reading: the same month figures as the full reading (late,
    missing, on time), no year."""
    late, prompt = make_owner("迟报公司"), make_owner("按时公司")
    make_report(make_project(plan, owner=prompt, district="410202"), 1, "1", "1")
    make_report(make_project(plan, owner=prompt, district="410202"), 2, "1", "1")
    make_project(plan, owner=late, district="410221")
    after_the_due_day = datetime(2023, 3, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
    tardy = make_report(make_project(plan, owner=late, district="410221"), 2, "1", "1")
    MonthlyReport.objects.filter(pk=tardy.pk).update(submitted_at=after_the_due_day)
    programme = programme_for(cast["admin"], plan=plan)
    for month in (1, 2):
        period = Period(2023, month)
        full = discipline_by(programme.projects, plan=plan, period=period, by="owner_id")
        alone = discipline_by(programme.projects, plan=plan, period=period, by="owner_id",
                              month_only=True)
        assert {row["name"]: row["month"] for row in alone} == \
            {row["name"]: row["month"] for row in full}
        assert all(row["year"] is None for row in alone)
    february = discipline_by(programme.projects, plan=plan, period=Period(2023, 2),
                             by="owner_id", month_only=True)
    by_name = {row["name"]: row["month"] for row in february}
    assert by_name["按时公司"].received == 1 and by_name["按时公司"].missing == 1
    assert by_name["迟报公司"].missing == 1 and by_name["迟报公司"].late == 1
