"""Every number in the .docx and the .xlsx is the progress computations' own figure for the
same month (progress.selectors.dashboard_for, discipline_by), read back from the files with
python-docx and openpyxl; and making a bulletin changes no data."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core import serializers
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from docx import Document

from tests.bulletins.programme import june_programme
from tuijin.accounts.scopes import Scope
from tuijin.bulletins import selectors
from tuijin.bulletins.sheets import bulletin_xlsx
from tuijin.bulletins.word import bulletin_docx
from tuijin.core.periods import Period
from tuijin.core.shares import percent
from tuijin.progress.selectors import dashboard_for, discipline_by, programme_for

pytestmark = pytest.mark.django_db
CITY = Scope.city_wide_for_system()
JUNE = Period(2023, 6)


def yi(wan: Decimal) -> str:
    return f"{(wan / 10000).quantize(Decimal('0.01')):.2f}"


def wan(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):,.2f}"


def pts(share: Decimal) -> str:
    value = (share * 100).quantize(Decimal("0.1"))
    return f"{value:+.1f}" if value else "0.0"


@pytest.fixture
def month(plan):
    june_programme(plan)
    content = selectors.bulletin_content(
        CITY, plan=plan, period=JUNE,
        header=selectors.header_for(plan, 6, today=date(2023, 7, 10)), next_steps="")
    with translation.override("zh-hans"):
        dashboard = dashboard_for(CITY, plan=plan, period=JUNE, lagging_limit=50)
    owners = discipline_by(programme_for(CITY, plan=plan).projects, plan=plan, period=JUNE,
                           by="owner_id")
    return content, dashboard, owners


def _rate_row(line, time_progress) -> list[str]:
    t = line.totals
    return [str(t.projects), wan(t.planned_wan), wan(t.cumulative_wan), percent(t.completion),
            pts(t.completion - time_progress), str(line.rank)]


def _docx_table(doc, first_header: str, second_header: str):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == first_header
                and t.rows[0].cells[1].text == second_header)


def test_every_number_in_the_docx_is_the_dashboards(month):
    content, d, owners = month
    doc = Document(io.BytesIO(bulletin_docx(content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    t, tp = d.total.totals, d.time_progress
    # 总体情况: projects, plan, the standard sentence, lights.
    assert f"共安排重点项目{t.projects}个" in text
    assert f"年度计划投资{yi(t.planned_wan)}亿元" in text
    gap = (t.completion - tp) * 100
    assert (f"累计完成投资{yi(t.cumulative_wan)}亿元，占年度计划的{percent(t.completion)}，"
            f"慢于时间进度{abs(gap).quantize(Decimal('0.1'))}个百分点") in text
    assert (f"{t.projects}个项目中，6月已报送{t.reported}个；亮绿灯{t.green}个、黄灯{t.yellow}个、"
            f"因进度滞后亮红灯{t.red}个、未报送{t.missing}个") in text
    # 三个一批.
    for item in d.campaign:
        assert f"{item.label}项目{int(item.actual)}个" in text
    # 分领域 and 分县区: every row and the total.
    domains = _docx_table(doc, "领域", "项目数")
    lines = [line for line in d.by_domain if line.totals.projects]
    assert [[c.text for c in r.cells] for r in domains.rows[1:-1]] == [
        [line.ref.name, *_rate_row(line, tp)] for line in lines]
    assert [c.text for c in domains.rows[-1].cells] == [
        "合计", *_rate_row(d.total, tp)[:-1], ""]
    districts = _docx_table(doc, "县区", "项目数")
    assert [[c.text for c in r.cells] for r in districts.rows[1:-1]] == [
        [line.ref.name, *_rate_row(line, tp),
         percent(Decimal(line.totals.under_way) / line.totals.projects)]
        for line in d.by_district]
    # 亮灯项目: the dashboard's lagging list, with its reasons.
    lagging = _docx_table(doc, "序号", "项目名称")
    assert [[c.text for c in r.cells] for r in lagging.rows[1:]] == [
        [str(i), row["name"], row["district__name"], row["owner__name"],
         wan(row["annual_plan_wan"]), wan(row["cumulative_wan"]), percent(row["completion"]),
         "红灯", row["blockers"]] for i, row in enumerate(d.lagging, start=1)]
    # 未按时填报: the discipline by unit.
    late = _docx_table(doc, "序号", "项目单位")
    expected = sorted((r for r in owners if r["month"].late or r["month"].missing),
                      key=lambda r: (-r["month"].missing, -r["month"].late, r["name"]))
    assert [[c.text for c in r.cells] for r in late.rows[1:]] == [
        [str(i), r["name"], str(r["projects"]), str(r["month"].on_time), str(r["month"].late),
         str(r["month"].missing)] for i, r in enumerate(expected, start=1)]


def test_every_number_in_the_xlsx_is_the_dashboards(month):
    content, d, owners = month
    book = openpyxl.load_workbook(io.BytesIO(bulletin_xlsx(content)))
    tp = d.time_progress

    def numbers(line):
        t = line.totals
        # A rate is stored as a float to 15 significant digits, as Excel keeps it.
        return [t.projects, float(t.planned_wan), float(t.cumulative_wan),
                pytest.approx(float(t.completion), rel=1e-12),
                float((t.completion - tp) * 100).__round__(1), line.rank]

    domains = book["1.各领域完成率"]
    lines = [line for line in d.by_domain if line.totals.projects]
    rows = list(domains.iter_rows(min_row=4, values_only=True))
    assert [list(r) for r in rows[:-1]] == [[line.ref.name, *numbers(line)] for line in lines]
    assert list(rows[-1]) == ["合计", *numbers(d.total)[:-1], None]
    districts = book["2.各县区重点项目建设进展排名"]
    rows = list(districts.iter_rows(min_row=4, values_only=True))
    assert [list(r) for r in rows[:-1]] == [
        [line.ref.name, *numbers(line),
         pytest.approx(line.totals.under_way / line.totals.projects, rel=1e-12)]
        for line in d.by_district]
    total = d.total.totals
    assert list(rows[-1]) == ["合计", *numbers(d.total)[:-1], None,
                              pytest.approx(total.under_way / total.projects, rel=1e-12)]
    lagging = book["3.亮红灯项目"]
    assert [list(r) for r in lagging.iter_rows(min_row=4, values_only=True)] == [
        [i, row["name"], row["district__name"], row["owner__name"],
         float(row["annual_plan_wan"]), float(row["cumulative_wan"]),
         pytest.approx(float(row["completion"]), rel=1e-12),
         "红灯", row["blockers"]] for i, row in enumerate(d.lagging, start=1)]
    late = book["4.未按时填报单位"]
    expected = sorted((r for r in owners if r["month"].late or r["month"].missing),
                      key=lambda r: (-r["month"].missing, -r["month"].late, r["name"]))
    assert [list(r) for r in late.iter_rows(min_row=4, values_only=True)] == [
        [i, r["name"], r["projects"], r["month"].on_time, r["month"].late, r["month"].missing]
        for i, r in enumerate(expected, start=1)]


def test_the_xlsx_is_laid_out_for_printing(month):
    content, _d, _owners = month
    book = openpyxl.load_workbook(io.BytesIO(bulletin_xlsx(content)))
    sheet = book["2.各县区重点项目建设进展排名"]
    assert "A1:H1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == "B4"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    # Fit to one page wide (1 is the default, left out of the file), as many pages tall as needed.
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert sheet["D4"].number_format == "#,##0.00" and sheet["E4"].number_format == "0.0%"
    assert sheet[f"A{sheet.max_row}"].font.b  # the 合计 row in bold
    assert sheet.column_dimensions["D"].width >= 13  # 11,123.45 and its header fit


def _snapshot() -> str:
    from django.apps import apps

    models = [m for m in apps.get_models()
              if m._meta.app_label in ("projects", "plans", "problems", "bulletins", "core")]
    return serializers.serialize("json", [o for m in models for o in m._default_manager.all()])


def test_making_a_bulletin_changes_no_data(plan, cast, client, tmp_path):
    june_programme(plan)
    before = _snapshot()
    for fmt in ("docx", "xlsx"):
        call_command("bulletin", "--plan", plan.slug, "--month", "2023-06", "--format", fmt,
                     "-o", str(tmp_path / f"b.{fmt}"), stdout=io.StringIO(),
                     stderr=io.StringIO())
    client.force_login(cast["admin"])
    assert client.get(reverse("bulletins:preview", args=[plan.slug, 6])).status_code == 200
    assert client.get(reverse("bulletins:download", args=[plan.slug, 6, "xlsx"])).status_code \
        == 200
    client.force_login(cast["longting"])
    assert client.get(reverse("bulletins:district", args=[plan.slug, 6])).status_code == 200
    assert _snapshot() == before
