"""projects/photo_services.py: photos are added to an editable report all or none, through the
storage, at paths that owe nothing to the client's file name; each step is logged; a failed
write leaves no file behind."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage

from tests.factories import make_project
from tests.projects import photo_builders as build
from tuijin.core.errors import InputError
from tuijin.projects import photo_services
from tuijin.projects.cycle_services import FilingInput, filing_save, period_lock, period_open
from tuijin.projects.models import FilingEvent, ReportFiling, ReportPhoto
from tuijin.projects.photo_services import PhotoUpload, photo_add, photo_remove


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


def upload(data: bytes, name="IMG_0001.jpg") -> PhotoUpload:
    return PhotoUpload(name=name, file=io.BytesIO(data), size=len(data))


def files_in(media) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def test_photos_are_stored_through_the_storage_at_random_names(media, june, project, cast):
    photos = photo_add(project=project, month=6, user=cast["owner"], uploads=[
        upload(build.jpeg(), "../../工地 1.jpg"), upload(build.png(), "second.png")])
    assert [p.original_name for p in photos] == ["工地 1.jpg", "second.png"]
    first = photos[0]
    pattern = rf"photos/{project.plan_id}/{project.pk}/{first.uuid}\.jpg"
    assert re.fullmatch(pattern, first.image.name)
    assert first.thumbnail.name == f"photos/{project.plan_id}/{project.pk}/{first.uuid}.thumb.jpg"
    assert photos[1].image.name.endswith(".png") and photos[1].content_type == "image/png"
    assert all("工地" not in name and "second" not in name for name in files_in(media))
    assert len(files_in(media)) == 4
    assert default_storage.exists(first.image.name)
    assert first.uploaded_by == cast["owner"] and first.bytes == default_storage.size(
        first.image.name)


def test_a_report_not_started_is_saved_as_an_empty_draft_first(media, june, project, cast):
    photo_add(project=project, month=6, user=cast["owner"], uploads=[upload(build.jpeg())])
    filing = ReportFiling.objects.get(project=project, month=6)
    assert filing.state == "draft" and filing.cumulative_wan is None
    assert list(filing.events.values_list("action", flat=True)) == ["save", "photo_added"]


def test_each_photo_added_and_removed_is_a_step_with_its_name(media, june, project, cast):
    filing_save(project=project, month=6, data=FilingInput(Decimal(5)), user=cast["owner"])
    photo, = photo_add(project=project, month=6, user=cast["owner"],
                       uploads=[upload(build.jpeg(), "塔吊.jpg")])
    photo_remove(photo=photo, user=cast["longting"])
    steps = FilingEvent.objects.filter(filing=photo.filing).order_by("id")
    assert [(s.action, s.comment, s.by.username) for s in steps][1:] == [
        ("photo_added", "塔吊.jpg", "owner-demo"), ("photo_removed", "塔吊.jpg",
                                                    "district-longting")]
    assert steps.last().from_state == "" and steps.last().to_state == "draft"


def test_adding_photos_does_not_change_the_reports_version(media, june, project, cast):
    filing = filing_save(project=project, month=6, data=FilingInput(), user=cast["owner"])
    photo_add(project=project, month=6, user=cast["owner"], uploads=[upload(build.jpeg())])
    filing.refresh_from_db()
    assert filing.version == 1


def test_the_exif_point_and_time_are_kept_as_fields(media, june, project, cast):
    photo, = photo_add(project=project, month=6, user=cast["owner"], uploads=[
        upload(build.jpeg(gps=build.KAIFENG_GPS, taken="2023:06:18 10:30:00"))])
    photo.refresh_from_db()
    assert (photo.latitude, photo.longitude, photo.gps_datum) == (
        Decimal("34.798000"), Decimal("114.307000"), "WGS-84")
    assert photo.taken_at.isoformat() == "2023-06-18T02:30:00+00:00"


def test_one_bad_file_refuses_the_whole_batch(media, june, project, cast):
    with pytest.raises(InputError) as caught:
        photo_add(project=project, month=6, user=cast["owner"], uploads=[
            upload(build.jpeg()), upload(build.WINDOWS_PROGRAM, "setup.jpg")])
    assert caught.value.extra["status"] == 415 and "setup.jpg" in caught.value.message
    assert not ReportPhoto.objects.exists() and not ReportFiling.objects.exists()
    assert files_in(media) == []


def test_the_same_photo_twice_is_refused(media, june, project, cast):
    data = build.jpeg()
    photo_add(project=project, month=6, user=cast["owner"], uploads=[upload(data, "a.jpg")])
    with pytest.raises(InputError) as caught:
        photo_add(project=project, month=6, user=cast["owner"], uploads=[upload(data, "b.jpg")])
    assert caught.value.message == "b.jpg is the same photo as a.jpg, already on this report."
    with pytest.raises(InputError) as caught:
        photo_add(project=project, month=6, user=cast["owner"],
                  uploads=[upload(build.png(), "c.png"), upload(build.png(), "d.png")])
    assert caught.value.message == "d.png and c.png are the same photo."
    assert ReportPhoto.objects.count() == 1 and len(files_in(media)) == 2


def test_a_report_holds_at_most_the_setting_of_photos(media, june, project, cast, settings):
    settings.TUIJIN_PHOTOS_PER_REPORT = 2
    photo_add(project=project, month=6, user=cast["owner"],
              uploads=[upload(build.jpeg(size=(40, 21)))])
    with pytest.raises(InputError) as caught:
        photo_add(project=project, month=6, user=cast["owner"], uploads=[
            upload(build.jpeg(size=(40, 22))), upload(build.jpeg(size=(40, 23)))])
    assert "at most 2 photos" in caught.value.message
    assert ReportPhoto.objects.count() == 1


def test_a_locked_month_refuses_photos_and_stores_nothing(media, june, project, cast, plan):
    filing_save(project=project, month=6, data=FilingInput(Decimal(5)), user=cast["owner"],
                submit=True)
    with pytest.raises(InputError) as caught:
        photo_add(project=project, month=6, user=cast["owner"], uploads=[upload(build.jpeg())])
    assert caught.value.extra["status"] == 409
    assert caught.value.message == "The photos of a report that is Submitted cannot be changed."
    period_lock(plan=plan, month=6, user=cast["admin"])
    with pytest.raises(InputError) as caught:
        photo_add(project=project, month=6, user=cast["owner"], uploads=[upload(build.jpeg())])
    assert "Month 6 is locked." in caught.value.message
    assert files_in(media) == [] and not ReportPhoto.objects.exists()


def test_a_month_not_open_is_refused_before_any_picture_is_read(media, june, project, cast):
    unread = io.BytesIO(build.jpeg())
    with pytest.raises(InputError) as caught:
        photo_add(project=project, month=7, user=cast["owner"],
                  uploads=[PhotoUpload("x.jpg", unread)])
    assert "open month is 6" in caught.value.message
    assert unread.tell() == 0


def test_files_written_by_a_failed_transaction_are_deleted(media, june, project, cast,
                                                           monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(photo_services, "_record", fail)
    with pytest.raises(RuntimeError):
        photo_add(project=project, month=6, user=cast["owner"], uploads=[upload(build.jpeg())])
    assert files_in(media) == [] and not ReportPhoto.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_removed_photos_files_go_once_the_removal_is_committed(media, reference_divisions):
    from tests.conftest import PASSWORD  # noqa: F401  (the cast needs the divisions first)
    from tests.factories import make_owner, make_plan
    from tuijin.accounts.models import User

    plan = make_plan()
    owner = User.objects.create_user("owner-t", role=User.Role.OWNER, organisation=make_owner())
    admin = User.objects.create_user("admin-t", role=User.Role.CITY_ADMIN)
    project = make_project(plan, owner=owner.organisation)
    period_open(plan=plan, month=6, user=admin)
    photo, = photo_add(project=project, month=6, user=owner, uploads=[upload(build.jpeg())])
    assert len(files_in(media)) == 2
    photo_remove(photo=photo, user=owner)
    assert files_in(media) == [] and not ReportPhoto.objects.exists()


def test_removing_from_a_submitted_report_is_refused_and_keeps_the_files(media, june, project,
                                                                         cast):
    photo, = photo_add(project=project, month=6, user=cast["owner"],
                       uploads=[upload(build.jpeg())])
    filing_save(project=project, month=6, data=FilingInput(Decimal(5)), user=cast["owner"],
                submit=True, version=photo.filing.version)
    with pytest.raises(InputError) as caught:
        photo_remove(photo=photo, user=cast["owner"])
    assert caught.value.extra["status"] == 409
    assert ReportPhoto.objects.count() == 1 and len(files_in(media)) == 2
