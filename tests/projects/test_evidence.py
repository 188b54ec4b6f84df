"""projects.evidence: the three checks as plain functions."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from tests.projects import photo_builders as build
from tuijin.projects.evidence import (
    PlaceCheck,
    TimeCheck,
    check_place,
    check_time,
    find_reuse,
    hash_distance,
    is_flagged,
    perceptual_hash,
)
from tuijin.projects.geo import Datum, wgs84_to_gcj02

SHANGHAI = ZoneInfo("Asia/Shanghai")
SITE = (Decimal("114.307"), Decimal("34.798"))


def test_a_photo_taken_in_the_month_is_fine():
    taken = datetime(2023, 6, 1, 0, 30, tzinfo=SHANGHAI)
    assert check_time(taken, year=2023, month=6, local_tz=SHANGHAI) == TimeCheck.IN_MONTH


def test_a_photo_taken_before_the_month_is_flagged_by_the_local_day():
    # 23:30 on 31 May in Kaifeng is 15:30 UTC: still May where the photo was taken.
    taken = datetime(2023, 5, 31, 15, 30, tzinfo=ZoneInfo("UTC"))
    assert check_time(taken, year=2023, month=6, local_tz=SHANGHAI) == TimeCheck.BEFORE


def test_a_photo_taken_after_the_month_is_fine():
    # Reports are filed after their month; the photo may be from the first days after it.
    taken = datetime(2023, 7, 3, tzinfo=SHANGHAI)
    assert check_time(taken, year=2023, month=6, local_tz=SHANGHAI) == TimeCheck.IN_MONTH


def test_no_time_is_said_not_flagged():
    assert check_time(None, year=2023, month=6, local_tz=SHANGHAI) == TimeCheck.MISSING
    assert not is_flagged(time=TimeCheck.MISSING, place=PlaceCheck.NO_GPS, reused=False)


def test_a_photo_at_the_site_is_near_whatever_the_site_datum():
    gcj = wgs84_to_gcj02(float(SITE[0]), float(SITE[1]))
    result = check_place((*SITE, Datum.WGS84), (*map(Decimal, map(str, gcj)), Datum.GCJ02),
                         radius=Decimal(2))
    assert result.check == PlaceCheck.NEAR
    assert result.distance_km < Decimal("0.01")


def test_the_datum_matters_a_gcj02_site_read_as_wgs84_is_hundreds_of_metres_off():
    gcj = wgs84_to_gcj02(float(SITE[0]), float(SITE[1]))
    result = check_place((*SITE, Datum.WGS84), (*map(Decimal, map(str, gcj)), Datum.WGS84),
                         radius=Decimal(2))
    assert Decimal("0.2") < result.distance_km < Decimal("0.8")


def test_a_photo_five_km_away_is_flagged_with_its_distance():
    away = (SITE[0], SITE[1] + Decimal("0.045"))  # 0.045° of latitude ≈ 5 km
    result = check_place((*away, Datum.WGS84), (*SITE, Datum.WGS84), radius=Decimal(2))
    assert result.check == PlaceCheck.FAR
    assert Decimal("4.9") < result.distance_km < Decimal("5.1")
    assert is_flagged(time=TimeCheck.IN_MONTH, place=result.check, reused=False)


def test_no_gps_or_no_site_is_said():
    assert check_place(None, (*SITE, "WGS-84"), radius=Decimal(2)).check == PlaceCheck.NO_GPS
    assert check_place((*SITE, "WGS-84"), None, radius=Decimal(2)).check == PlaceCheck.NO_SITE


def test_a_resized_re_encoded_copy_hashes_near_and_another_scene_far():
    original = build.scene_jpeg(1)
    first = perceptual_hash(build.stored(original))
    copy = perceptual_hash(build.stored(build.copy_of(original, scale=0.5, quality=60)))
    other = perceptual_hash(build.stored(build.scene_jpeg(2)))
    assert hash_distance(first, copy) <= 4
    assert hash_distance(first, other) > 16


def test_find_reuse_takes_the_nearest_within_the_limit():
    assert find_reuse("ffffffffffffffff", [(1, "fffffffffffffff0"), (2, "ffffffffffffffff"),
                                           (3, "0000000000000000")]) == 2
    assert find_reuse("ffffffffffffffff", [(3, "0000000000000000")]) is None
