"""`tuijin text normalize FILE` and `tuijin plan from-text FILE`."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tuijin.plans.models import Plan, Target

KAIFENG = (
    "2023年是全面贯彻落实党的二十大精神的开局之年。\n"
    "過去一年，全市地區生產總值增長4.1%。\n"
    "上項目，持續蓄勢賦能。確保實施2000個以上項目，完成年度投資3000億元；"
    "新簽約、新開工、新投產重大項目各150個左右。\n"
)


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_text_normalize_prints_the_repaired_text(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("首页 >> 新闻\n發(fā)展經濟\n", encoding="utf-8")
    out, _ = run("text", "normalize", str(path))
    assert out.strip() == "发展经济"


def test_text_normalize_reads_gb18030(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("開封市".encode("gb18030"))
    out, _ = run("text", "normalize", str(path))
    assert out.strip() == "开封市"


def test_text_normalize_refuses_binary_and_missing_files(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 100)
    with pytest.raises(CommandError, match="not a text file"):
        run("text", "normalize", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        run("text", "normalize", str(tmp_path / "missing.txt"))


def test_text_normalize_refuses_empty_text(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(CommandError, match="no text"):
        run("text", "normalize", str(path))


@pytest.mark.django_db
def test_from_text_prints_a_draft_that_plan_import_loads(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text(KAIFENG, encoding="utf-8")
    out, _err = run("plan", "from-text", str(source), "--region", "410200")
    draft = json.loads(out)
    assert draft["year"] == 2023 and draft["region"] == "410200"
    assert [k["title"] for k in draft["key_tasks"]] == ["上项目，持续蓄势赋能"]
    assert [i["targets"][0]["value"] for i in draft["indicators"]] == [
        "2000", "3000", "150", "150", "150"]
    assert draft["baselines"][0]["value"] == "4.1"
    assert Plan.objects.count() == 0  # nothing is created until the draft is imported

    saved = tmp_path / "draft.json"
    saved.write_text(out, encoding="utf-8")
    run("plan", "import", str(saved))
    plan = Plan.objects.get(slug="draft-410200-2023")
    assert plan.key_tasks.get().title == "上项目，持续蓄势赋能"
    assert Target.objects.filter(indicator__plan=plan).count() == 5
    assert plan.indicators.get(code="target-01").source == "project_count"


@pytest.mark.django_db
def test_from_text_without_region_says_how_to_add_one(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("地区生产总值增长6.5%左右。", encoding="utf-8")
    out, err = run("plan", "from-text", str(source), "--year", "2024")
    assert json.loads(out)["region"] is None
    assert "--region" in err


@pytest.mark.django_db
def test_from_text_without_targets_says_so(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("锚定“两个确保”，全面实施“十大战略”。", encoding="utf-8")
    out, err = run("plan", "from-text", str(source), "--region", "410200")
    assert json.loads(out)["indicators"] == []
    assert "No targets" in err


@pytest.mark.django_db
@pytest.mark.parametrize(("option", "value", "message"), [
    ("--region", "999999", "not a known division code"),
    ("--year", "1800", "not a plan year"),
])
def test_from_text_refuses_bad_hints(tmp_path, option, value, message):
    source = tmp_path / "plan.txt"
    source.write_text("地区生产总值增长6.5%左右。", encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run("plan", "from-text", str(source), option, value)
