"""`tuijin plan load|export|import|list` through call_command."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tuijin.plans.models import Plan

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


def test_load_creates_the_builtin_plan_and_prints_one_line():
    output = run("load", "kaifeng-2023")
    assert output.count("\n") == 1
    assert "kaifeng-2023" in output
    assert Plan.objects.get(slug="kaifeng-2023").key_tasks.count() == 5


def test_load_twice_keeps_one_plan():
    run("load", "kaifeng-2023")
    run("load", "kaifeng-2023")
    assert Plan.objects.filter(slug="kaifeng-2023").count() == 1


def test_load_unknown_builtin_is_a_command_error():
    with pytest.raises(CommandError, match="atlantis"):
        run("load", "atlantis")


def test_export_prints_the_plan_as_json():
    run("load", "kaifeng-2023")
    output = run("export", "kaifeng-2023")
    data = json.loads(output)
    assert data["format"] == "tuijin-plan/1"
    assert data["slug"] == "kaifeng-2023"
    assert "开封" in output  # ensure_ascii=False: Chinese stays readable
    assert '\n  "slug"' in output  # indent 2


def test_export_unknown_plan_is_a_command_error():
    with pytest.raises(CommandError, match="nowhere"):
        run("export", "nowhere")


def test_import_reads_an_exported_file_under_a_new_slug(tmp_path):
    run("load", "kaifeng-2023")
    data = json.loads(run("export", "kaifeng-2023"))
    data["slug"] = "kaifeng-copy"
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    output = run("import", str(path))

    assert "kaifeng-copy" in output
    assert json.loads(run("export", "kaifeng-copy")) == data


def test_import_existing_slug_needs_replace(tmp_path):
    run("load", "kaifeng-2023")
    path = tmp_path / "same.json"
    path.write_text(run("export", "kaifeng-2023"), encoding="utf-8")

    with pytest.raises(CommandError, match="slug"):
        run("import", str(path))
    run("import", str(path), "--replace")
    assert Plan.objects.count() == 1


def test_bad_file_lists_every_error_and_writes_nothing(tmp_path):
    run("load", "kaifeng-2023")
    data = json.loads(run("export", "kaifeng-2023"))
    data["slug"] = "broken-2023"
    data["region"] = "999999"
    data["indicators"][2]["targets"][0]["comparator"] = "more"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        run("import", str(path))

    message = str(caught.value)
    assert "region:" in message
    assert "indicators[2].targets[0].comparator:" in message
    assert not Plan.objects.filter(slug="broken-2023").exists()


def test_file_that_is_not_json_is_a_command_error(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(CommandError, match="line 1"):
        run("import", str(path))


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match=r"missing\.json"):
        run("import", str(tmp_path / "missing.json"))


def test_list_shows_plans_and_unloaded_builtins():
    assert "kaifeng-2023" in run("list")
    run("load", "kaifeng-2023")
    output = run("list")
    assert output.startswith("kaifeng-2023\t2023\t410200")
