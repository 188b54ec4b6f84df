"""projects/photos.py: a photo is judged by its content; what is kept is upright, without
metadata, with a thumbnail; the time and GPS point are read out first. No database."""

import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from tests.projects import photo_builders as build
from tuijin.core.errors import InputError
from tuijin.projects.photos import (
    PHOTO_MAX_PIXELS,
    STORED_MAX_SIDE,
    THUMBNAIL_SIDE,
    check_photo_count,
    display_name,
    photo_prepare,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
TEN_MB = 10 * 1024 * 1024


def prepare(data, name="IMG_0001.jpg", max_bytes=TEN_MB):
    return photo_prepare(data, filename=name, max_bytes=max_bytes, local_tz=SHANGHAI)


def refusal(data, name="IMG_0001.jpg", **kw) -> InputError:
    with pytest.raises(InputError) as caught:
        prepare(data, name, **kw)
    assert caught.value.field == "photos"
    return caught.value


@pytest.mark.parametrize(("data", "source", "stored_as"), [
    (build.jpeg(), "image/jpeg", "image/jpeg"),
    (build.png(), "image/png", "image/png"),
    (build.webp(), "image/webp", "image/webp"),
    (build.heic(), "image/heic", "image/jpeg"),
])
def test_jpeg_png_webp_and_heic_are_accepted(data, source, stored_as):
    photo = prepare(data)
    assert (photo.source_type, photo.content_type) == (source, stored_as)
    assert stored(photo.image).size == (40, 20) == (photo.width, photo.height)
    assert stored(photo.image).get_format_mimetype() == stored_as


def test_heic_is_stored_as_jpeg_which_every_browser_shows():
    photo = prepare(build.heic(), "IMG_0002.HEIC")
    assert photo.extension == "jpg" and stored(photo.image).format == "JPEG"


def test_exif_orientation_6_is_stored_turned_upright():
    photo = prepare(build.jpeg(size=(40, 20), orientation=6))
    image = stored(photo.image)
    # Orientation 6: the camera was turned a quarter clockwise; the left (red) half is the top.
    assert image.size == (20, 40) == (photo.width, photo.height)
    assert _is_red(image.getpixel((10, 5))) and not _is_red(image.getpixel((10, 35)))
    assert stored(photo.thumbnail).size[1] > stored(photo.thumbnail).size[0]


def test_the_stored_copy_carries_no_exif_and_nothing_of_the_device():
    photo = prepare(build.jpeg(orientation=6, gps=build.KAIFENG_GPS, make="HUAWEI P60"))
    for data in (photo.image, photo.thumbnail):
        assert dict(stored(data).getexif()) == {}
        assert b"HUAWEI" not in data and b"Exif" not in data


def test_the_gps_point_and_time_taken_are_read_before_the_exif_is_dropped():
    photo = prepare(build.jpeg(gps=build.KAIFENG_GPS, taken="2023:06:18 10:30:00"))
    assert photo.latitude == Decimal("34.798000") and photo.longitude == Decimal("114.307000")
    assert photo.gps_datum == "WGS-84"
    assert photo.taken_at == datetime(2023, 6, 18, 10, 30, tzinfo=SHANGHAI)


def test_southern_and_western_points_are_negative():
    gps = {1: "S", 2: (33.0, 52.0, 0.0), 3: "W", 4: (151.0, 12.0, 36.0)}
    photo = prepare(build.jpeg(gps=gps))
    assert photo.latitude == Decimal("-33.866667") and photo.longitude == Decimal("-151.210000")


def test_a_time_with_its_offset_keeps_the_offset():
    photo = prepare(build.jpeg(taken="2023:06:18 10:30:00", offset="+02:00"))
    assert photo.taken_at.utcoffset().total_seconds() == 7200


@pytest.mark.parametrize("taken", ["0000:00:00 00:00:00", "    :  :     :  :  ", "yesterday"])
def test_a_blank_or_garbled_exif_time_is_no_time(taken):
    assert prepare(build.jpeg(taken=taken)).taken_at is None


def test_a_camera_without_a_fix_gives_no_point():
    gps = {1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}
    photo = prepare(build.jpeg(gps=gps))
    assert (photo.latitude, photo.longitude, photo.gps_datum) == (None, None, "")


def test_a_photo_without_exif_has_no_time_and_no_point():
    photo = prepare(build.png())
    assert (photo.taken_at, photo.latitude, photo.longitude) == (None, None, None)


@pytest.mark.parametrize("program", [build.WINDOWS_PROGRAM, build.LINUX_PROGRAM])
def test_a_program_renamed_jpg_is_refused_as_a_program(program):
    error = refusal(program, "工地照片.jpg")
    assert error.extra["status"] == 415
    assert error.message == "工地照片.jpg is a program, not a photo."
    assert "JPEG" in error.hint


def test_a_gif_is_refused_naming_the_formats_accepted():
    error = refusal(build.gif(), "动图.gif")
    assert error.extra["status"] == 415
    assert "GIF" in error.message and "JPEG, PNG, WebP or HEIC" in error.message


def test_text_pretending_to_be_a_jpeg_is_refused():
    error = refusal(b"<html><script>alert(1)</script></html>", "x.jpg")
    assert error.extra["status"] == 415 and "not a JPEG, PNG, WebP or HEIC" in error.message


def test_a_truncated_jpeg_is_refused_as_damaged():
    data = build.jpeg(size=(400, 300))
    error = refusal(data[: len(data) // 2])
    assert error.extra["status"] == 400 and "damaged" in error.message


def test_a_photo_over_ten_megabytes_is_refused_before_it_is_opened():
    error = refusal(b"\xff\xd8\xff" + b"\x00" * TEN_MB)
    assert error.extra["status"] == 413
    assert error.message == "IMG_0001.jpg is larger than 10 MB."


def test_an_empty_file_is_refused():
    assert refusal(b"").extra["status"] == 400


def test_a_decompression_bomb_is_refused_from_its_header():
    # 70 megapixels of one colour: 9 KB of PNG, hundreds of MB once decoded.
    out = io.BytesIO()
    Image.new("1", (10_000, 7_000)).save(out, "PNG")
    assert PHOTO_MAX_PIXELS < 10_000 * 7_000
    error = refusal(out.getvalue(), "bomb.png")
    assert error.extra["status"] == 413 and "megapixels" in error.message


def test_a_large_photo_is_stored_at_most_the_stored_size_with_a_small_thumbnail():
    photo = prepare(build.jpeg(size=(4000, 3000)))
    assert max(photo.width, photo.height) <= STORED_MAX_SIDE
    assert max(stored(photo.thumbnail).size) == THUMBNAIL_SIDE
    assert stored(photo.thumbnail).format == "JPEG"


def test_a_transparent_png_stays_png_and_its_thumbnail_is_flattened():
    photo = prepare(build.png(alpha=True))
    assert stored(photo.image).mode == "RGBA"
    assert stored(photo.thumbnail).mode == "RGB"


def test_the_checksum_is_of_the_upload():
    import hashlib

    data = build.jpeg()
    assert prepare(data).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(("given", "shown"), [
    ("C:\\fakepath\\IMG_0001.JPG", "IMG_0001.JPG"),
    ("../../etc/passwd.jpg", "passwd.jpg"),
    ("工地\u202egpj.exe", "工地gpj.exe"),
    ("", "photo"),
    ("a" * 300 + ".jpg", "a" * 115 + "….jpg"),
])
def test_the_client_file_name_is_only_shown_and_cleaned_first(given, shown):
    assert display_name(given) == shown


def test_a_report_holds_at_most_the_limit_of_photos():
    check_photo_count(existing=7, adding=2, per_report=9)
    with pytest.raises(InputError) as caught:
        check_photo_count(existing=8, adding=2, per_report=9)
    assert "at most 9 photos" in caught.value.message and "at most 1 more" in caught.value.hint
    with pytest.raises(InputError) as caught:
        check_photo_count(existing=0, adding=0, per_report=9)
    assert caught.value.message == "Choose at least one photo."


def stored(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def _is_red(pixel) -> bool:
    return pixel[0] > 200 and pixel[2] < 60
