"""The draft plan in "tuijin-plan/1" and the refusals of unusable input."""

import pytest

from tuijin.core.errors import InputError
from tuijin.plans.text.draft import check_text, decode_upload, draft_from_text

KAIFENG = """开封市2023年重点工作
2023年是全面贯彻落实党的二十大精神的开局之年。
过去一年，全市地区生产总值增长4.1%。
上项目，持续蓄势赋能。确保实施2000个以上项目，完成年度投资3000亿元，其中产业项目完成投资2000亿元以上；新签约、新开工、新投产重大项目各150个左右。
"""


def test_draft_is_tuijin_plan_format_with_sources():
    draft, warnings = draft_from_text(KAIFENG, region="410200")
    assert warnings == []
    assert draft["format"] == "tuijin-plan/1"
    assert (draft["year"], draft["region"], draft["slug"]) == (2023, "410200", "draft-410200-2023")
    assert draft["name"] == "开封市2023年重点工作"
    assert [k["title"] for k in draft["key_tasks"]] == ["上项目，持续蓄势赋能"]
    sources = [i["source"] for i in draft["indicators"]]
    assert sources == ["project_count", "investment", "industrial_investment", "signed", "started",
                       "in_production"]
    first = draft["indicators"][0]
    assert first["key_task"] == 1
    assert first["targets"][0] == {
        "comparator": "gte", "value": "2000", "unit": "个", "tolerance": None,
        "commitment": "must", "basis": "level", "baseline_value": None, "baseline_year": None,
        "wording": "确保实施2000个以上项目",
        "source_sentence": first["targets"][0]["source_sentence"],
    }
    assert "确保实施2000个以上项目" in first["targets"][0]["source_sentence"]
    assert draft["baselines"][0]["value"] == "4.1"
    assert draft["text"].startswith("开封市2023年重点工作")


def test_region_and_year_are_hints_only():
    draft, _ = draft_from_text("地区生产总值增长6.5%左右。")
    assert (draft["region"], draft["year"], draft["slug"]) == (None, None, "draft")
    draft, _ = draft_from_text("全省生产总值增长6%以上。", region="410000", year=2024)
    assert (draft["region"], draft["year"]) == ("410000", 2024)


def test_decimals_are_strings():
    draft, _ = draft_from_text("单位生产总值能耗下降3%。", year=2023)
    assert draft["indicators"][0]["targets"][0]["value"] == "-3"


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_text_is_refused(text):
    with pytest.raises(InputError) as err:
        check_text(text)
    assert err.value.field == "text"


def test_ten_megabytes_are_refused_with_the_limit():
    with pytest.raises(InputError) as err:
        check_text("增" * 10_000_000)
    assert "10,000,000" in err.value.message


def test_binary_junk_is_refused():
    with pytest.raises(InputError):
        check_text("".join(chr(i % 32) for i in range(5000)))


def test_upload_in_gb18030_is_read_and_binary_is_refused():
    assert decode_upload("开封市".encode("gb18030")) == "开封市"
    assert decode_upload("\ufeff开封市".encode()) == "开封市"
    with pytest.raises(InputError) as err:
        decode_upload(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert err.value.field == "file"


def test_text_without_targets_gives_an_empty_draft():
    draft, _ = draft_from_text("锚定“两个确保”，全面实施“十大战略”。")
    assert draft["indicators"] == [] and draft["key_tasks"] == []


def test_number_too_large_is_a_warning_not_a_crash():
    draft, warnings = draft_from_text("力争数字经济规模达到99999999999999999亿元。", year=2023)
    assert draft["indicators"] == []
    assert len(warnings) == 1
