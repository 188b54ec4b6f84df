"""The demo's points and evidence photos (demo/map.py)."""

from decimal import Decimal

import pytest

from tuijin.demo.cycle import demo_cycle_set
from tuijin.demo.loader import demo_load
from tuijin.demo.map import _inside, demo_photos_set, demo_points_set
from tuijin.projects.locations import check_project_point, division_outlines
from tuijin.projects.models import Project, ReportPhoto


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_every_demo_point_is_acceptable_and_inside_its_district(plan):
    demo_load(plan, projects=60, months=3, seed=5)
    assert demo_points_set(plan, seed=5) == 60
    shapes = {f["properties"]["code"]: f["geometry"]["coordinates"]
              for f in division_outlines()["features"]}
    datums = set()
    for project in Project.objects.filter(plan=plan).select_related("district"):
        check_project_point(project.longitude, project.latitude, project.location_datum,
                            plan=plan)
        datums.add(project.location_datum)
        from tuijin.projects.geo import project_point_wgs84

        assert _inside(*project_point_wgs84(project), shapes[project.district.code])
    assert datums == {"WGS-84", "GCJ-02", "BD-09"}


def test_demo_photos_show_each_kind_of_finding(plan, cast, media):
    demo_load(plan, projects=120, months=3, seed=5)
    demo_cycle_set(plan, months=3, seed=5)
    demo_points_set(plan, seed=5)
    counts = demo_photos_set(plan, month=3)
    assert counts["before the month"] == counts["far from the site"] == counts["reused"] == 1
    photos = ReportPhoto.objects.all()
    assert photos.filter(time_check="before").exists()
    assert photos.filter(place_check="far", distance_km__gt=Decimal(4)).exists()
    assert photos.filter(reused_photo__isnull=False).exists()
    assert photos.filter(time_check="missing", place_check="no_gps").exists()
    assert photos.filter(is_flagged=False).count() >= 2
