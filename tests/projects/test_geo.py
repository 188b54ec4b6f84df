"""projects.geo: datum conversions checked against reference pairs other implementations
publish, and the project's WGS-84 point for export."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuijin.projects.geo import (
    Datum,
    bd09_to_gcj02,
    convert,
    distance_km,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    project_point_wgs84,
    to_wgs84,
    wgs84_to_gcj02,
)

# (lng, lat) pairs as published by hutool's CoordinateUtilTest and coordtransform-rs' tests
# (both after wandergis' coordtransform), and gcoord's unit tests.
HUTOOL_WGS_TO_GCJ = ((116.404, 39.915), (116.41024449916938, 39.91640428150164))
HUTOOL_GCJ_TO_BD = ((116.404, 39.915), (116.41036949371029, 39.92133699351021))
HUTOOL_BD_TO_GCJ = ((116.404, 39.915), (116.39762729119315, 39.90865673957631))
GCOORD_GCJ_TO_BD = ((123, 45), (123.00636499, 45.00636899))
GCOORD_GCJ_TO_WGS = ((123, 45), (122.99395597, 44.99804071))
# eviltransform's tests (wgs lat, lng → gcj lat, lng): Shanghai, Shenzhen, Beijing.
EVIL = [((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),
        ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),
        ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069))]


def test_wgs84_to_gcj02_matches_the_published_pair():
    (lng, lat), expected = HUTOOL_WGS_TO_GCJ
    assert wgs84_to_gcj02(lng, lat) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), EVIL)
def test_wgs84_to_gcj02_matches_eviltransform_within_a_metre(wgs, gcj):
    # eviltransform uses the WGS-84 semi-major axis where the formula has Krasovsky's: the
    # two differ by well under a metre in China.
    assert distance_km(wgs84_to_gcj02(*wgs), gcj) < 0.001


@pytest.mark.parametrize(("wgs", "gcj"), EVIL)
def test_gcj02_to_wgs84_inverts_exactly(wgs, gcj):
    there = wgs84_to_gcj02(*wgs)
    assert gcj02_to_wgs84(*there) == pytest.approx(wgs, abs=1e-8)


def test_gcj02_to_wgs84_is_better_than_the_one_step_approximation():
    (lng, lat), approx = GCOORD_GCJ_TO_WGS
    back = gcj02_to_wgs84(lng, lat)
    assert back == pytest.approx(approx, abs=2e-5)  # the one-step answer is metres off
    assert wgs84_to_gcj02(*back) == pytest.approx((lng, lat), abs=1e-9)


def test_gcj02_to_bd09_matches_the_published_pair():
    (lng, lat), expected = GCOORD_GCJ_TO_BD
    assert gcj02_to_bd09(lng, lat) == pytest.approx(expected, abs=1e-8)


def test_bd09_conversions_match_the_published_pairs():
    (lng, lat), expected = HUTOOL_GCJ_TO_BD
    assert gcj02_to_bd09(lng, lat) == pytest.approx(expected, abs=1e-12)
    (lng, lat), expected = HUTOOL_BD_TO_GCJ
    assert bd09_to_gcj02(lng, lat) == pytest.approx(expected, abs=1e-12)


def test_bd09_round_trip_is_within_a_decimetre():
    bd = gcj02_to_bd09(114.3076, 34.7972)
    assert distance_km(bd09_to_gcj02(*bd), (114.3076, 34.7972)) < 0.0001


def test_kaifeng_gcj02_shift_is_a_few_hundred_metres():
    wgs = (114.3076, 34.7972)
    assert 0.2 < distance_km(wgs, wgs84_to_gcj02(*wgs)) < 0.8


def test_outside_china_gcj02_is_wgs84():
    assert wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
    assert gcj02_to_wgs84(2.35, 48.85) == (2.35, 48.85)


@given(st.floats(110, 120), st.floats(25, 40), st.sampled_from(list(Datum)),
       st.sampled_from(list(Datum)))
def test_any_conversion_round_trips_within_half_a_metre(lng, lat, source, target):
    # Baidu's published inverse (kept, so points match what Baidu's own tools give) is
    # within a few decimetres; GCJ-02 both ways is exact.
    there = convert(lng, lat, source=source, target=target)
    back = convert(*there, source=target, target=source)
    assert distance_km((lng, lat), back) < 0.0005


def test_unknown_datum_is_refused():
    with pytest.raises(ValueError):
        to_wgs84(114, 34, "NAD27")


def test_distance_of_one_degree_of_latitude():
    assert distance_km((114, 34), (114, 35)) == pytest.approx(111.2, abs=0.1)


def test_project_point_wgs84_is_longitude_first_in_wgs84():
    gcj = wgs84_to_gcj02(114.3076, 34.7972)
    project = SimpleNamespace(longitude=Decimal(str(round(gcj[0], 6))),
                              latitude=Decimal(str(round(gcj[1], 6))),
                              location_datum=Datum.GCJ02)
    lng, lat = project_point_wgs84(project)
    assert (lng, lat) == pytest.approx((114.3076, 34.7972), abs=2e-6)


def test_project_point_wgs84_is_none_without_a_point():
    assert project_point_wgs84(SimpleNamespace(longitude=None, latitude=None,
                                               location_datum="")) is None
