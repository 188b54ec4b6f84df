"""`tuijin bulletin`: acts for the whole city, writes the file whole, saves nothing, and refuses
a month that is not locked."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from docx import Document

from tests.bulletins.programme import june_programme
from tuijin.bulletins.models import Bulletin

pytestmark = pytest.mark.django_db


def test_it_writes_the_docx_of_a_locked_month_and_saves_nothing(plan, tmp_path):
    june_programme(plan)
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "june.docx"
    call_command("bulletin", "--plan", plan.slug, "--month", "2023-06", "--format", "docx",
                 "-o", str(target), stdout=out, stderr=err)
    texts = [p.text for p in Document(target).paragraphs]
    assert "关于2023年1—6月全市重点项目建设进展情况的通报" in texts
    assert "whole city" in err.getvalue()
    assert "Bulletin no. 1" in out.getvalue()
    assert not Bulletin.objects.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["june.docx"]  # no temporary file left


def test_it_writes_the_xlsx(plan, tmp_path):
    june_programme(plan)
    target = tmp_path / "june.xlsx"
    call_command("bulletin", "--plan", plan.slug, "--month", "2023-06", "--format", "xlsx",
                 "-o", str(target), stdout=io.StringIO(), stderr=io.StringIO())
    assert len(openpyxl.load_workbook(target).sheetnames) == 4


def test_a_month_not_locked_is_written_as_a_draft_marked_on_every_page(plan, tmp_path):
    june_programme(plan, locked=False)
    target = tmp_path / "june.docx"
    err = io.StringIO()
    call_command("bulletin", "--plan", plan.slug, "--month", "2023-06", "--format", "docx",
                 "-o", str(target), stdout=io.StringIO(), stderr=err)
    mark = "草稿：6月尚未锁定，6个项目中已报送5个（报送率83.3%）"
    assert mark in err.getvalue()
    # The page header repeats on every page.
    assert Document(target).sections[0].header.paragraphs[0].text == mark
    assert not Bulletin.objects.exists()


def test_a_month_with_no_reports_is_refused_and_no_file_written(plan, tmp_path):
    june_programme(plan)
    target = tmp_path / "may.xlsx"
    with pytest.raises(CommandError, match="No project has reported for month 5 of 2023"):
        call_command("bulletin", "--plan", plan.slug, "--month", "2023-05", "--format",
                     "xlsx", "-o", str(target), stdout=io.StringIO(), stderr=io.StringIO())
    assert list(tmp_path.iterdir()) == []


def test_a_plan_with_no_projects_is_refused_and_no_file_written(plan, tmp_path):
    with pytest.raises(CommandError, match="has no projects"):
        call_command("bulletin", "--plan", plan.slug, "--month", "2023-06", "--format",
                     "docx", "-o", str(tmp_path / "x.docx"), stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_leaves_no_half_file(tmp_path, monkeypatch):
    from tuijin.bulletins.management.commands import bulletin as command

    target = tmp_path / "june.docx"
    target.write_bytes(b"the previous file")

    def broken_replace(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(command.os, "replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        command.write_atomically(target, b"new bytes")
    assert [p.name for p in tmp_path.iterdir()] == ["june.docx"]
    assert target.read_bytes() == b"the previous file"


def test_a_month_outside_the_plan_year_is_refused(plan, tmp_path):
    with pytest.raises(CommandError, match="outside the plan's year"):
        call_command("bulletin", "--plan", plan.slug, "--month", "2022-06", "--format",
                     "docx", "-o", str(tmp_path / "x.docx"), stdout=io.StringIO(),
                     stderr=io.StringIO())
