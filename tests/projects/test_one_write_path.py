"""The same figures get the same verdict whichever path writes them: the report form and the
spreadsheet import both resolve a report through projects.rules.report_write_plan."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import make_project, make_report
from tests.projects.spreadsheets import builders
from tuijin.accounts.scopes import Scope
from tuijin.core.periods import Period
from tuijin.projects.spreadsheets.imports import reports_import

D = Decimal

# (earlier reports as (month, this month, cumulative), month, this month, cumulative)
CASES = {
    "late starter's first report carries earlier investment": ([], 3, "30", "100"),
    "first report below its month": ([], 3, "30", "20"),
    "agrees with the previous month": ([(1, "10", "10")], 2, "15", "25"),
    "disagrees with the previous month": ([(1, "10", "10")], 2, "15", "30"),
    "negative month": ([(1, "10", "10")], 2, "-5", "5"),
    "cumulative falls": ([(1, "10", "10")], 2, None, "5"),
    "a missing month in between": ([(1, "10", "10")], 3, "5", "15"),
    "correction moves a later month": ([(1, "10", "10"), (3, "5", "15")], 2, "7", "17"),
}

REFUSED = {"first report below its month", "disagrees with the previous month", "negative month",
           "cumulative falls"}


def _via_form(client, user, project, month, month_wan, cumulative):
    client.force_login(user)
    url = reverse("projects:report_create", args=[project.pk])
    data = {"month": str(month), "investment_month_wan": month_wan or "",
            "cumulative_wan": cumulative or ""}
    response = client.post(url, data)
    if response.status_code == 200 and response.context.get("shift_notice"):
        data["confirm_shift"] = response.context["form"].data["confirm_shift"]
        response = client.post(url, data)
    return response.status_code == 302


def _via_import(tmp_path, plan, project, month, month_wan, cumulative):
    header = ["项目名称", "县区", "本月完成投资", f"1-{month}月完成投资"]
    path = builders.write_xlsx(tmp_path / "report.xlsx", [
        ["单位：万元"], header, [project.name, "龙亭区", month_wan, cumulative]])
    result = reports_import(plan=plan, source=path, period=Period(plan.year, month),
                            user=Scope.city_wide_for_system())
    return result.written


@pytest.mark.parametrize("case", CASES)
def test_form_and_import_give_the_same_verdict_and_the_same_figures(case, client, cast, plan,
                                                                    tmp_path):
    history, month, month_wan, cumulative = CASES[case]
    by_form = make_project(plan, name="表单项目")
    by_import = make_project(plan, name="导入项目")
    for project in (by_form, by_import):
        for args in history:
            make_report(project, *args)
    saved_by_form = _via_form(client, cast["admin"], by_form, month, month_wan, cumulative)
    saved_by_import = _via_import(tmp_path, plan, by_import, month, month_wan, cumulative)
    assert saved_by_form == saved_by_import == (case not in REFUSED)

    def figures(project):
        return list(project.reports.order_by("month").values_list(
            "month", "investment_month_wan", "cumulative_wan"))

    assert figures(by_form) == figures(by_import)
