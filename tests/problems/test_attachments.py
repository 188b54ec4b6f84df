"""Files with a problem (problems.attachments, services, views): given when raising and when
answering, checked by their content and limited in size and count, stored through the
storage, downloaded only by whoever sees the problem (404 to anybody else)."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import Workbook

from tests.projects.photo_builders import png
from tuijin.core.errors import InputError
from tuijin.problems.attachments import check_file, detect_kind
from tuijin.problems.models import Problem, ProblemAttachment
from tuijin.problems.services import ProblemInput, Upload, problem_raise, problem_step

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def docx_bytes() -> bytes:
    out = io.BytesIO()
    document = Document()
    document.add_paragraph("关于二期用地指标的复函")
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    out = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "地块"
    workbook.save(out)
    return out.getvalue()


def upload(name, data):
    return Upload(name=name, file=io.BytesIO(data), size=len(data))


def test_each_accepted_kind_is_told_by_its_content():
    assert detect_kind(PDF, filename="x.bin") == "pdf"
    assert detect_kind(png(), filename="x.pdf") == "png"
    assert detect_kind(docx_bytes(), filename="复函") == "docx"
    assert detect_kind(xlsx_bytes(), filename="a.docx") == "xlsx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
    assert detect_kind(ole, filename="旧.xls") == "xls"


@pytest.mark.parametrize(("name", "data"), [
    ("setup.exe", b"MZ\x90\x00"), ("page.pdf", b"<html><script>alert(1)</script>"),
    ("archive.docx", b"PK\x03\x04not really a zip"),
    ("old.exe", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")])
def test_anything_else_is_refused_naming_the_file(name, data):
    with pytest.raises(InputError) as refusal:
        check_file(data, filename=name, max_bytes=10**6)
    assert refusal.value.field == "attachments" and name in refusal.value.message


def test_a_raise_keeps_its_files_with_the_step(project, cast, land):
    problem = problem_raise(project=project, user=cast["owner"], data=ProblemInput(
        category_id=land.pk, description="缺用地指标"),
        files=[upload("红线图.pdf", PDF), upload("现场.png", png())])
    files = list(problem.attachments.order_by("original_name"))
    assert [(f.original_name, f.content_type) for f in files] == [
        ("现场.png", "image/png"), ("红线图.pdf", "application/pdf")]
    assert all(f.event.action == "raise" for f in files)
    assert files[1].file.read() == PDF
    assert "红线图" not in files[1].file.name  # the client's name never names a stored file


def test_one_bad_file_refuses_the_raise_and_writes_nothing(project, cast, land, settings):
    with pytest.raises(InputError):
        problem_raise(project=project, user=cast["owner"], data=ProblemInput(
            category_id=land.pk, description="缺用地指标"),
            files=[upload("红线图.pdf", PDF), upload("病毒.exe", b"MZ")])
    assert not Problem.objects.exists() and not ProblemAttachment.objects.exists()
    assert not (settings.MEDIA_ROOT / "problems").exists() or not any(
        (settings.MEDIA_ROOT / "problems").rglob("*.pdf"))


def test_a_failed_step_deletes_the_files_it_stored(raised, cast, settings):
    # An answer to a problem that is not signed for: refused after the files were checked.
    with pytest.raises(InputError):
        problem_step(problem=raised, action="answer", user=cast["bureau"],
                     version=raised.version, comment="已办", files=[upload("复函.pdf", PDF)])
    assert not ProblemAttachment.objects.exists()
    assert not list(settings.MEDIA_ROOT.rglob("*.pdf"))


def test_too_many_or_too_large_files_are_refused(project, cast, land, settings):
    settings.TUIJIN_PROBLEM_FILES_PER_STEP = 1
    with pytest.raises(InputError, match="At most 1 files"):
        problem_raise(project=project, user=cast["owner"], data=ProblemInput(
            category_id=land.pk, description="x"), files=[upload("a.pdf", PDF)] * 2)
    settings.TUIJIN_PROBLEM_FILE_MAX_MB = 1
    with pytest.raises(InputError, match="larger than 1 MB"):
        problem_raise(project=project, user=cast["owner"], data=ProblemInput(
            category_id=land.pk, description="x"),
            files=[upload("big.pdf", PDF + b"0" * (1024 * 1024))])


def test_files_go_only_with_a_raise_or_an_answer(raised, cast):
    with pytest.raises(InputError) as refusal:
        problem_step(problem=raised, action="accept", user=cast["admin"],
                     version=raised.version, files=[upload("a.pdf", PDF)])
    assert refusal.value.field == "attachments"


def test_raise_and_answer_with_files_through_the_pages(client, cast, project, land):
    client.force_login(cast["owner"])
    response = client.post(reverse("problems:raise", args=[project.pk]), {
        "category": land.pk, "description": "二期用地指标未落实",
        "attachments": [SimpleUploadedFile("红线图.pdf", PDF, "application/pdf")]})
    problem = Problem.objects.get()
    assert response.status_code == 302 and problem.attachments.count() == 1

    client.force_login(cast["admin"])
    for action, data in (("accept", {}), ("assign", {
            "unit": cast["bureau"].organisation_id, "days": "10"})):
        problem.refresh_from_db()
        client.post(reverse("problems:step", args=[problem.pk, action]), {
            f"{action}-version": problem.version,
            **{f"{action}-{k}": v for k, v in data.items()}})
    problem.refresh_from_db()
    assert problem.deadline == timezone.localdate() + timedelta(days=10)
    client.force_login(cast["bureau"])
    for action, data in (("sign", {}), ("answer", {
            "comment": "指标已下达", "attachments": [SimpleUploadedFile(
                "复函.docx", docx_bytes(), "application/octet-stream")]})):
        problem.refresh_from_db()
        response = client.post(reverse("problems:step", args=[problem.pk, action]), {
            f"{action}-version": problem.version,
            **{f"{action}-{k}": v for k, v in data.items()}})
        assert response.status_code == 302
    answer_file = problem.attachments.get(event__action="answer")
    assert answer_file.content_type.endswith("wordprocessingml.document")
    page = client.get(problem.get_absolute_url()).content.decode()
    url = reverse("problems:attachment", args=[problem.pk, answer_file.pk])
    assert url in page and "复函.docx" in page

    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == answer_file.file.open("rb").read()
    client.force_login(cast["qixian"])
    assert client.get(url).status_code == 404
    # Another problem's id with this file's id: 404 as well.
    other = problem_raise(project=project, user=cast["owner"], data=ProblemInput(
        category_id=land.pk, description="其他"))
    client.force_login(cast["admin"])
    assert client.get(reverse("problems:attachment",
                              args=[other.pk, answer_file.pk])).status_code == 404


def test_a_refused_file_is_named_on_the_raise_form(client, cast, project, land):
    client.force_login(cast["owner"])
    client.cookies["django_language"] = "en"
    response = client.post(reverse("problems:raise", args=[project.pk]), {
        "category": land.pk, "description": "缺电",
        "attachments": [SimpleUploadedFile("setup.exe", b"MZ\x90", "application/pdf")]})
    assert response.status_code == 200
    assert "setup.exe is not a PDF" in response.context["form"].errors["attachments"][0]
    assert not Problem.objects.exists()
