"""The project map's page and data, role by role: each sees its own scope's points; the
districts are shaded by the dashboard's own district figures; the list's filters narrow."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import make_project, make_report
from tuijin.core.models import Division
from tuijin.core.periods import Period
from tuijin.progress.map import decode_point
from tuijin.progress.selectors import dashboard_for
from tuijin.projects.geo import Datum, wgs84_to_gcj02


@pytest.fixture
def sites(plan, owner_org):
    """Two 龙亭区 projects (one the owner's, reported green in June; one red) and a 杞县
    project with no report; one more without a point."""
    gcj = wgs84_to_gcj02(114.3076, 34.7972)
    green = make_project(plan, name="龙亭绿", owner=owner_org, annual_plan_wan="1200",
                         longitude=Decimal(f"{gcj[0]:.6f}"), latitude=Decimal(f"{gcj[1]:.6f}"),
                         location_datum=Datum.GCJ02)
    make_report(green, 6, "600", "600")
    red = make_project(plan, name="龙亭红", annual_plan_wan="1200", longitude=Decimal("114.33"),
                       latitude=Decimal("34.83"), location_datum=Datum.WGS84)
    make_report(red, 6, "10", "10")
    qixian = make_project(plan, name="杞县缺", district="410221", annual_plan_wan="5000",
                          longitude=Decimal("114.78"), latitude=Decimal("34.55"),
                          location_datum=Datum.WGS84)
    make_project(plan, name="无点", annual_plan_wan="100")
    return {"green": green, "red": red, "qixian": qixian}


def data(client, user, plan, query="?month=2023-06"):
    client.force_login(user)
    response = client.get(reverse("progress:map_data", args=[plan.slug]) + query)
    assert response.status_code == 200
    return response.json()


def named(payload) -> dict:
    p = payload["points"]
    return {name: (p["l"][k], decode_point(p, k)) for k, name in enumerate(p["n"])}


def test_the_city_sees_every_point_in_wgs84_with_its_light(client, cast, plan, sites):
    points = named(data(client, cast["admin"], plan))
    assert set(points) == {"龙亭绿", "龙亭红", "杞县缺"}
    assert [points[n][0] for n in ("龙亭绿", "龙亭红", "杞县缺")] == [0, 2, 3]
    lng, lat = points["龙亭绿"][1]  # entered in GCJ-02, drawn in WGS-84
    assert abs(lng - 114.3076) < 0.0001 and abs(lat - 34.7972) < 0.0001


def test_a_district_user_sees_only_their_district(client, cast, plan, sites):
    assert set(named(data(client, cast["longting"], plan))) == {"龙亭绿", "龙亭红"}
    assert set(named(data(client, cast["qixian"], plan))) == {"杞县缺"}


def test_a_district_users_map_opens_on_their_district_and_the_city_on_the_whole(
        client, cast, plan, sites):
    """The walk found 龙亭's points piled into a corner of the city's map."""
    west, south, east, north = data(client, cast["longting"], plan)["focus"]
    assert (west, south, east, north) == (114.27, 34.8, 114.36, 34.86)  # 龙亭区's outline
    assert data(client, cast["admin"], plan)["focus"] is None


def test_an_owner_sees_only_their_projects(client, cast, plan, sites):
    assert set(named(data(client, cast["owner"], plan))) == {"龙亭绿"}


def test_districts_are_shaded_by_the_dashboards_own_figures(client, cast, plan, sites):
    payload = data(client, cast["admin"], plan)
    dashboard = dashboard_for(cast["admin"], plan=plan, period=Period(2023, 6))
    expected = {line.ref.code: float(line.totals.completion) for line in dashboard.by_district
                if line.totals.completion is not None}
    shaded = {code: completion for code, completion, _n in payload["districts"]
              if completion is not None}
    assert shaded == expected and shaded["410202"] == pytest.approx(610 / 2500)
    # Shaded against time progress, as the bulletin's map: June is half the year.
    assert payload["time_progress"] == pytest.approx(float(dashboard.time_progress)) == 0.5


def test_the_list_filters_narrow_the_points(client, cast, plan, sites):
    only_qixian = data(client, cast["admin"], plan, "?month=2023-06&district=410221")
    assert set(named(only_qixian)) == {"杞县缺"}
    assert set(named(data(client, cast["admin"], plan, "?month=2023-06&q=红"))) == {"龙亭红"}


def test_the_page_loads_echarts_from_the_server_and_says_it_is_internal(client, cast, plan,
                                                                         sites):
    client.force_login(cast["leader"])
    html = client.get(reverse("progress:map", args=[plan.slug]),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/static/vendor/echarts/echarts.min.js" in html and "tuijin/map.js" in html
    assert "审图号" in html and "schematic" in html
    assert "https://" not in html


def test_the_outlines_are_the_shipped_file_or_the_settings(client, cast, settings, tmp_path):
    client.force_login(cast["owner"])
    outlines = client.get(reverse("progress:map_outlines")).json()
    assert {f["properties"]["code"] for f in outlines["features"]} >= {"410202", "410225"}
    own = tmp_path / "approved.geojson"
    own.write_text('{"type":"FeatureCollection","features":[]}', encoding="utf-8")
    settings.TUIJIN_MAP_GEOJSON = str(own)
    assert client.get(reverse("progress:map_outlines")).json()["features"] == []


def test_a_month_outside_the_year_is_a_404(client, cast, plan):
    client.force_login(cast["admin"])
    assert client.get(reverse("progress:map_data", args=[plan.slug]) + "?month=2023-13"
                      ).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, plan):
    assert client.get(reverse("progress:map", args=[plan.slug])).status_code == 302
    assert client.get(reverse("progress:map_outlines")).status_code == 302


def test_a_month_with_no_reports_shades_no_district_and_says_so(client, cast, plan, sites):
    """The walk found 12月 (never opened) with every district red and no notice."""
    december = data(client, cast["admin"], plan, "?month=2023-12")
    assert december["reported"] == 0
    assert all(completion is None for _code, completion, _n in december["districts"])
    assert data(client, cast["admin"], plan)["reported"] == 2
    client.force_login(cast["admin"])
    html = client.get(reverse("progress:map", args=[plan.slug])).content.decode()
    assert 'id="map-no-reports" hidden' in html and "本月尚无月报" in html


def test_the_month_choice_offers_only_months_opened(client, cast, plan, sites):
    from tuijin.projects.cycle_services import period_open

    for month in (5, 6):
        period_open(plan=plan, month=month, user=cast["admin"])
    client.force_login(cast["leader"])
    months = client.get(reverse("progress:map", args=[plan.slug])).context["months"]
    assert [m.month for m in months] == [1, 2, 3, 4, 5, 6]
    # The dashboards offer the same months: one rule.
    dashboard = client.get(reverse("progress:city", args=[plan.slug])).context["months"]
    assert dashboard == months


def district_choices(client, user, plan):
    client.force_login(user)
    form = client.get(reverse("progress:map", args=[plan.slug])).context["form"]
    return [code for code, _name in form.fields["district"].choices][1:] \
        if "district" in form.fields else None


def test_the_district_choice_offers_only_the_readers_districts(client, cast, plan, sites):
    """The walk found all 11 districts offered to a 龙亭 user; any other showed 0 projects."""
    assert len(district_choices(client, cast["admin"], plan)) == 11
    assert district_choices(client, cast["longting"], plan) is None  # one district: no choice
    assert district_choices(client, cast["owner"], plan) is None  # its projects: 龙亭 only
    cast["longting"].extra_divisions.add(Division.objects.get(code="410221"))
    assert district_choices(client, cast["longting"], plan) == ["410202", "410221"]
