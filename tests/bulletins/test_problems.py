"""Section 七、存在问题及督办, worded from the problems app's summary
(problems.summary.problem_summary) inside the reader's scope: closed in the month, still open,
overdue by responsible unit, by category, and the overdue list the office presses for."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from docx import Document

from tests.bulletins.programme import june_programme
from tuijin.accounts.scopes import Scope
from tuijin.bulletins import selectors
from tuijin.bulletins.sheets import bulletin_xlsx
from tuijin.bulletins.word import bulletin_docx
from tuijin.core.models import Organisation
from tuijin.core.periods import Period
from tuijin.problems.models import Problem, ProblemCategory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _problem(project, category, *, state, unit=None, deadline=None, raised=(2023, 5, 2),
             closed=None, escalated=False):
    return Problem.objects.create(
        project=project, category=category, description=f"{project.name}的问题",
        raised_at=datetime(*raised, 9, tzinfo=SHANGHAI), state=state, assigned_unit=unit,
        deadline=deadline, closed_at=datetime(*closed, 17, tzinfo=SHANGHAI) if closed else None,
        escalated_at=datetime(2023, 7, 2, tzinfo=SHANGHAI) if escalated else None)


@pytest.fixture
def problems(plan, cast):
    projects = june_programme(plan)
    land, funds = ProblemCategory.objects.order_by("order", "pk")[:2]
    bureau = cast["bureau"].organisation
    longting = Organisation.objects.create(name="龙亭区人民政府",
                                           kind=Organisation.Kind.DISTRICT_GOVERNMENT,
                                           division=projects["P1"].district)
    # Overdue on 2023-07-10: deadlines 6-30 (10 days) and 7-05 (5 days).
    _problem(projects["P5"], land, state="assigned", unit=bureau, deadline=date(2023, 6, 30),
             escalated=True)
    _problem(projects["P3"], funds, state="signed", unit=bureau, deadline=date(2023, 7, 5))
    _problem(projects["P1"], land, state="assigned", unit=longting,
             deadline=date(2023, 7, 31))
    _problem(projects["P2"], funds, state="closed", unit=longting, deadline=date(2023, 6, 20),
             raised=(2023, 6, 1), closed=(2023, 6, 11))
    _problem(projects["P4"], land, state="raised")
    return {"land": land.name, "funds": funds.name}


def _content(user, plan):
    return selectors.bulletin_content(
        user, plan=plan, period=Period(2023, 6),
        header=selectors.header_for(plan, 6, today=date(2023, 7, 10)), next_steps="")


def test_the_section_counts_closed_open_and_overdue_as_of_the_bulletins_date(plan, problems):
    content = _content(Scope.city_wide_for_system(), plan)
    ordinal, section = content.numbered_sections()[6]
    assert (ordinal, section.heading) == ("七", "存在问题及督办")
    assert section.paragraphs[0] == ("截至2023年7月10日，项目共反映问题5个；6月销号1个，"
                                     "尚未销号4个，其中超过办理时限2个。")
    assert section.paragraphs[1] == "未销号问题中已提级至市级督办1个。"
    assert section.paragraphs[2] == (f"从问题类别看，未销号的有：{problems['land']}3个（逾期1个）、"
                                     f"{problems['funds']}1个（逾期1个）。")
    assert section.paragraphs[3] == ("以下责任单位有逾期未办结问题，请立即办理："
                                     "开封市文化广电和旅游局（2个）。")


def test_the_tables_by_unit_overdue_and_closed(plan, problems):
    content = _content(Scope.city_wide_for_system(), plan)
    assert content.table("problems_by_unit").rows == [
        [1, "开封市文化广电和旅游局", 2, 2, 10], [2, "龙亭区人民政府", 1, 0, None]]
    assert content.table("problems_by_unit").total == [None, "合计", 3, 2, None]
    overdue = content.table("problems_overdue").rows
    assert [(r[1], r[5], r[6], r[7]) for r in overdue] == [
        ("P5", "开封市文化广电和旅游局", "2023年6月30日", 10),
        ("P3", "开封市文化广电和旅游局", "2023年7月5日", 5)]
    assert content.table("problems_closed").rows == [
        [1, "P2", "龙亭", problems["funds"], "龙亭区人民政府", 10]]


def test_a_districts_version_holds_only_its_own_problems(plan, problems, cast):
    content = _content(cast["longting"], plan)
    section = content.numbered_sections()[6][1]
    assert section.paragraphs[0].startswith("截至2023年7月10日，项目共反映问题2个；6月销号1个")
    assert "problems_overdue" not in [t.key for t in content.tables]


def test_the_section_is_in_the_docx_and_the_xlsx(plan, problems):
    content = _content(Scope.city_wide_for_system(), plan)
    import io

    doc = Document(io.BytesIO(bulletin_docx(content)))
    assert "七、存在问题及督办" in [p.text for p in doc.paragraphs]
    units = next(t for t in doc.tables if t.rows[0].cells[1].text == "责任单位"
                 and t.rows[0].cells[2].text == "未销号")
    assert [c.text for c in units.rows[1].cells] == ["1", "开封市文化广电和旅游局", "2", "2", "10"]
    book = openpyxl.load_workbook(io.BytesIO(bulletin_xlsx(content)))
    sheet = next(book[n] for n in book.sheetnames if "各责任单位未销号问题" in n)
    assert [c.value for c in sheet[4]] == [1, "开封市文化广电和旅游局", 2, 2, 10]


def test_no_problem_at_all_says_so(plan):
    june_programme(plan)
    section = _content(Scope.city_wide_for_system(), plan).numbered_sections()[6][1]
    assert section.paragraphs == ["目前尚无项目反映问题。"] and section.tables == []
