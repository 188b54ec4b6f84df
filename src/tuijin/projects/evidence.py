"""Photo evidence checks (issue 16): does a report's photo show this site, this month, for the
first time? Plain functions over plain values; projects.evidence_services runs them when a
photo is uploaded and keeps the answers on the photo. They inform the reviewer; they never
refuse a photo.

- when: EXIF DateTimeOriginal against the report's month. Taken before the month began is
  flagged (progress reported with an old picture); no time recorded is said, not flagged
  (many apps strip EXIF). A photo taken after the month is normal: reports are filed after it.
- where: the EXIF GPS point (WGS-84, as GPS gives it) against the project's point converted
  to WGS-84 (projects.geo), flagged beyond a radius (setting TUIJIN_PHOTO_RADIUS_KM, 2 km).
- reused: a perceptual hash (imagehash's DCT hash, 64 bits) near one of a photo attached to
  another project or to an earlier month of this one: re-encoding, resizing and mild
  recompression move it a few bits, a different scene about half of them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tuijin.projects.geo import Datum, distance_km, to_wgs84

DEFAULT_RADIUS_KM = Decimal("2")
# Hamming distance (of 64 bits) up to which two photos are the same picture. Copies resized
# and re-encoded measure 0-4; different photos of one site seldom fewer than 14.
REUSE_MAX_BITS = 8


class TimeCheck(models.TextChoices):
    IN_MONTH = "ok", _("taken in or after the report's month")
    BEFORE = "before", _("taken before the report's month")
    MISSING = "missing", _("no time recorded")


class PlaceCheck(models.TextChoices):
    NEAR = "ok", _("taken near the project's site")
    FAR = "far", _("taken far from the project's site")
    NO_GPS = "no_gps", _("no location recorded")
    NO_SITE = "no_site", _("the project has no location")


def radius_km() -> Decimal:
    """The radius beyond which a photo's place is flagged (setting TUIJIN_PHOTO_RADIUS_KM)."""
    return Decimal(str(getattr(settings, "TUIJIN_PHOTO_RADIUS_KM", DEFAULT_RADIUS_KM)))


def check_time(taken_at: datetime | None, *, year: int, month: int,
               local_tz: tzinfo) -> TimeCheck:
    """When: judged on the local calendar day the photo was taken."""
    if taken_at is None:
        return TimeCheck.MISSING
    day = taken_at.astimezone(local_tz).date() if taken_at.tzinfo else taken_at.date()
    return TimeCheck.BEFORE if day < date(year, month, 1) else TimeCheck.IN_MONTH


@dataclass(frozen=True)
class PlaceResult:
    check: PlaceCheck
    distance_km: Decimal | None = None


def check_place(photo_point: tuple[Decimal, Decimal, str] | None,
                site_point: tuple[Decimal, Decimal, str] | None, *,
                radius: Decimal) -> PlaceResult:
    """Where: each point is (longitude, latitude, datum); both are taken to WGS-84 before
    measuring (a GCJ-02 site against a GPS photo would otherwise be some 500 m off)."""
    if photo_point is None:
        return PlaceResult(PlaceCheck.NO_GPS)
    if site_point is None:
        return PlaceResult(PlaceCheck.NO_SITE)
    photo = to_wgs84(photo_point[0], photo_point[1], photo_point[2] or Datum.WGS84)
    site = to_wgs84(site_point[0], site_point[1], site_point[2] or Datum.WGS84)
    km = Decimal(str(round(distance_km(photo, site), 3)))
    return PlaceResult(PlaceCheck.FAR if km > radius else PlaceCheck.NEAR, km)


def perceptual_hash(image) -> str:
    """The 64-bit DCT hash of a Pillow image, as 16 hex digits."""
    import imagehash  # scipy underneath: loaded when the first photo is checked

    return str(imagehash.phash(image))


def hash_distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def find_reuse(phash: str, candidates: Iterable[tuple[int, str]], *,
               max_bits: int = REUSE_MAX_BITS) -> int | None:
    """The id of the nearest candidate (id, hash) within ``max_bits``, or None."""
    best, best_bits = None, max_bits + 1
    value = int(phash, 16)
    for ident, other in candidates:
        bits = (value ^ int(other, 16)).bit_count()
        if bits < best_bits:
            best, best_bits = ident, bits
    return best


def is_flagged(*, time: str, place: str, reused: bool, note: str = "") -> bool:
    """A photo the reviewer should look at twice. No time or no GPS is said, not flagged;
    a check that could not run (``note``) is."""
    return time == TimeCheck.BEFORE or place == PlaceCheck.FAR or reused or bool(note)
