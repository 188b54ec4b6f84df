"""The bulletin's content (bulletins.content) on the small fixed programme of
tests/bulletins/programme.py, figure by figure, in the Chinese it is written in."""

from datetime import date
from decimal import Decimal

import pytest

from tests.bulletins.programme import june_programme
from tests.factories import make_project
from tuijin.accounts.scopes import Scope
from tuijin.bulletins import selectors
from tuijin.bulletins.content import content_as_dict, content_from_dict, standard_sentence
from tuijin.core.errors import InputError
from tuijin.core.periods import Period

pytestmark = pytest.mark.django_db
CITY = Scope.city_wide_for_system()
JUNE = Period(2023, 6)


def build(plan, next_steps="抓紧推进。\n加强调度。"):
    return selectors.bulletin_content(
        CITY, plan=plan, period=JUNE,
        header=selectors.header_for(plan, 6, today=date(2023, 7, 10)), next_steps=next_steps)


@pytest.fixture
def content(plan):
    june_programme(plan)
    return build(plan)


def test_the_header_numbers_the_first_bulletin_one_and_titles_the_months(content):
    h = content.header
    assert h.title == "关于2023年1—6月全市重点项目建设进展情况的通报"
    assert (h.number, h.issue_label, h.document_number) == (1, "第1期", "〔2023〕1号")
    assert h.date_label == "2023年7月10日"
    assert h.opening == "现将有关情况通报如下："


def test_the_sections_in_the_order_of_the_bulletin(content):
    assert [(o, s.heading) for o, s in content.numbered_sections()] == [
        ("一", "总体情况"), ("二", "“三个一批”"), ("三", "分领域"), ("四", "分县区"),
        ("五", "亮灯及滞后项目"), ("六", "未按时填报"), ("七", "存在问题及督办"),
        ("八", "下一步工作要求")]


def test_the_standard_sentence_exactly(content):
    assert content.sections[0].paragraphs[1] == (
        "1—6月，累计完成投资2.81亿元，占年度计划的40.2%，慢于时间进度9.8个百分点"
        "（时间进度50.0%）。")


def test_the_standard_sentence_ahead_and_level():
    from django.utils import translation

    with translation.override("zh-hans"):
        ahead = standard_sentence(cumulative_wan=Decimal("60000"),
                                  completion=Decimal("0.6"), time_progress=Decimal("0.5"))
        level = standard_sentence(cumulative_wan=Decimal("50000"),
                                  completion=Decimal("0.50004"), time_progress=Decimal("0.5"))
    assert ahead == "累计完成投资6.00亿元，占年度计划的60.0%，快于时间进度10.0个百分点"
    assert level == "累计完成投资5.00亿元，占年度计划的50.0%，与时间进度持平"


def test_the_overall_section_counts_projects_plan_and_lights(content):
    paragraphs = content.sections[0].paragraphs
    assert paragraphs[0] == "2023年全市共安排重点项目6个，总投资30.00亿元，年度计划投资7.00亿元。"
    assert paragraphs[-1] == ("6个项目中，6月已报送5个；亮绿灯4个、黄灯0个、因进度滞后亮红灯1个、"
                              "未报送1个。")


def test_districts_are_ranked_with_ties_sharing_a_rank_in_code_order(content):
    table = content.table("districts")
    assert [c.header for c in table.columns] == [
        "县区", "项目数", "年度计划（万元）", "累计完成（万元）", "完成率",
        "与时间进度差（百分点）", "排名", "开工率"]
    assert [(r[0], r[6]) for r in table.rows] == [
        ("龙亭", 1), ("顺河", 2), ("杞县", 2), ("鼓楼", 4), ("禹王台", 5)]
    longting = table.rows[0]
    assert longting[1:6] == [2, Decimal("20000"), Decimal("11123.45"),
                             Decimal("11123.45") / Decimal("20000"), Decimal("5.6")]
    assert table.rows[-1][7] == Decimal(0)  # not started
    assert table.total[:6] == ["合计", 6, Decimal("70000"), Decimal("28123.45"),
                               Decimal("28123.45") / Decimal("70000"), Decimal("-9.8")]


def test_the_top_three_include_the_tie_and_the_bottom_three_leave_the_top_out(content):
    assert content.sections[3].paragraphs == [
        "按完成率排名，居前三位的是龙亭（55.6%）、顺河（50.0%）、杞县（50.0%）。",
        "居后三位的是禹王台（0.0%）、鼓楼（20.0%）。"]


def test_the_slowest_domain_is_named(content):
    assert content.sections[2].paragraphs[0] == (
        "分领域看，先进制造业（53.7%）完成率最高；最慢的是民生社会事业（0.0%），"
        "慢于时间进度50.0个百分点。")


def test_red_projects_carry_their_reason(content):
    table = content.table("lagging")
    assert table.rows == [[1, "P5", "鼓楼区", "410204建设公司", Decimal("10000"),
                           Decimal("2000"), Decimal("0.2"), "红灯", "征地未完成"]]
    assert content.sections[4].paragraphs[0] == (
        "亮红灯项目共2个，其中因进度滞后1个、本月未报送1个。")


def test_late_and_missing_reporters_by_unit(content):
    table = content.table("late")
    assert table.rows == [[1, "410205建设公司", 1, 0, 0, 1], [2, "410203建设公司", 1, 0, 1, 0]]


def test_next_steps_are_one_paragraph_a_line_and_left_out_when_empty(plan):
    june_programme(plan)
    assert build(plan).sections[-1].paragraphs == ["抓紧推进。", "加强调度。"]
    assert "下一步工作要求" not in [s.heading for s in build(plan, next_steps=" \n").sections]


def test_the_content_survives_storing(content):
    again = content_from_dict(content_as_dict(content))
    assert again == content


def test_a_month_not_locked_gives_a_draft_marked_with_the_reporting_rate(plan):
    june_programme(plan, locked=False)
    content = build(plan)
    assert content.is_draft
    assert content.draft_mark == "草稿：6月尚未锁定，6个项目中已报送5个（报送率83.3%）"
    # The figures are the same ones; only the mark differs.
    assert content.sections[0].paragraphs[1].startswith("1—6月，累计完成投资2.81亿元")


def test_a_locked_month_is_no_draft(content):
    assert not content.is_draft and content.draft_mark == ""


def test_a_month_with_no_reports_is_refused_with_a_clear_message(plan):
    june_programme(plan)
    with pytest.raises(InputError) as error:
        selectors.bulletin_content(CITY, plan=plan, period=Period(2023, 5),
                                   header=selectors.header_for(plan, 5, today=date(2023, 6, 10)),
                                   next_steps="")
    assert error.value.field == "month"
    assert "No project has reported for month 5 of 2023" in error.value.message


def test_a_plan_with_no_projects_is_refused_with_a_clear_message(plan):
    with pytest.raises(InputError) as error:
        build(plan)
    assert error.value.field == "plan"
    assert "has no projects" in error.value.message and "Import" in error.value.hint


def test_a_district_gets_its_own_version_with_its_place_in_the_city(plan, cast):
    june_programme(plan)
    content = selectors.bulletin_content(
        cast["longting"], plan=plan, period=JUNE,
        header=selectors.header_for(plan, 6, today=date(2023, 7, 10)), next_steps="")
    assert content.area == "龙亭区"
    assert content.header.title == "关于2023年1—6月龙亭区重点项目建设进展情况的通报"
    assert (content.header.issue_label, content.header.document_number) == ("龙亭区专版", "")
    assert content.header.addressees == "各乡镇人民政府、街道办事处，区（县）直有关单位："
    assert content.sections[0].paragraphs[0] == ("2023年龙亭区共安排重点项目2个，总投资10.00亿元，"
                                                 "年度计划投资2.00亿元。")
    table = content.table("districts")
    assert [(r[0], r[6]) for r in table.rows] == [("龙亭", 1)]
    assert content.sections[3].paragraphs == ["龙亭完成年度计划的55.6%，在全市5个县区中居第1位。"]
    # No other district's project or unit appears anywhere.
    assert "lagging" not in [t.key for t in content.tables]
    assert all("410204" not in str(row) for t in content.tables for row in t.rows)


def test_a_new_bulletin_is_issued_by_the_city_office_to_the_districts_in_chinese(plan):
    header = selectors.header_for(plan, 6, today=date(2023, 7, 10))
    assert header.issuer == "开封市重点项目建设工作办公室"
    assert header.addressees == "各县区人民政府，市直有关单位："


def test_the_late_table_is_cut_to_its_limit_and_the_text_says_so(plan, monkeypatch):
    from tuijin.bulletins import content as bulletin_content

    june_programme(plan)
    monkeypatch.setattr(bulletin_content, "LATE_LIMIT", 1)
    built = build(plan)
    assert built.table("late").rows == [[1, "410205建设公司", 1, 0, 0, 1]]
    assert built.sections[5].paragraphs == [
        "6月有2个单位未按时填报：逾期报送1个、未报送1个。", "下表列出未报送月报最多的1个单位。"]


def test_three_batches_give_each_batchs_count_and_total_investment(plan):
    projects = june_programme(plan)
    projects["P1"].actual_started_on = date(2023, 3, 1)
    projects["P1"].save()
    projects["P6"].actual_signed_on = date(2023, 7, 2)  # after June: not counted yet
    projects["P6"].save()
    assert build(plan).sections[1].paragraphs == [
        "1—6月，新签约项目0个、总投资0.00亿元；新开工项目1个、总投资5.00亿元；"
        "新投产项目0个、总投资0.00亿元。"]


def test_the_slowest_domain_level_with_time_progress_is_not_called_behind(plan, cast):
    june_programme(plan)
    content = selectors.bulletin_content(
        cast["longting"], plan=plan, period=JUNE,
        header=selectors.header_for(plan, 6, today=date(2023, 7, 10)), next_steps="")
    assert content.sections[2].paragraphs[0] == (
        "分领域看，先进制造业（61.2%）完成率最高；最慢的是现代服务业（50.0%），与时间进度持平。")


def test_a_district_with_no_project_in_the_plan_is_told_so_in_its_own_words(plan, cast):
    from django.utils import translation

    make_project(plan, district="410202", name="龙亭乙")  # another district's project only
    with translation.override("zh-hans"), pytest.raises(InputError) as error:
        selectors.bulletin_content(
            cast["qixian"], plan=plan, period=Period(2023, 6),
            header=selectors.header_for(plan, 6, today=date(2023, 7, 10)), next_steps="")
    assert error.value.message.startswith("杞县在计划")
    assert "联系市重点项目办" in error.value.hint


def test_a_districts_version_names_the_targets_it_is_measured_against_as_the_citys():
    """The walk found a district's 在建项目112个 printed beside
    （目标：确保全年实施项目2000个以上）: the plan's targets are the city's, and the district's
    version says so."""
    from decimal import Decimal

    from django.utils import translation

    from tuijin.bulletins.content import _headline_text
    from tuijin.progress.dashboard import HeadlineItem
    from tuijin.progress.targets import TargetSpec

    item = HeadlineItem(source="projects_active", label="在建项目", actual=Decimal(112), unit="个",
                        target=TargetSpec(comparator="gte", value=Decimal(2000),
                                          commitment="must", unit="个",
                                          wording="确保全年实施项目2000个以上"))
    with translation.override("zh-hans"):
        assert _headline_text(item) == "在建项目112个（目标：确保全年实施项目2000个以上）"
        assert _headline_text(item, citywide=True) == \
            "在建项目112个（全市目标：确保全年实施项目2000个以上）"
