"""Points in the project library's spreadsheets (issue 16): 经度/纬度 with the datum in the
header, in a 坐标系 column or in the column mapping; refused, with the row and the column, when
swapped, outside the region, half given or with no datum; exported as entered and read back
with zero changes."""

from decimal import Decimal

import pytest

from tests.factories import make_project
from tests.projects.spreadsheets.builders import write_xlsx
from tuijin.accounts.scopes import Scope
from tuijin.projects.geo import Datum
from tuijin.projects.models import Project
from tuijin.projects.spreadsheets.exports import projects_export
from tuijin.projects.spreadsheets.imports import projects_import
from tuijin.projects.spreadsheets.mappings import mapping_save
from tuijin.projects.spreadsheets.reader import read_workbook

pytestmark = pytest.mark.django_db
CITY = Scope.city_wide_for_system()
HEAD = ["项目名称", "县区", "领域", "总投资", "年度计划投资"]


def sheet(tmp_path, header, *rows, name="points.xlsx"):
    return write_xlsx(tmp_path / name, [["开封市重点项目库"], ["单位：万元"], header, *rows])


def row(name, *point, district="龙亭区"):
    return [name, district, "先进制造业", "1000", "500", *point]


def test_the_datum_in_the_header_is_kept_with_the_point(plan, tmp_path):
    path = sheet(tmp_path, [*HEAD, "经度(GCJ-02)", "纬度(GCJ-02)"],
                 row("碳材料项目", 114.3076, "34.7972"), row("无坐标项目", None, None))
    result = projects_import(plan=plan, source=path, user=CITY)
    assert result.errors == [], [str(e) for e in result.errors]
    project = Project.objects.get(name="碳材料项目")
    assert (project.longitude, project.latitude, project.location_datum) == (
        Decimal("114.307600"), Decimal("34.797200"), Datum.GCJ02)
    bare = Project.objects.get(name="无坐标项目")
    assert (bare.longitude, bare.location_datum) == (None, "")


def test_a_datum_column_is_read_as_people_write_it(plan, tmp_path):
    path = sheet(tmp_path, [*HEAD, "经度", "纬度", "坐标系"],
                 row("百度项目", "114.3141", "34.8031", "百度"))
    assert projects_import(plan=plan, source=path, user=CITY).errors == []
    assert Project.objects.get(name="百度项目").location_datum == Datum.BD09


def test_the_mapping_can_state_the_datum(plan, cast, tmp_path):
    path = sheet(tmp_path, [*HEAD, "X坐标", "Y坐标"], row("GPS项目", "114.30", "34.80"))
    mapping = mapping_save(plan=plan, kind="projects", name="坐标", user=cast["admin"],
                           columns={"X坐标": "longitude@WGS-84", "Y坐标": "latitude@WGS-84"})
    result = projects_import(plan=plan, source=path, user=CITY, mapping=mapping.columns)
    assert result.errors == [], [str(e) for e in result.errors]
    assert Project.objects.get(name="GPS项目").location_datum == Datum.WGS84


@pytest.mark.parametrize(("point", "says"), [
    (("34.7972", "114.3076"), "swapped"),
    (("123.5", "30.2"), "outside 开封市"),
    (("2.35", "48.85"), "outside China"),
    (("114.3", None), "no latitude"),
    (("东经114", "34.8"), "not a number of degrees"),
])
def test_a_bad_point_is_refused_naming_the_row_and_column(plan, tmp_path, point, says):
    path = sheet(tmp_path, [*HEAD, "经度(WGS-84)", "纬度(WGS-84)"], row("好项目", "114.3", "34.8"),
                 row("坏项目", *point))
    result = projects_import(plan=plan, source=path, user=CITY)
    assert len(result.errors) == 1
    error = result.errors[0]
    assert error.row == 5 and error.column.startswith(("经度", "纬度"))
    assert says in str(error)
    assert not Project.objects.exists()  # nothing written until the sheet is clean


def test_a_point_without_a_datum_is_refused_with_the_ways_to_state_it(plan, tmp_path):
    path = sheet(tmp_path, [*HEAD, "经度", "纬度"], row("项目", "114.3", "34.8"))
    error, = projects_import(plan=plan, source=path, user=CITY).errors
    assert error.column == "经度" and "经度(GCJ-02)" in error.hint and "坐标系" in error.hint


def test_exported_points_read_back_with_zero_changes(plan, tmp_path):
    make_project(plan, name="甲", longitude=Decimal("114.307600"),
                 latitude=Decimal("34.797200"), location_datum=Datum.GCJ02)
    make_project(plan, name="乙", district="410221", longitude=Decimal("114.780000"),
                 latitude=Decimal("34.550000"), location_datum=Datum.BD09)
    make_project(plan, name="丙", district="410225")
    path = tmp_path / "library.xlsx"
    projects_export(plan=plan, target=path, user=CITY)
    header = [str(c) for c in read_workbook(path)[0].rows[3]]
    assert "经度" in header and "坐标系" in header
    result = projects_import(plan=plan, source=path, user=CITY)
    assert result.errors == []
    assert result.counts == {"new": 0, "changed": 0, "unchanged": 3, "skipped": 0}


def test_a_changed_point_is_a_change_and_an_empty_one_keeps_the_old(plan, tmp_path):
    make_project(plan, name="甲", longitude=Decimal("114.307600"),
                 latitude=Decimal("34.797200"), location_datum=Datum.GCJ02)
    make_project(plan, name="乙", longitude=Decimal("114.300000"),
                 latitude=Decimal("34.800000"), location_datum=Datum.WGS84)
    path = sheet(tmp_path, [*HEAD, "经度(WGS-84)", "纬度(WGS-84)"],
                 row("甲", "114.31", "34.79"), row("乙", None, None))
    result = projects_import(plan=plan, source=path, user=CITY)
    assert result.errors == []
    first = Project.objects.get(name="甲")
    assert (first.longitude, first.location_datum) == (Decimal("114.310000"), Datum.WGS84)
    assert Project.objects.get(name="乙").longitude == Decimal("114.300000")
