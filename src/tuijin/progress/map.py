"""The project map's data (issue 16), as plain functions: what the browser draws, packed small.

Points go as parallel arrays, not an object each: longitude and latitude as whole numbers of
1e-4 degrees (about 10 m) from the region's south-west corner, the light as one digit, the
year's plan in whole 万元, the project's id; about 25 bytes a point in JSON. Districts go as
(code, completion, projects), the completion being the progress engine's own district figure
(progress.dashboard, never computed a second way here). Coordinates are WGS-84, the datum the
outline file is drawn in (projects.geo converts each project's point).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

# The light's digit in the points' ``l`` array; map.js colours by it.
LIGHT_CODES = {"green": 0, "yellow": 1, "red": 2, "missing": 3}
SCALE = 10_000  # whole 1e-4 degrees
# Names travel with the points only below this many (tooltips); a province's map shows the
# name on a click instead, by opening the project.
NAMES_UP_TO = 3_000


@dataclass(frozen=True)
class MapPoint:
    project_id: int
    name: str
    longitude: float  # WGS-84
    latitude: float
    light: str  # a LIGHT_CODES key
    planned_wan: Decimal


def encode_points(points: Iterable[MapPoint], *, origin: tuple[float, float]) -> dict:
    """The points as columns: x, y (1e-4 degrees from ``origin``), l (light digit), s (plan,
    whole 万元), i (project id), and n (names) when there are at most NAMES_UP_TO."""
    x, y, light, size, ids, names = [], [], [], [], [], []
    west, south = origin
    for point in points:
        x.append(round((point.longitude - west) * SCALE))
        y.append(round((point.latitude - south) * SCALE))
        light.append(LIGHT_CODES[point.light])
        size.append(int(point.planned_wan))
        ids.append(point.project_id)
        names.append(point.name)
    encoded = {"x": x, "y": y, "l": light, "s": size, "i": ids, "origin": [west, south],
               "scale": SCALE}
    if len(ids) <= NAMES_UP_TO:
        encoded["n"] = names
    return encoded


def decode_point(encoded: dict, index: int) -> tuple[float, float]:
    """(longitude, latitude) of one encoded point: what map.js computes."""
    west, south = encoded["origin"]
    return (west + encoded["x"][index] / encoded["scale"],
            south + encoded["y"][index] / encoded["scale"])


def district_shading(by_district, *, has_reports: bool = True) -> list[list]:
    """[code, completion (float or None), projects] per district line of a dashboard. In a
    month with no reports at all (``has_reports`` false) no district has a figure: each is
    None (drawn grey, "no figures"), not a completion of 0 % shaded behind time progress."""
    return [[line.ref.code,
             None if line.totals.completion is None or not has_reports
             else float(line.totals.completion),
             line.totals.projects] for line in by_district]
