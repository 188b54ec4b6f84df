"""The extractor reads targets, key works and baselines out of plan prose (issue 5)."""

from decimal import Decimal

from tuijin.plans.text.extract import detect_year, extract
from tuijin.plans.text.normalize import normalize


def targets_of(text: str, year: int | None = 2023):
    return extract(normalize(text), year=year).targets


def one(text: str, year: int | None = 2023):
    found = targets_of(text, year)
    assert len(found) == 1, found
    return found[0]


def test_growth_about_is_approx_growth():
    t = one("地区生产总值增长6.5%左右。")
    assert (t.metric, t.comparator, t.value, t.unit, t.basis) == (
        "地区生产总值", "approx", Decimal("6.5"), "%", "growth")


def test_control_within_is_at_most_level():
    t = one("城镇登记失业率控制在5.5%以内。")
    assert (t.metric, t.comparator, t.value, t.basis) == ("城镇登记失业率", "lte", Decimal("5.5"),
                                                          "level")


def test_decline_is_negative_growth_at_most():
    t = one("单位生产总值能耗下降3%。")
    assert (t.comparator, t.value, t.basis, t.is_decline) == ("lte", Decimal("-3"), "growth", True)


def test_down_to_a_level_is_a_ceiling():
    t = one("力争细颗粒物（PM2.5）平均浓度下降到38微克/立方米。")
    assert (t.comparator, t.value, t.basis) == ("lte", Decimal("38"), "level")


def test_stable_above_is_at_least_level():
    t = one("粮食产量稳定在70亿斤以上。")
    assert (t.metric, t.comparator, t.value, t.unit) == ("粮食产量", "gte", Decimal("70"), "亿斤")


def test_in_step_with_growth_is_qualitative_without_value():
    t = one("居民人均可支配收入与经济增长同步。")
    assert (t.metric, t.basis, t.value) == ("居民人均可支配收入", "qualitative", None)


def test_must_carries_over_the_sentence():
    found = targets_of(
        "确保实施2000个以上项目，完成年度投资3000亿元，其中产业项目完成投资2000亿元以上。"
    )
    assert [(t.value, t.unit, t.comparator, t.commitment) for t in found] == [
        (Decimal("2000"), "个", "gte", "must"),
        (Decimal("3000"), "亿元", "gte", "must"),
        (Decimal("2000"), "亿元", "gte", "must"),
    ]
    assert "产业项目" in found[2].metric


def test_each_distributes_one_value_over_listed_items():
    found = targets_of("新签约、新开工、新投产重大项目各150个左右。")
    assert [t.metric for t in found] == ["新签约重大项目", "新开工重大项目", "新投产重大项目"]
    assert {(t.value, t.comparator) for t in found} == {(Decimal("150"), "approx")}


def test_both_grow_gives_two_strive_targets():
    found = targets_of("力争全年接待游客、旅游综合收入均增长30%以上。")
    assert [t.metric for t in found] == ["游客", "旅游综合收入"]
    assert all(t.commitment == "strive" and t.basis == "growth" and t.value == 30 for t in found)


def test_doubling_is_multiple_two_and_full_coverage_is_hundred_percent():
    found = targets_of("推动规上工业企业研发活动全覆盖，实施高新技术企业倍增计划。")
    assert [(t.metric, t.basis, t.value, t.unit) for t in found] == [
        ("规上工业企业研发活动", "level", Decimal("100"), "%"),
        ("高新技术企业", "multiple", Decimal("2"), "倍"),
    ]


def test_chinese_numerals_are_read():
    found = targets_of("力争全年新增上市企业三家，引进高层次人才一千二百人以上。")
    assert [(t.value, t.unit) for t in found] == [(Decimal("3"), "家"), (Decimal("1200"), "人")]


def test_names_and_thresholds_are_not_targets():
    assert targets_of("实施“8232”投资计划，亿元以上项目全部开工，PM2.5浓度持续改善。") == []
    assert targets_of("梯次培育营收超100亿元、50亿元、30亿元的龙头企业。") == []
    assert targets_of("聚焦8个领域谋划储备项目。") == []


def test_achievements_become_baselines_not_targets():
    e = extract(normalize("过去一年，全市地区生产总值增长4.1%，固定资产投资增长11.3%。"), year=2023)
    assert e.targets == []
    assert [(b.value, b.year) for b in e.baselines] == [(Decimal("4.1"), 2022),
                                                         (Decimal("11.3"), 2022)]


def test_last_year_and_this_year_in_one_sentence_are_told_apart():
    e = extract("在去年增长15.2%的基础上，今年全市社会消费品零售总额力争增长8%。", year=2023)
    assert [(t.value, t.commitment) for t in e.targets] == [(Decimal("8"), "strive")]
    assert [b.value for b in e.baselines] == [Decimal("15.2")]


def test_streaks_and_rankings_are_achievements():
    for text in ["近年来，我市高新技术企业数量连续三年保持20%以上的增速。",
                 "一般公共预算收入完成210亿元，同比增长8.6%，增速居全省第3位。",
                 "截至目前，已建成5G基站3200个，实现乡镇以上区域全覆盖。"]:
        assert targets_of(text) == [], text


def test_past_review_section_is_baselines():
    text = ("一、2022年工作回顾\n全年地区生产总值增长4.1%。\n"
            "二、2023年主要目标任务\n地区生产总值增长6.5%左右。")
    e = extract(text)
    assert [t.value for t in e.targets] == [Decimal("6.5")]
    assert [b.value for b in e.baselines] == [Decimal("4.1")]
    assert e.key_works == []


def test_elliptical_metric_comes_from_the_figure_before():
    e = extract("去年全市接待游客7000万人次，今年将力争突破8000万人次。", year=2023)
    assert [(t.value, "游客" in t.metric) for t in e.targets] == [(Decimal("8000"), True)]


def test_number_too_large_is_left_out_with_a_warning():
    e = extract("力争数字经济规模达到99999999999999999亿元。", year=2023)
    assert e.targets == []
    assert "99999999999999999" in e.warnings[0]


def test_a_target_past_what_every_database_keeps_exactly_is_left_out():
    # 12 whole digits (core.money.EXACT_LIMIT); 11 are kept.
    e = extract("力争数字经济规模达到100000000000亿元。", year=2023)
    assert e.targets == [] and "100000000000" in e.warnings[0]
    assert extract("力争数字经济规模达到99999999999亿元。", year=2023).targets


def test_headline_phrases_open_key_works_with_measures():
    text = ("抓机遇，深化郑开同城。推动六个方面同城化。坚持错位、协同、一体发展。\n"
            "上项目，持续蓄势赋能。确保实施2000个以上项目。")
    e = extract(text, year=2023)
    assert [w.title for w in e.key_works] == ["抓机遇，深化郑开同城", "上项目，持续蓄势赋能"]
    assert [m.text for m in e.key_works[0].measures] == [
        "推动六个方面同城化", "坚持错位、协同、一体发展",
    ]
    assert e.targets[0].key_work == 2


def test_numbered_headings_are_key_works_and_sections_are_not():
    text = "一、总体要求\n（一）聚焦制造强县，加快产业转型升级。全年新增规上工业企业100家。"
    e = extract(text, year=2023)
    assert [w.title for w in e.key_works] == ["聚焦制造强县，加快产业转型升级"]


def test_every_item_keeps_its_source_sentence_and_offsets():
    text = "2023年是关键之年。\n地区生产总值增长6.5%左右，粮食产量稳定在70亿斤以上。"
    e = extract(text)
    for t in e.targets:
        assert t.source_sentence == "地区生产总值增长6.5%左右，粮食产量稳定在70亿斤以上。"
        assert text[t.start:t.end] == t.source_sentence


def test_year_comes_from_the_text_where_it_says_so():
    assert detect_year("2023年是全面贯彻落实党的二十大精神的开局之年。") == 2023
    assert detect_year("2024年全省经济社会发展主要预期目标：") == 2024
    assert detect_year("地区生产总值增长6.5%左右。") is None


def test_text_without_targets_gives_nothing():
    e = extract("锚定“两个确保”，全面实施“十大战略”。")
    assert (e.targets, e.baselines, e.key_works) == ([], [], [])
