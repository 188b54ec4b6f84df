"""Figures are kept exactly on every supported database (issue 11, item 7).

SQLite keeps a decimal column as a double: up to core.money.MAX_WAN (15 significant digits,
four of them decimals) a figure reads back as written, so a month read and saved unchanged
agrees with itself. Past the bound every path refuses it, naming the field. Run on PostgreSQL
too (DATABASE_URL)."""

from decimal import Decimal

import pytest

from tests.factories import make_project
from tuijin.core.errors import InputError
from tuijin.core.money import MAX_WAN
from tuijin.plans.models import Indicator, IndicatorActual
from tuijin.projects.bureau import parse_reported_value
from tuijin.projects.cycle_services import FilingInput, filing_save
from tuijin.projects.forms import MoneyField, money_input
from tuijin.projects.models import MonthlyReport, Project, ReportFiling
from tuijin.projects.services import report_save

pytestmark = pytest.mark.django_db


def test_the_largest_amount_reads_back_exactly_as_a_project_and_a_report(plan):
    project = make_project(plan, total_investment_wan=str(MAX_WAN), annual_plan_wan=str(MAX_WAN))
    report_save(project=project, month=1, investment_month_wan=MAX_WAN, cumulative_wan=None,
                user=None)
    stored = Project.objects.get(pk=project.pk)
    assert stored.total_investment_wan == stored.annual_plan_wan == MAX_WAN
    report = MonthlyReport.objects.get(project=project, month=1)
    assert report.investment_month_wan == report.cumulative_wan == MAX_WAN


def test_a_month_at_the_bound_saves_unchanged_as_the_form_shows_it(plan, cast, june):
    project = make_project(plan)
    field = MoneyField()
    data = FilingInput(investment_month_wan=field.clean("99,999,999,999.9999"))
    filing_save(project=project, month=6, data=data, user=cast["owner"])
    stored = ReportFiling.objects.get(project=project, month=6)
    assert stored.investment_month_wan == stored.cumulative_wan == MAX_WAN
    # The page writes the stored figures back into the boxes; saving them unchanged works.
    again = FilingInput(field.clean(money_input(stored.investment_month_wan)),
                        field.clean(money_input(stored.cumulative_wan)))
    saved = filing_save(project=project, month=6, data=again, user=cast["owner"],
                        version=stored.version)
    saved.refresh_from_db()
    assert saved.investment_month_wan == saved.cumulative_wan == MAX_WAN


def test_an_amount_past_the_bound_is_refused_on_its_field_in_the_form():
    with pytest.raises(Exception) as exc:
        MoneyField().clean("100000000000")
    assert "99,999,999,999.9999万元" in str(exc.value)


def test_a_cumulative_that_would_pass_the_bound_is_refused_on_the_cumulative(plan):
    project = make_project(plan)
    report_save(project=project, month=1, investment_month_wan=MAX_WAN, cumulative_wan=None,
                user=None)
    with pytest.raises(InputError) as exc:
        report_save(project=project, month=2, investment_month_wan=Decimal(1),
                    cumulative_wan=None, user=None)
    assert exc.value.field == "cumulative_wan"
    assert "too large" in exc.value.message
    assert not project.reports.filter(month=2).exists()


def test_a_correction_that_would_push_a_later_cumulative_past_the_bound_is_refused(plan):
    project = make_project(plan)
    report_save(project=project, month=1, investment_month_wan=Decimal(1), cumulative_wan=None,
                user=None)
    report_save(project=project, month=2, investment_month_wan=MAX_WAN - 1, cumulative_wan=None,
                user=None)
    with pytest.raises(InputError) as exc:
        report_save(project=project, month=1, investment_month_wan=Decimal(2),
                    cumulative_wan=None, user=None, allow_overwrite=True)
    assert exc.value.field == "cumulative_wan"
    assert project.reports.get(month=2).cumulative_wan == MAX_WAN


def test_the_largest_indicator_value_reads_back_exactly(plan):
    value = parse_reported_value("99999999999.9999", unit="万人次")
    indicator = Indicator.objects.create(plan=plan, code="arrivals", name="接待游客",
                                         unit="万人次", number=1)
    IndicatorActual.objects.create(indicator=indicator, month=1, value=value)
    assert IndicatorActual.objects.get(indicator=indicator).value == MAX_WAN


def test_an_indicator_value_past_the_bound_is_refused_on_its_field():
    with pytest.raises(InputError) as exc:
        parse_reported_value("100000000000", unit="万人次")
    assert exc.value.field == "value"
    assert "too large" in exc.value.message


def test_an_imported_amount_past_the_bound_is_refused_naming_row_and_column(plan, tmp_path):
    from tests.projects.spreadsheets import builders
    from tuijin.accounts.scopes import Scope
    from tuijin.projects.spreadsheets.imports import projects_import

    row = ["1", "", "开封石墨项目", "龙亭区", "先进制造业", "开封碳素", 1e11, "99999999999.9999"]
    path = builders.project_list(tmp_path / "big.xlsx", [row])
    result = projects_import(plan=plan, source=path, user=Scope.city_wide_for_system())
    assert not result.written and not Project.objects.exists()
    [error] = result.errors
    assert (error.row, error.column) == (4, "总投资")
    assert "too large" in error.message and "99,999,999,999.9999万元" in error.hint
