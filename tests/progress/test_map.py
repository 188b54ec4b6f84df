"""progress.map: the map's data packed as arrays, decoded back to the points."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tuijin.progress.map import NAMES_UP_TO, MapPoint, decode_point, encode_points


def point(i, lng=114.3, lat=34.8, light="green"):
    return MapPoint(i, f"项目{i}", lng, lat, light, Decimal("1234.5678"))


def test_points_are_columns_of_small_integers():
    encoded = encode_points([point(7, 114.30761, 34.79722, "red")], origin=(113.87, 34.19))
    assert encoded["x"] == [4376] and encoded["y"] == [6072]
    assert encoded["l"] == [2] and encoded["s"] == [1234] and encoded["i"] == [7]
    assert encoded["n"] == ["项目7"]


@given(st.floats(113.87, 115.25), st.floats(34.19, 35.02))
def test_a_point_decodes_within_ten_metres(lng, lat):
    encoded = encode_points([point(1, lng, lat)], origin=(113.87, 34.19))
    back = decode_point(encoded, 0)
    assert abs(back[0] - lng) <= 0.00005 and abs(back[1] - lat) <= 0.00005


def test_many_points_go_without_names_and_in_a_few_bytes_each():
    import json

    points = [point(100000 + i, 113.9 + (i % 1000) / 800, 34.2 + (i // 1000) / 50,
                    ["green", "yellow", "red", "missing"][i % 4]) for i in range(40_000)]
    encoded = encode_points(points, origin=(113.87, 34.19))
    assert "n" not in encoded and len(points) > NAMES_UP_TO
    size = len(json.dumps(encoded, separators=(",", ":")))
    assert size / len(points) < 30


def test_a_month_with_no_reports_shades_no_district():
    """The walk found every district red at 0 % in a month nobody had reported in."""
    from types import SimpleNamespace

    from tuijin.progress.map import district_shading

    line = SimpleNamespace(ref=SimpleNamespace(code="410202"),
                           totals=SimpleNamespace(completion=Decimal("0"), projects=3))
    assert district_shading([line]) == [["410202", 0.0, 3]]
    assert district_shading([line], has_reports=False) == [["410202", None, 3]]
