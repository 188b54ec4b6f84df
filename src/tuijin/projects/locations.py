"""A project's point (issue 16): reading "lng,lat" as a map app gives it, and the one rule for
whether a point is acceptable, used by the project form, the spreadsheet import and the admin.

The rule: a longitude and a latitude in range, inside China, and inside the plan's region as
the division outlines draw it (its bounding box, with a margin: the shipped outlines are a
schematic, projects/data/README.md). The commonest slip, latitude and longitude swapped, is
named as such. The outlines come from the file the setting TUIJIN_MAP_GEOJSON names (by default
the schematic one shipped with tuijin); a region the file does not draw is checked against
China only.
"""

import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.projects.geo import Datum, rounded, to_wgs84

DEFAULT_GEOJSON = Path(__file__).resolve().parent / "data" / "kaifeng-divisions-schematic.geojson"
# About 5 km: a site just over a schematic line is not refused.
REGION_MARGIN = 0.05
# Mainland and islands, coarser than the GCJ-02 rectangle (which reaches Mongolia and the
# Philippines' latitudes); a point outside is not in China.
_CHINA = (73.4, 3.8, 135.1, 53.6)

_NUMBER = r"[-+]?\d{1,3}(?:\.\d+)?"
_PAIR = re.compile(rf"^\s*\(?\s*({_NUMBER})\s*[,，;；\s]\s*({_NUMBER})\s*\)?\s*$")


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float

    def contains(self, lng: float, lat: float, margin: float = 0.0) -> bool:
        return (self.west - margin <= lng <= self.east + margin
                and self.south - margin <= lat <= self.north + margin)


@dataclass(frozen=True)
class Point:
    longitude: Decimal
    latitude: Decimal
    datum: str


def parse_point_text(text: str) -> tuple[Decimal, Decimal]:
    """(longitude, latitude) from "114.3076,34.7972" as Amap, Tencent and Baidu copy it
    (longitude first), also with a full-width comma, a space or brackets."""
    match = _PAIR.match(text.replace("，", ",") if text else "")
    if not match:
        raise InputError(
            _("%(value)s is not a point.") % {"value": text},
            hint=_("Write the longitude, a comma, then the latitude, as map apps copy it: "
                   "114.307600,34.797200."), field="location", value=text)
    return parse_coordinate(match.group(1), "longitude"), parse_coordinate(match.group(2),
                                                                            "latitude")


def parse_coordinate(value, field: str) -> Decimal:
    """A coordinate in decimal degrees, rounded to six places (about 0.1 m)."""
    text = str(value).strip().replace("°", "") if value is not None else ""
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise InputError(
            _("%(value)s is not a number of degrees.") % {"value": value},
            hint=_("Write decimal degrees, such as 114.307600 for a longitude or 34.797200 "
                   "for a latitude."), field=field, value=value)
    return rounded(float(number))


def parse_datum(value) -> str:
    """A datum as people write it: WGS84, wgs-84, GPS, GCJ02, 火星, 高德, BD09, 百度..."""
    text = re.sub(r"[\s_\-]", "", str(value or "")).upper()
    for datum, words in _DATUM_WORDS.items():
        if any(word in text for word in words):
            return datum
    raise InputError(
        _("%(value)s is not a datum tuijin knows.") % {"value": value},
        hint=_("Write WGS-84 (GPS), GCJ-02 (Amap, Tencent maps) or BD-09 (Baidu maps)."),
        field="location_datum", value=value)


_DATUM_WORDS = {
    Datum.WGS84: ("WGS84", "GPS", "WGS"),
    Datum.GCJ02: ("GCJ02", "GCJ", "火星", "高德", "腾讯", "国测局", "AMAP"),
    Datum.BD09: ("BD09", "百度", "BAIDU"),
}


def check_point(longitude: Decimal, latitude: Decimal, datum: str, *,
                region_name: str, region_box: Box | None) -> Point:
    """The point if acceptable, else InputError (``field="location"``) saying what is wrong
    and how to fix it. ``region_box`` is in WGS-84 (region_extent); None checks China only."""
    lng, lat = float(longitude), float(latitude)
    if not (-180 <= lng <= 180 and -90 <= lat <= 90):
        raise _swapped(longitude, latitude) if (-180 <= lat <= 180 and -90 <= lng <= 90) \
            else InputError(
                _("%(lng)s, %(lat)s is not a point on Earth.") % {"lng": longitude,
                                                                   "lat": latitude},
                hint=_("A longitude is between -180 and 180, a latitude between -90 and 90."),
                field="location")
    wlng, wlat = to_wgs84(lng, lat, datum)
    china = Box(*_CHINA)
    if not china.contains(wlng, wlat):
        if china.contains(wlat, wlng) or (region_box and region_box.contains(wlat, wlng)):
            raise _swapped(longitude, latitude)
        raise InputError(
            _("%(lng)s, %(lat)s is outside China.") % {"lng": longitude, "lat": latitude},
            hint=_("Check the figures: in China the longitude is between 73 and 135 and the "
                   "latitude between 4 and 54."), field="location")
    if region_box is not None and not region_box.contains(wlng, wlat, REGION_MARGIN):
        if region_box.contains(wlat, wlng, REGION_MARGIN):
            raise _swapped(longitude, latitude)
        raise InputError(
            _("%(lng)s, %(lat)s is outside %(region)s.") % {
                "lng": longitude, "lat": latitude, "region": region_name},
            hint=_("%(region)s lies between longitudes %(west)s and %(east)s and latitudes "
                   "%(south)s and %(north)s; check the figures and the datum.") % {
                "region": region_name, "west": f"{region_box.west:.2f}",
                "east": f"{region_box.east:.2f}", "south": f"{region_box.south:.2f}",
                "north": f"{region_box.north:.2f}"}, field="location")
    return Point(longitude, latitude, datum)


def _swapped(longitude, latitude) -> InputError:
    return InputError(
        _("%(lng)s, %(lat)s looks like latitude and longitude swapped.")
        % {"lng": longitude, "lat": latitude},
        hint=_("Write the longitude first: %(lat)s, %(lng)s.") % {"lng": longitude,
                                                                  "lat": latitude},
        field="location")


# ------------------------------------------------------------------------------ outlines


def geojson_path() -> Path:
    return Path(getattr(settings, "TUIJIN_MAP_GEOJSON", "") or DEFAULT_GEOJSON)


@lru_cache(maxsize=4)
def _outlines(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def division_outlines() -> dict:
    """The division outlines (GeoJSON FeatureCollection; each feature's properties carry the
    division's ``code`` and ``name``)."""
    return _outlines(str(geojson_path()))


def region_extent(region_code: str) -> Box | None:
    """The WGS-84 bounding box of the region's outline, or of its children's outlines, in
    the outlines file; None when the file draws neither."""
    boxes = []
    for feature in division_outlines().get("features", []):
        props = feature.get("properties") or {}
        if region_code in (props.get("code"), props.get("parent")):
            boxes.append(_box(feature["geometry"]))
    if not boxes:
        return None
    return Box(min(b.west for b in boxes), min(b.south for b in boxes),
               max(b.east for b in boxes), max(b.north for b in boxes))


def divisions_extent(codes) -> Box | None:
    """The WGS-84 bounding box of the outlines of the divisions ``codes`` (a district user's
    districts), or None when the file draws none of them."""
    wanted = set(codes)
    boxes = [_box(feature["geometry"]) for feature in division_outlines().get("features", [])
             if (feature.get("properties") or {}).get("code") in wanted]
    if not boxes:
        return None
    return Box(min(b.west for b in boxes), min(b.south for b in boxes),
               max(b.east for b in boxes), max(b.north for b in boxes))


def _box(geometry: dict) -> Box:
    points = []

    def walk(item):
        if item and isinstance(item[0], int | float):
            points.append(item)
        else:
            for sub in item:
                walk(sub)

    walk(geometry["coordinates"])
    lngs = [p[0] for p in points]
    lats = [p[1] for p in points]
    return Box(min(lngs), min(lats), max(lngs), max(lats))


def check_project_point(longitude, latitude, datum, *, plan) -> Point:
    """check_point for a project of ``plan``: its region's name and extent."""
    region = plan.region
    return check_point(longitude, latitude, datum or Datum.WGS84, region_name=str(region),
                       region_box=region_extent(region.code))
