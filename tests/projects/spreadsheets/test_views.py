"""The upload → preview → confirm pages and the exports, with the permission matrix."""

import pytest
from django.urls import reverse

from tests.projects.spreadsheets import builders
from tuijin.accounts.scopes import Scope
from tuijin.projects.models import ColumnMapping, MonthlyReport, Project

pytestmark = pytest.mark.django_db

# These tests import as the command line does: for the whole city.
CITY = Scope.city_wide_for_system()

ROLES = {"admin": 200, "longting": 200, "qixian": 200, "owner": 403, "leader": 403,
         "bureau": 403}


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _login(client, user):
    client.force_login(user)


def _upload(client, plan, path, kind="projects", **extra):
    with open(path, "rb") as fh:
        return client.post(reverse("spreadsheets:upload", args=[plan.slug]),
                           {"kind": kind, "file": fh, **extra})


def _token(response):
    return response.context["token"]


@pytest.mark.parametrize("role,status", sorted(ROLES.items()))
def test_permission_matrix_for_the_spreadsheet_pages(client, plan, cast, role, status):
    _login(client, cast[role])
    for url in (reverse("spreadsheets:index", args=[plan.slug]),
                reverse("spreadsheets:export", args=[plan.slug, "projects"])):
        assert client.get(url).status_code == status, url


def test_anonymous_visitor_is_sent_to_log_in(client, plan):
    response = client.get(reverse("spreadsheets:index", args=[plan.slug]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_unknown_plan_is_404(client, plan, cast):
    _login(client, cast["admin"])
    assert client.get(reverse("spreadsheets:index", args=["nope"])).status_code == 404


def test_upload_previews_then_confirm_writes(client, plan, cast, progress_file):
    _login(client, cast["admin"])
    response = _upload(client, plan, progress_file)
    assert response.status_code == 200
    assert response.context["result"].counts["new"] == 3
    assert Project.objects.count() == 0
    response = client.post(reverse("spreadsheets:confirm", args=[plan.slug, _token(response)]))
    assert response.status_code == 302
    assert Project.objects.count() == 3
    assert Project.history.filter(history_user=cast["admin"]).count() == 3


def test_preview_shows_changed_fields(client, plan, cast, progress_file, tmp_path):
    _login(client, cast["admin"])
    response = _upload(client, plan, progress_file)
    client.post(reverse("spreadsheets:confirm", args=[plan.slug, _token(response)]))
    changed = builders.merged_title_two_header_rows(
        tmp_path / "changed.xlsx",
        projects=[(*builders.PROJECTS[0][:5], "130000", *builders.PROJECTS[0][6:]),
                  *builders.PROJECTS[1:]])
    response = _upload(client, plan, changed)
    assert response.context["result"].counts == {"new": 0, "changed": 1, "unchanged": 2,
                                                  "skipped": 0}
    assert "120000 → 130000" in response.content.decode()


def test_reports_upload_for_a_month(client, plan, cast, progress_file):
    _login(client, cast["admin"])
    response = _upload(client, plan, progress_file)
    client.post(reverse("spreadsheets:confirm", args=[plan.slug, _token(response)]))
    response = _upload(client, plan, progress_file, kind="reports", month="2023-06")
    client.post(reverse("spreadsheets:confirm", args=[plan.slug, _token(response)]))
    assert MonthlyReport.objects.filter(month=6).count() == 3


def test_errors_are_listed_with_row_and_column_and_cannot_be_confirmed(client, plan, cast,
                                                                      tmp_path):
    _login(client, cast["admin"])
    path = builders.project_list(tmp_path / "bad.xlsx", [
        ["1", "", "甲项目", "火星区", "先进制造业", "", "10", "5"]])
    response = _upload(client, plan, path)
    assert response.status_code == 422
    html = response.content.decode()
    assert "火星区" in html and "县区" in html
    assert reverse("spreadsheets:confirm", args=[plan.slug, _token(response)]) not in html
    response = client.post(reverse("spreadsheets:confirm", args=[plan.slug, _token(response)]))
    assert response.status_code == 422
    assert Project.objects.count() == 0


def test_district_user_gets_an_error_for_another_districts_row(client, plan, cast,
                                                               progress_file):
    _login(client, cast["longting"])
    response = _upload(client, plan, progress_file)
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(7, "县区")]


def test_another_users_upload_token_is_404(client, plan, cast, progress_file):
    _login(client, cast["admin"])
    token = _token(_upload(client, plan, progress_file))
    client.logout()
    _login(client, cast["longting"])
    response = client.post(reverse("spreadsheets:confirm", args=[plan.slug, token]))
    assert response.status_code == 404
    assert Project.objects.count() == 0


def test_a_file_that_is_not_a_workbook_is_refused_by_the_form(client, plan, cast, tmp_path):
    _login(client, cast["admin"])
    path = tmp_path / "list.csv"
    path.write_text("项目名称\n", encoding="utf-8")
    response = _upload(client, plan, path)
    assert response.status_code == 422
    assert "list.csv" in response.context["form"].errors["file"][0]


def test_district_export_holds_only_their_projects(client, plan, cast, progress_file):
    from tuijin.projects.spreadsheets.imports import projects_import
    from tuijin.projects.spreadsheets.reader import read_workbook

    projects_import(plan=plan, source=progress_file, user=CITY)
    _login(client, cast["qixian"])
    response = client.get(reverse("spreadsheets:export", args=[plan.slug, "projects"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    [sheet] = read_workbook(io.BytesIO(b"".join(response.streaming_content)),
                            filename="x.xlsx")
    names = [row[2] for row in sheet.rows[4:-1] if row[0] not in ("一", "")]
    assert names == ["杞县全钒液流电池储能项目"]


def test_admin_saves_a_column_mapping_used_for_the_preview(client, plan, cast, tmp_path):
    _login(client, cast["admin"])
    header = ["序号", "项目名称", "县区", "领域", "总投资", "年度计划投资", "工程概况"]
    path = builders.project_list(tmp_path / "odd.xlsx", [
        ["1", "甲项目", "龙亭区", "先进制造业", "10", "5", "厂房"]], header=header)
    response = _upload(client, plan, path)
    columns = response.context["result"].columns
    data = {"name": "县区格式"}
    for i, column in enumerate(columns):
        data[f"h{i}"] = "description" if column["header"] == "工程概况" else column["field"]
    response = client.post(reverse("spreadsheets:mapping_create",
                                   args=[plan.slug, _token(response)]), data)
    assert response.status_code == 200
    mapping = ColumnMapping.objects.get(name="县区格式")
    assert mapping.columns["工程概况"] == "description"
    response = client.post(reverse("spreadsheets:confirm", args=[plan.slug,
                                                                 response.context["token"]]))
    assert Project.objects.get().description == "厂房"


def test_district_user_may_not_save_mappings(client, plan, cast, progress_file):
    _login(client, cast["longting"])
    token = _token(_upload(client, plan, progress_file))
    response = client.post(reverse("spreadsheets:mapping_create", args=[plan.slug, token]),
                           {"name": "x"})
    assert response.status_code == 403


def test_confirmed_upload_is_removed_from_disk(client, plan, cast, progress_file, settings):
    _login(client, cast["admin"])
    token = _token(_upload(client, plan, progress_file))
    assert list((settings.MEDIA_ROOT / "imports").iterdir())
    client.post(reverse("spreadsheets:confirm", args=[plan.slug, token]))
    assert not list((settings.MEDIA_ROOT / "imports").iterdir())
