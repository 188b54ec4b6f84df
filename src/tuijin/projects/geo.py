"""Geodetic datums of a project's point (DESIGN.md §3, coordinates), as plain functions.

GPS receivers and photo EXIF give WGS-84; Amap and Tencent maps give GCJ-02 (WGS-84 shifted
by a published but deliberately irregular formula, up to ~700 m); Baidu gives BD-09 (GCJ-02
turned again). A point is stored as it was entered, with its datum, and converted here for
display, distance and export (OC4IDS wants WGS-84, longitude first).

Why not the coordtransform package: its 0.2.1 wheel is a repackaging (the uploader is not the
author of the MIT code it carries) with a compiled extension whose source is not in the
distribution, and its GCJ-02 → WGS-84 is the one-step approximation (metres off). The
formulas are short and public; they are written out here, the inverse solved by iteration to
well under a centimetre, and checked against the reference pairs other implementations
publish (tests/projects/test_geo.py).

Longitude comes first everywhere in this module, as in GeoJSON and OC4IDS.
"""

import math
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Datum(models.TextChoices):
    WGS84 = "WGS-84", _("WGS-84 (GPS, photo EXIF)")
    GCJ02 = "GCJ-02", _("GCJ-02 (Amap, Tencent maps)")
    BD09 = "BD-09", _("BD-09 (Baidu maps)")


# The GCJ-02 formula's constants: the Krasovsky 1940 ellipsoid it was defined on.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
# The shift applies inside this rectangle only (the formula's own rule, as every published
# implementation reads it); outside it GCJ-02 is WGS-84.
_CHINA_BOX = (72.004, 0.8293, 137.8347, 55.8271)


def in_china_box(lng: float, lat: float) -> bool:
    """Whether the point is in the rectangle where the GCJ-02 shift applies."""
    west, south, east, north = _CHINA_BOX
    return west <= lng <= east and south <= lat <= north


def _shift(lng: float, lat: float) -> tuple[float, float]:
    """GCJ-02 minus WGS-84 at a WGS-84 point, in degrees (longitude, latitude)."""
    x, y = lng - 105.0, lat - 35.0
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y
            + 0.2 * math.sqrt(abs(x)) + common
            + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
            + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0))
            * 2 / 3)
    dlng = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
            + common
            + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
            + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi))
            * 2 / 3)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlng = (dlng * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return dlng, dlat


def wgs84_to_gcj02(lng: float, lat: float) -> tuple[float, float]:
    if not in_china_box(lng, lat):
        return lng, lat
    dlng, dlat = _shift(lng, lat)
    return lng + dlng, lat + dlat


def gcj02_to_wgs84(lng: float, lat: float) -> tuple[float, float]:
    """The inverse, by fixed-point iteration: the shift changes slowly, so each step gains
    about three digits; stops below 1e-9 degrees (a tenth of a millimetre)."""
    if not in_china_box(lng, lat):
        return lng, lat
    wlng, wlat = lng, lat
    for _step in range(10):
        glng, glat = wgs84_to_gcj02(wlng, wlat)
        elng, elat = glng - lng, glat - lat
        wlng, wlat = wlng - elng, wlat - elat
        if abs(elng) < 1e-9 and abs(elat) < 1e-9:
            break
    return wlng, wlat


def gcj02_to_bd09(lng: float, lat: float) -> tuple[float, float]:
    z = math.sqrt(lng * lng + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lng) + 0.000003 * math.cos(lng * _X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def bd09_to_gcj02(lng: float, lat: float) -> tuple[float, float]:
    x, y = lng - 0.0065, lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * _X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _X_PI)
    return z * math.cos(theta), z * math.sin(theta)


def to_wgs84(lng: float, lat: float, datum: str) -> tuple[float, float]:
    """The WGS-84 point of (lng, lat) given in ``datum`` (a Datum value)."""
    lng, lat = float(lng), float(lat)
    if datum == Datum.WGS84:
        return lng, lat
    if datum == Datum.GCJ02:
        return gcj02_to_wgs84(lng, lat)
    if datum == Datum.BD09:
        return gcj02_to_wgs84(*bd09_to_gcj02(lng, lat))
    raise ValueError(f"unknown datum: {datum!r}")


def from_wgs84(lng: float, lat: float, datum: str) -> tuple[float, float]:
    """The WGS-84 point (lng, lat) written in ``datum``."""
    lng, lat = float(lng), float(lat)
    if datum == Datum.WGS84:
        return lng, lat
    if datum == Datum.GCJ02:
        return wgs84_to_gcj02(lng, lat)
    if datum == Datum.BD09:
        return gcj02_to_bd09(*wgs84_to_gcj02(lng, lat))
    raise ValueError(f"unknown datum: {datum!r}")


def convert(lng: float, lat: float, *, source: str, target: str) -> tuple[float, float]:
    if source == target:
        return float(lng), float(lat)
    return from_wgs84(*to_wgs84(lng, lat, source), target)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lng, lat) points of one datum, in km (haversine;
    within 0.5 % of the ellipsoid at these distances, far inside any radius we judge by)."""
    lng1, lat1, lng2, lat2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


_SIX_PLACES = Decimal("0.000001")  # about 0.1 m


def rounded(value: float) -> Decimal:
    """A coordinate as stored: six decimal places."""
    return Decimal(repr(value)).quantize(_SIX_PLACES)


def project_point_wgs84(project) -> tuple[float, float] | None:
    """The project's point in WGS-84, (longitude, latitude) rounded to six places, or None
    when it has none. Reads only the project's own fields (longitude, latitude,
    location_datum); no query."""
    lng = getattr(project, "longitude", None)
    lat = getattr(project, "latitude", None)
    if lng is None or lat is None:
        return None
    wlng, wlat = to_wgs84(lng, lat, project.location_datum or Datum.WGS84)
    return round(wlng, 6), round(wlat, 6)
