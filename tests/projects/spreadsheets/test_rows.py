"""Reading a sheet's data rows into typed values (rows.RowReader); the imports built on it are
specified in test_imports.py, the cell parsers in test_cells.py."""

from decimal import Decimal

import pytest

from tuijin.accounts.scopes import Scope
from tuijin.projects.spreadsheets.layout import detect_layout
from tuijin.projects.spreadsheets.reader import Sheet
from tuijin.projects.spreadsheets.results import ImportResult
from tuijin.projects.spreadsheets.rows import RowReader

pytestmark = pytest.mark.django_db

CITY = Scope.city_wide_for_system()


def test_rows_shorter_than_the_header_read_as_blank_cells(plan):
    header = ["序号", "项目名称", "县区", "领域", "总投资", "年度计划投资", "备注"]
    sheet = Sheet(name="Sheet1", rows=[
        ["单位：万元"], header, [1.0, "开封石墨项目", "龙亭区", "先进制造业", 10.0, 5.0],
        [2.0, "杞县储能项目", "杞县", "先进制造业", 20.0], [3.0, "短行项目", "杞县"]])
    result = ImportResult(kind="projects", plan=plan.slug)
    reader = RowReader(layout=detect_layout(sheet), plan=plan, scope=CITY, result=result,
                       progress=None)
    parsed = reader.rows()
    assert [r.values.get("annual_plan_wan") for r in parsed] == [Decimal("5"), None, None]
    assert parsed[1].values["total_investment_wan"] == Decimal("20")
    assert "domain" not in parsed[2].values
    assert result.errors == []
