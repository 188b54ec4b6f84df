"""projects.locations: reading a pasted point and the one rule for an acceptable point, as the
project form, the import and the admin apply it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_project
from tuijin.core.errors import InputError
from tuijin.core.models import Division
from tuijin.projects.forms import ProjectForm
from tuijin.projects.geo import Datum
from tuijin.projects.locations import (
    Box,
    check_point,
    parse_datum,
    parse_point_text,
    region_extent,
)
from tuijin.projects.models import Project

KAIFENG = Box(113.87, 34.19, 115.25, 35.02)


def check(lng, lat, datum=Datum.GCJ02):
    return check_point(Decimal(str(lng)), Decimal(str(lat)), datum, region_name="开封市",
                       region_box=KAIFENG)


@pytest.mark.parametrize("text", ["114.3076,34.7972", "114.3076，34.7972", "(114.3076, 34.7972)",
                                  " 114.3076 34.7972 "])
def test_a_point_pasted_from_a_map_app_is_read_longitude_first(text):
    assert parse_point_text(text) == (Decimal("114.307600"), Decimal("34.797200"))


@pytest.mark.parametrize("text", ["114.3076", "东经114度", "114.3,34.8,5", ""])
def test_a_text_that_is_not_a_point_is_refused_with_the_form_to_write(text):
    with pytest.raises(InputError) as caught:
        parse_point_text(text)
    assert "114.307600,34.797200" in caught.value.hint


@pytest.mark.parametrize(("text", "datum"), [("WGS84", Datum.WGS84), ("gps", Datum.WGS84),
                                             ("GCJ-02", Datum.GCJ02), ("高德", Datum.GCJ02),
                                             ("火星坐标", Datum.GCJ02), ("bd09", Datum.BD09),
                                             ("百度", Datum.BD09)])
def test_datums_are_read_as_people_write_them(text, datum):
    assert parse_datum(text) == datum


def test_an_unknown_datum_is_refused():
    with pytest.raises(InputError, match="not a datum"):
        parse_datum("CGCS2000x")


def test_a_point_in_kaifeng_is_accepted():
    assert check(114.3076, 34.7972).datum == Datum.GCJ02


def test_swapped_latitude_and_longitude_is_named_as_such():
    with pytest.raises(InputError) as caught:
        check(34.7972, 114.3076)
    assert "swapped" in caught.value.message
    assert caught.value.hint.startswith("Write the longitude first: 114.3076")


def test_a_point_in_the_sea_is_outside_the_region():
    with pytest.raises(InputError) as caught:
        check(123.5, 30.2)  # the East China Sea
    assert "outside 开封市" in caught.value.message
    assert "113.87" in caught.value.hint


def test_a_point_outside_china_is_refused():
    with pytest.raises(InputError, match="outside China"):
        check(2.35, 48.85)


def test_a_point_off_the_earth_is_refused():
    with pytest.raises(InputError, match="not a point on Earth"):
        check(214.3, 134.8)


def test_a_region_the_outlines_do_not_draw_is_checked_against_china_only():
    assert check_point(Decimal("113.6"), Decimal("34.7"), Datum.WGS84, region_name="郑州市",
                       region_box=None)


def test_the_shipped_outlines_give_kaifeng_its_extent(db):
    box = region_extent("410200")
    assert (box.west, box.south, box.east, box.north) == (113.87, 34.19, 115.25, 35.02)
    assert region_extent("420100") is None


@pytest.fixture
def project_data(plan):
    return {"name": "新碳材料产业园", "domain": plan.domains.get(code="manufacturing").pk,
            "district": Division.objects.get(code="410202").pk, "nature": "new",
            "total_investment_wan": "1000", "annual_plan_wan": "500"}


def test_project_form_keeps_the_pasted_point_in_its_datum(plan, project_data):
    form = ProjectForm({**project_data, "location": "114.3411,34.7972",
                        "location_datum": "BD-09"}, plan=plan)
    assert form.is_valid(), form.errors
    project = form.save()
    assert (project.longitude, project.latitude, project.location_datum) == (
        Decimal("114.341100"), Decimal("34.797200"), "BD-09")
    again = ProjectForm(instance=project, plan=plan)
    assert again.initial["location"] == "114.341100,34.797200"


def test_project_form_refuses_a_swapped_point_on_the_location_field(plan, project_data):
    form = ProjectForm({**project_data, "location": "34.7972,114.3076",
                        "location_datum": "GCJ-02"}, plan=plan)
    assert not form.is_valid()
    assert list(form.errors) == ["location"]
    assert "swapped" in form.errors["location"][0]
    assert not Project.objects.exists()


def test_project_form_clears_the_point_when_emptied(plan, project_data):
    project = make_project(plan)
    project.longitude, project.latitude, project.location_datum = (
        Decimal("114.3"), Decimal("34.8"), Datum.WGS84)
    project.save()
    data = {**project_data, "name": project.name, "location": ""}
    form = ProjectForm(data, instance=project, plan=plan)
    assert form.is_valid(), form.errors
    form.save()
    project.refresh_from_db()
    assert (project.longitude, project.latitude, project.location_datum) == (None, None, "")


def test_the_model_applies_the_same_rule_for_the_admin(plan):
    project = make_project(plan)
    project.longitude, project.latitude, project.location_datum = (
        Decimal("34.8"), Decimal("114.3"), Datum.WGS84)
    with pytest.raises(ValidationError) as caught:
        project.full_clean()
    assert "swapped" in caught.value.message_dict["longitude"][0]
    project.latitude = None
    with pytest.raises(ValidationError, match="both the longitude and the latitude"):
        project.full_clean()
