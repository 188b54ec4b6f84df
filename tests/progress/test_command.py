import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_project, make_report
from tuijin.plans.models import Indicator, Target

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command("progress", *args, stdout=out)
    return out.getvalue()


def test_json_prints_every_dashboard_figure(plan):
    project = make_project(plan, annual_plan_wan="20000000", is_industrial=True)
    make_report(project, 6, "10000000", "10000000")
    make_project(plan, district="410221", domain="ecology", annual_plan_wan="100")
    indicator = Indicator.objects.create(plan=plan, code="annual-investment", name="年度完成投资",
                                         unit="亿元", source="investment")
    Target.objects.create(indicator=indicator, comparator="gte", value=3000, unit="亿元",
                          commitment="must")
    data = json.loads(_run("--plan", plan.slug, "--month", "2023-06", "--json"))
    assert data["month"] == "2023-06" and data["time_progress"] == "0.5"
    investment = data["headline"][1]
    assert investment["actual"] == "1000" and investment["unit"] == "亿元"
    assert investment["status"]["status"] == "behind" and investment["status"]["light"] == "red"
    assert data["lights"] == {"green": 1, "yellow": 0, "red": 0, "missing": 1}
    assert [d["code"] for d in data["by_district"]] == ["410202", "410221"]
    assert data["rankings"]["districts"][0] == {"rank": 1, "code": "410202",
                                                "completion": "0.5"}
    assert data["missing_reports"][0]["district"] == "410221"
    assert data["targets"][0]["indicator"] == "annual-investment"
    assert {"headline", "three_batches", "by_domain", "total"} <= data.keys()


def test_summary_line_without_json(plan):
    make_project(plan)
    out = _run("--plan", plan.slug, "--month", "2023-03")
    assert "1 projects, 0 reported, 1 missing" in out


def test_month_outside_plan_year_is_refused(plan):
    with pytest.raises(CommandError, match="2023-01"):  # the hint names the plan's months
        _run("--plan", plan.slug, "--month", "2024-01")


def test_unknown_plan_is_refused(db):
    with pytest.raises(CommandError, match="No plan"):
        _run("--plan", "nope")


def test_the_command_acts_for_the_whole_city_with_the_system_scope(plan, monkeypatch):
    """Not a made-up user object: the explicit system scope, and the command says so."""
    from tuijin.accounts.scopes import Scope
    from tuijin.progress import selectors

    seen = []
    real = selectors.dashboard_for

    def spy(actor, **kwargs):
        seen.append(actor)
        return real(actor, **kwargs)

    monkeypatch.setattr("tuijin.progress.management.commands.progress.dashboard_for", spy)
    make_project(plan, district="410221")
    out, err = StringIO(), StringIO()
    call_command("progress", "--plan", plan.slug, "--month", "2023-03", stdout=out, stderr=err)
    assert seen == [Scope.city_wide_for_system()]
    assert "1 projects" in out.getvalue()
    assert "whole city" in err.getvalue()
