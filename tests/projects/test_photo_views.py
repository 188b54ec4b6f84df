"""The photo pages: several photos uploaded at once from a phone; an executable renamed .jpg
and a 50 MB upload refused with the reason, the right status and nothing stored; photos
served only to whoever may see the project, never from MEDIA_URL."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import make_project
from tests.projects import photo_builders as build
from tuijin.projects import photo_views
from tuijin.projects.cycle_services import FilingInput, filing_save, period_open
from tuijin.projects.models import FilingEvent, ReportFiling, ReportPhoto


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def june(plan, cast):
    return period_open(plan=plan, month=6, user=cast["admin"])


@pytest.fixture
def project(plan, owner_org):
    return make_project(plan, owner=owner_org)


@pytest.fixture
def owner(client, cast):
    client.force_login(cast["owner"])
    return client


def files_in(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()]


def post_photos(client, project, *files, month=6):
    return client.post(reverse("projects:photo_upload", args=[project.pk, month]),
                       {"photos": list(files)})


def jpg(data: bytes, name="IMG_0001.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def photo(media, june, project, owner):
    post_photos(owner, project, jpg(build.jpeg(orientation=6, gps=build.KAIFENG_GPS)))
    return ReportPhoto.objects.get()


def test_an_owner_adds_several_photos_at_once_and_sees_their_thumbnails(media, june, project,
                                                                       owner):
    response = post_photos(owner, project, jpg(build.jpeg()), jpg(build.png(), "b.png"),
                           jpg(build.heic(), "IMG_0003.HEIC", "image/heic"))
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:filing", args=[project.pk, 6]) + "#photos"
    assert ReportPhoto.objects.count() == 3 and len(files_in(media)) == 6
    page = owner.get(reverse("projects:filing", args=[project.pk, 6])).content.decode()
    for photo in ReportPhoto.objects.all():
        assert reverse("projects:photo_thumbnail", args=[project.pk, photo.pk]) in page
        assert reverse("projects:photo_remove", args=[project.pk, photo.pk]) in page
    assert 'accept="image/*" capture="environment"' in page and "multiple" in page
    assert 'enctype="multipart/form-data"' in page


def test_the_photo_is_served_upright_inline_private_and_unsniffed(photo, owner):
    response = owner.get(reverse("projects:photo", args=[photo.filing.project_id, photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")
    image = build.stored(b"".join(response.streaming_content))
    assert image.size == (20, 40) and dict(image.getexif()) == {}


def test_the_thumbnail_is_a_small_jpeg(photo, owner):
    response = owner.get(reverse("projects:photo_thumbnail",
                                 args=[photo.filing.project_id, photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert max(build.stored(b"".join(response.streaming_content)).size) <= 320


@pytest.mark.parametrize("name", ["projects:photo", "projects:photo_thumbnail"])
def test_a_district_user_of_another_district_gets_404_for_the_photo(photo, client, cast, name):
    client.force_login(cast["qixian"])
    url = reverse(name, args=[photo.filing.project_id, photo.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["admin", "leader", "bureau", "longting", "owner"])
def test_whoever_may_see_the_project_sees_its_photos(photo, client, cast, role):
    client.force_login(cast[role])
    assert client.get(reverse("projects:photo", args=[photo.filing.project_id,
                                                      photo.pk])).status_code == 200


def test_a_photo_is_not_found_under_another_project(photo, client, cast, plan, owner_org):
    other = make_project(plan, owner=owner_org, name="另一个项目")
    client.force_login(cast["admin"])
    assert client.get(reverse("projects:photo", args=[other.pk, photo.pk])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(photo):
    response = Client().get(reverse("projects:photo", args=[photo.filing.project_id, photo.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_stored_file_is_not_reachable_under_media_url(photo, owner, settings):
    assert owner.get("/" + settings.MEDIA_URL + photo.image.name).status_code == 404


def test_an_executable_renamed_jpg_is_refused_with_415_and_nothing_stored(media, june,
                                                                         project, owner):
    response = post_photos(owner, project, jpg(build.jpeg(), "a.jpg"),
                           jpg(build.WINDOWS_PROGRAM, "现场.jpg"))
    assert response.status_code == 415
    page = response.content.decode()
    assert "现场.jpg" in page and ("程序" in page or "program" in page)
    assert files_in(media) == [] and not ReportPhoto.objects.exists()
    assert not ReportFiling.objects.exists()


def test_a_50_mb_upload_is_refused_with_413_without_being_read_whole(media, june, project,
                                                                     owner, monkeypatch):
    passed = []
    original = photo_views.PhotoSizeLimit.receive_data_chunk

    def counting(self, raw_data, start):
        out = original(self, raw_data, start)
        passed.append(len(out))
        return out

    monkeypatch.setattr(photo_views.PhotoSizeLimit, "receive_data_chunk", counting)
    big = b"\xff\xd8\xff\xe0" + bytes(50 * 1024 * 1024)
    response = post_photos(owner, project, jpg(big, "全景.jpg"))
    assert response.status_code == 413
    assert "全景.jpg" in response.content.decode()
    # What went on to be kept (in memory or a temporary file) stopped at the 10 MB limit.
    assert 0 < sum(passed) <= 10 * 1024 * 1024
    assert files_in(media) == [] and not ReportPhoto.objects.exists()


def test_a_request_larger_than_a_reports_photos_is_refused_unread(media, june, project, owner,
                                                                  settings, monkeypatch):
    settings.TUIJIN_PHOTOS_PER_REPORT = 2  # at most 2 × 10 MB + the form
    calls = []
    monkeypatch.setattr(photo_views.PhotoSizeLimit, "receive_data_chunk",
                        lambda self, raw, start: calls.append(1))
    response = post_photos(owner, project, jpg(bytes(25 * 1024 * 1024), "x.jpg"))
    assert response.status_code == 413 and calls == []
    assert not ReportPhoto.objects.exists()


def test_an_upload_without_a_photo_is_refused_with_400(media, june, project, owner):
    response = owner.post(reverse("projects:photo_upload", args=[project.pk, 6]))
    assert response.status_code == 400 and not ReportFiling.objects.exists()


def test_an_upload_without_the_csrf_token_is_refused(media, june, project, cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["owner"])
    response = post_photos(client, project, jpg(build.jpeg()))
    assert response.status_code == 403 and not ReportPhoto.objects.exists()


def test_a_submitted_report_shows_its_photos_read_only(photo, owner, cast, project):
    filing_save(project=project, month=6, data=FilingInput(Decimal(5)), user=cast["owner"],
                submit=True, version=photo.filing.version)
    page = owner.get(reverse("projects:filing", args=[project.pk, 6])).content.decode()
    assert reverse("projects:photo_thumbnail", args=[project.pk, photo.pk]) in page
    assert reverse("projects:photo_remove", args=[project.pk, photo.pk]) not in page
    assert reverse("projects:photo_upload", args=[project.pk, 6]) not in page
    response = post_photos(owner, project, jpg(build.png(), "late.png"))
    assert response.status_code == 409 and ReportPhoto.objects.count() == 1


def test_the_owner_removes_a_photo_and_its_files_go(photo, owner, media,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(reverse("projects:photo_remove",
                                      args=[photo.filing.project_id, photo.pk]))
    assert response.status_code == 302
    assert not ReportPhoto.objects.exists() and files_in(media) == []
    assert FilingEvent.objects.filter(action="photo_removed").count() == 1


@pytest.mark.parametrize(("role", "status"), [("leader", 403), ("bureau", 403),
                                              ("qixian", 404)])
def test_only_those_who_file_the_report_remove_its_photos(photo, client, cast, role, status):
    client.force_login(cast[role])
    response = client.post(reverse("projects:photo_remove",
                                   args=[photo.filing.project_id, photo.pk]))
    assert response.status_code == status and ReportPhoto.objects.count() == 1


@pytest.mark.parametrize(("role", "status"), [("leader", 403), ("qixian", 404)])
def test_only_those_who_file_the_report_add_photos(media, june, project, client, cast, role,
                                                   status):
    client.force_login(cast[role])
    assert post_photos(client, project, jpg(build.jpeg())).status_code == status
    assert not ReportPhoto.objects.exists()


@pytest.mark.parametrize("megapixels", [100, 200])
def test_a_decompression_bomb_is_a_413_naming_its_size_not_a_server_error(
        media, june, project, owner, megapixels):
    # Past Pillow's own limit (89 megapixels warns, 179 refuses) as well as past ours.
    import io

    from PIL import Image

    side = int((megapixels * 1_000_000) ** 0.5)
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG")
    response = post_photos(owner, project, jpg(out.getvalue(), "全景.png"))
    assert response.status_code == 413
    page = response.content.decode()
    assert "全景.png" in page and f"{side * side // 1_000_000}" in page
    assert files_in(media) == [] and not ReportPhoto.objects.exists()
