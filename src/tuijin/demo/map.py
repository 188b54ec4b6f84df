"""The demo's map and photo evidence (issue 16): every demo project gets a point inside its
district's outline (entered as people do: most picked on Amap in GCJ-02, some from a GPS in
WGS-84, a few from Baidu in BD-09), and a few submitted reports of the open month get photos
with each kind of finding, so the map and the review pages show something after `make run`.

The photos are pictures drawn here (no real site is shown) with EXIF written by Pillow, kept
through the same preparation as an upload (projects.photos) and checked by the same service
(projects.evidence_services).
"""

import io
import itertools
import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw

from tuijin.projects.evidence_services import photo_check
from tuijin.projects.geo import Datum, from_wgs84
from tuijin.projects.locations import division_outlines
from tuijin.projects.models import Project, ReportFiling, ReportPhoto
from tuijin.projects.photo_services import photo_stored
from tuijin.projects.photos import photo_prepare

# How demo points were entered: Amap / Tencent, a GPS, Baidu.
DATUM_MIX = ((Datum.GCJ02, 0.6), (Datum.WGS84, 0.3), (Datum.BD09, 0.1))
_DATETIME_ORIGINAL = 0x9003


def _inside(lng: float, lat: float, rings: list) -> bool:
    """Ray casting over a polygon's rings (the first the outline, the rest holes)."""
    def in_ring(ring) -> bool:
        inside = False
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            if (y1 > lat) != (y2 > lat) and lng < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside

    return in_ring(rings[0]) and not any(in_ring(hole) for hole in rings[1:])


def _shapes() -> dict[str, list]:
    shapes = {}
    for feature in division_outlines().get("features", []):
        geometry = feature["geometry"]
        polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                    else geometry["coordinates"])
        shapes[feature["properties"]["code"]] = polygons
    return shapes


def _point_in(polygons: list, rng: random.Random) -> tuple[float, float]:
    ring = polygons[0][0]
    west, east = min(p[0] for p in ring), max(p[0] for p in ring)
    south, north = min(p[1] for p in ring), max(p[1] for p in ring)
    for _attempt in range(200):
        lng, lat = rng.uniform(west, east), rng.uniform(south, north)
        if any(_inside(lng, lat, rings) for rings in polygons):
            return lng, lat
    return (west + east) / 2, (south + north) / 2


@transaction.atomic
def demo_points_set(plan, *, seed: int) -> int:
    """Give each demo project of ``plan`` a point in its district's outline; returns how many.
    The outline file's districts only (a deployment's own file may draw others)."""
    rng = random.Random(seed)
    shapes = _shapes()
    datums, weights = zip(*DATUM_MIX, strict=True)
    projects = list(Project.objects.filter(plan=plan, is_demo=True)
                    .select_related("district").order_by("id"))
    changed = []
    for project in projects:
        polygons = shapes.get(project.district.code)
        if not polygons:
            continue
        wgs = _point_in(polygons, rng)
        datum = rng.choices(datums, weights)[0]
        lng, lat = from_wgs84(*wgs, datum)
        project.longitude = Decimal(f"{lng:.6f}")
        project.latitude = Decimal(f"{lat:.6f}")
        project.location_datum = datum
        changed.append(project)
    Project.objects.bulk_update(changed, ["longitude", "latitude", "location_datum"],
                                batch_size=2000)
    return len(changed)


def _scene(seed: int) -> Image.Image:
    rng = random.Random(seed)
    image = Image.new("RGB", (960, 720), (rng.randrange(150, 220),) * 3)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 430, 960, 720), fill=(139, 115, 85))  # the ground
    for _shape in range(30):
        x, y = rng.randrange(960), rng.randrange(120, 600)
        w, h = rng.randrange(30, 300), rng.randrange(30, 260)
        draw.rectangle((x, y, x + w, y + h),
                       fill=tuple(rng.randrange(40, 240) for _c in range(3)))
    return image


def _jpeg(image: Image.Image, *, taken: datetime | None = None,
          gps: tuple[float, float] | None = None) -> bytes:
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[_DATETIME_ORIGINAL] = taken.strftime("%Y:%m:%d %H:%M:%S")
    if gps is not None:
        lng, lat = gps

        def dms(value):
            minutes, seconds = divmod(value * 3600, 60)
            degrees, minutes = divmod(minutes, 60)
            return (float(degrees), float(minutes), round(seconds, 3))

        exif.get_ifd(0x8825).update({1: "N", 2: dms(lat), 3: "E", 4: dms(lng), 18: "WGS-84"})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


def _store(filing: ReportFiling, data: bytes, name: str) -> ReportPhoto:
    prepared = photo_prepare(data, filename=name, max_bytes=10 * 1024 * 1024,
                             local_tz=timezone.get_default_timezone())
    photo = photo_stored(filing, prepared, uploaded_by=filing.submitted_by)
    return photo_check(photo=photo, image=prepared.image)


def demo_photos_set(plan, *, month: int) -> dict[str, int]:
    """Photos on a few submitted reports of ``month`` with points: one fine, one taken the
    month before, one 5 km from the site, one with no EXIF, and one the same picture as
    another project's. Returns the count of photos by finding."""
    from tuijin.projects.geo import to_wgs84

    filings = list(ReportFiling.objects.filter(
        project__plan=plan, project__is_demo=True, month=month, state="submitted",
        project__longitude__isnull=False).select_related("project", "submitted_by")
        .order_by("project__district__code", "id")[:6])
    if len(filings) < 5:
        return {}
    ReportPhoto.objects.filter(filing__in=filings).delete()
    first = datetime(plan.year, month, 1, 10, tzinfo=timezone.get_default_timezone())
    site = [to_wgs84(f.project.longitude, f.project.latitude, f.project.location_datum)
            for f in filings]
    counts = {}

    def add(key, index, data, name):
        _store(filings[index], data, name)
        counts[key] = counts.get(key, 0) + 1

    add("fine", 0, _jpeg(_scene(1), taken=first + timedelta(days=9), gps=site[0]), "工地1.jpg")
    add("before the month", 1, _jpeg(_scene(2), taken=first - timedelta(days=40),
                                     gps=site[1]), "工地2.jpg")
    add("far from the site", 2, _jpeg(_scene(3), taken=first + timedelta(days=5),
                                      gps=(site[2][0], site[2][1] + 0.045)), "工地3.jpg")
    out = io.BytesIO()
    _scene(4).save(out, "PNG")
    add("no EXIF", 3, out.getvalue(), "截图.png")
    original = _scene(5)
    add("fine", 4, _jpeg(original, taken=first + timedelta(days=3), gps=site[4]), "工地5.jpg")
    smaller = original.resize((640, 480))
    add("reused", 5 if len(filings) > 5 else 3, _jpeg(smaller), "工地6.jpg")
    return counts


def photos_summary(points: int, counts: dict[str, int]) -> str:
    labels = {"fine": _("fine"), "before the month": _("taken before the month"),
              "far from the site": _("far from the site"), "no EXIF": _("no EXIF"),
              "reused": _("same picture as another project's")}
    return _("Map: %(points)s projects with a point; evidence photos: %(photos)s.") % {
        "points": points,
        "photos": ", ".join(f"{labels[key]} {n}" for key, n in counts.items()) or "0"}
