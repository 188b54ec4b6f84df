"""projects.evidence_services through the upload (projects.photo_services.photo_add): each check
with pictures the test builds, EXIF written with Pillow; the checks never refuse an upload."""

import io
from decimal import Decimal

import pytest

from tests.factories import make_project
from tests.projects import photo_builders as build
from tuijin.projects.cycle_services import period_open
from tuijin.projects.evidence import PlaceCheck, TimeCheck
from tuijin.projects.evidence_services import photo_check, photo_checks_rerun
from tuijin.projects.geo import Datum, wgs84_to_gcj02
from tuijin.projects.photo_services import PhotoUpload, photo_add

SITE = (114.307, 34.798)  # WGS-84


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def months(plan, cast):
    return [period_open(plan=plan, month=m, user=cast["admin"]) for m in (5, 6)]


def sited(project, lng=SITE[0], lat=SITE[1], datum=Datum.GCJ02):
    """The site's point as it would be picked on Amap (GCJ-02)."""
    glng, glat = wgs84_to_gcj02(lng, lat) if datum == Datum.GCJ02 else (lng, lat)
    project.longitude, project.latitude = Decimal(f"{glng:.6f}"), Decimal(f"{glat:.6f}")
    project.location_datum = datum
    project.save()
    return project


@pytest.fixture
def project(plan, owner_org):
    return sited(make_project(plan, owner=owner_org))


@pytest.fixture
def other(plan, owner_org):
    return sited(make_project(plan, owner=owner_org, name="另一个项目"))


def add(project, month, data, cast, name="IMG.jpg"):
    photo, = photo_add(project=project, month=month, user=cast["owner"],
                       uploads=[PhotoUpload(name=name, file=io.BytesIO(data), size=len(data))])
    photo.refresh_from_db()
    return photo


def test_right_place_and_month_is_not_flagged(media, months, project, cast):
    photo = add(project, 6, build.scene_jpeg(1, taken="2023:06:12 10:00:00",
                                             gps=build.gps_of(*SITE)), cast)
    assert photo.time_check == TimeCheck.IN_MONTH
    assert photo.place_check == PlaceCheck.NEAR and photo.distance_km < Decimal("0.05")
    assert photo.reused_photo is None and photo.perceptual_hash
    assert not photo.is_flagged and photo.checked_at


def test_wrong_month_is_flagged(media, months, project, cast):
    photo = add(project, 6, build.scene_jpeg(2, taken="2023:04:28 09:00:00",
                                             gps=build.gps_of(*SITE)), cast)
    assert photo.time_check == TimeCheck.BEFORE and photo.is_flagged


def test_five_km_away_is_flagged_with_the_distance(media, months, project, cast):
    photo = add(project, 6, build.scene_jpeg(3, taken="2023:06:12 10:00:00",
                                             gps=build.gps_of(SITE[0], SITE[1] + 0.045)), cast)
    assert photo.place_check == PlaceCheck.FAR and photo.is_flagged
    assert Decimal("4.9") < photo.distance_km < Decimal("5.1")


def test_the_radius_is_a_setting(media, months, project, cast, settings):
    settings.TUIJIN_PHOTO_RADIUS_KM = 10
    photo = add(project, 6, build.scene_jpeg(3, gps=build.gps_of(SITE[0], SITE[1] + 0.045)),
                cast)
    assert photo.place_check == PlaceCheck.NEAR and not photo.is_flagged


def test_a_copy_of_another_projects_photo_re_encoded_and_resized_is_flagged(
        media, months, project, other, cast):
    original = build.scene_jpeg(4, taken="2023:06:02 08:00:00", gps=build.gps_of(*SITE))
    first = add(other, 6, original, cast)
    copy = add(project, 6, build.copy_of(original, scale=0.5, quality=65), cast)
    assert copy.reused_photo == first and copy.is_flagged
    assert not first.is_flagged


def test_the_same_projects_photo_of_an_earlier_month_is_flagged(media, months, project, cast):
    original = build.scene_jpeg(5)
    may = add(project, 5, original, cast)
    june = add(project, 6, build.copy_of(original, scale=0.8, quality=80), cast)
    assert june.reused_photo == may and june.is_flagged


def test_a_different_photo_of_another_project_is_not_reuse(media, months, project, other,
                                                          cast):
    add(other, 6, build.scene_jpeg(6), cast)
    assert add(project, 6, build.scene_jpeg(7), cast).reused_photo is None


def test_no_exif_says_no_time_and_no_location_without_a_flag(media, months, project, cast):
    photo = add(project, 6, build.encoded(build.site_scene(8), "PNG"), cast, "scan.png")
    assert (photo.time_check, photo.place_check) == (TimeCheck.MISSING, PlaceCheck.NO_GPS)
    assert not photo.is_flagged


def test_corrupt_exif_is_read_as_none_and_the_upload_stands(media, months, project, cast):
    data = bytearray(build.scene_jpeg(9, taken="2023:06:12 10:00:00", gps=build.gps_of(*SITE)))
    start = data.index(b"Exif\x00\x00")
    data[start + 10:start + 40] = b"\xff" * 30  # the TIFF header and first IFD scrambled
    photo = add(project, 6, bytes(data), cast)
    assert photo.time_check == TimeCheck.MISSING and photo.place_check == PlaceCheck.NO_GPS


def test_a_project_without_a_point_says_so(media, months, plan, owner_org, cast):
    bare = make_project(plan, owner=owner_org, name="无坐标项目")
    photo = add(bare, 6, build.scene_jpeg(10, gps=build.gps_of(*SITE)), cast)
    assert photo.place_check == PlaceCheck.NO_SITE and not photo.is_flagged


def test_an_unreadable_stored_copy_is_a_note_and_a_flag_not_an_error(media, months, project,
                                                                    cast):
    photo = add(project, 6, build.scene_jpeg(11), cast)
    photo.perceptual_hash = ""
    photo_check(photo=photo, image=b"not a picture")
    photo.refresh_from_db()
    assert "could not be compared" in photo.check_note and photo.is_flagged


def test_a_failing_check_never_undoes_the_upload(media, months, project, cast, monkeypatch):
    from tuijin.projects import evidence_services

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(evidence_services, "photo_check", broken)
    photo = add(project, 6, build.scene_jpeg(12), cast)
    assert photo.pk and photo.checked_at is None


def test_checks_run_again_when_the_point_changes(media, months, project, cast):
    photo = add(project, 6, build.scene_jpeg(13, gps=build.gps_of(SITE[0], SITE[1] + 0.045)),
                cast)
    assert photo.place_check == PlaceCheck.FAR
    sited(project, SITE[0], SITE[1] + 0.045)
    assert photo_checks_rerun(project=project) == 1
    photo.refresh_from_db()
    assert photo.place_check == PlaceCheck.NEAR and not photo.is_flagged


def test_a_100_megapixel_image_is_a_clear_refusal_not_a_server_error(media, months, project,
                                                                      cast):
    import io as _io

    from PIL import Image

    from tuijin.core.errors import InputError

    out = _io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")  # 100 megapixels in a few KB
    with pytest.raises(InputError) as caught:
        add(project, 6, out.getvalue(), cast, "huge.png")
    assert caught.value.extra["status"] == 413 and "100 megapixels" in caught.value.message
