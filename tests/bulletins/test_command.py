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


def test_a_month_not_locked_is_refused_and_no_file_written(plan, tmp_path):
    june_programme(plan, locked=False)
    target = tmp_path / "june.docx"
    with pytest.raises(CommandError, match="Month 6 of 2023 is not locked"):
        call_command("bulletin", "--plan", plan.slug, "--month", "2023-06", "--format",
                     "docx", "-o", str(target), stdout=io.StringIO(), stderr=io.StringIO())
    assert not target.exists()


def test_a_month_outside_the_plan_year_is_refused(plan, tmp_path):
    with pytest.raises(CommandError, match="outside the plan's year"):
        call_command("bulletin", "--plan", plan.slug, "--month", "2022-06", "--format",
                     "docx", "-o", str(tmp_path / "x.docx"), stdout=io.StringIO(),
                     stderr=io.StringIO())
