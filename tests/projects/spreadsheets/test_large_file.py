import pytest
import xlsxwriter

from tuijin.accounts.scopes import Scope
from tuijin.projects.models import Project
from tuijin.projects.spreadsheets.imports import projects_import

pytestmark = pytest.mark.django_db

# These tests import as the command line does: for the whole city.
CITY = Scope.city_wide_for_system()

ROWS = 30_000
BAD_ROW = 15_000


def test_30000_rows_with_one_bad_row_in_the_middle_write_nothing_and_name_it(plan, tmp_path):
    path = tmp_path / "thirty_thousand_rows_one_bad.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = workbook.add_worksheet()
    ws.write_row(0, 0, ["单位：万元"])
    ws.write_row(1, 0, ["序号", "项目名称", "县区", "领域", "总投资", "年度计划投资"])
    for i in range(1, ROWS + 1):
        amount = "12,5" if i == BAD_ROW else 100 + i
        ws.write_row(i + 1, 0, [i, f"项目{i}", "龙亭区", "先进制造业", amount, 50])
    workbook.close()
    result = projects_import(plan=plan, source=path, user=CITY)
    [error] = result.errors
    assert (error.row, error.column, error.value) == (BAD_ROW + 2, "总投资", "12,5")
    assert "12.5" in error.hint
    assert Project.objects.count() == 0
