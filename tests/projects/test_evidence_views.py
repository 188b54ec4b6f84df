"""The evidence flags on the pages: beside each photo and summed up on the report for the
reviewer (not for the owner), on the month list as a badge and a filter; another project's
name is given only to a reader who may see it."""

import io
import re

import pytest
from django.urls import reverse

from tests.factories import make_project
from tests.projects import photo_builders as build
from tests.projects.test_evidence_services import SITE, sited
from tuijin.projects.cycle_services import period_open
from tuijin.projects.photo_services import PhotoUpload, photo_add


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def flagged(media, plan, cast, owner_org):
    """A 龙亭区 project whose June photo repeats a 杞县 project's and is 5 km off."""
    period_open(plan=plan, month=6, user=cast["admin"])
    mine = sited(make_project(plan, owner=owner_org, name="龙亭项目"))
    theirs = sited(make_project(plan, owner=owner_org, name="杞县项目", district="410221"))
    original = build.scene_jpeg(21, taken="2023:06:05 09:00:00", gps=build.gps_of(*SITE))
    for project, data in ((theirs, original), (mine, build.copy_of(original))):
        photo_add(project=project, month=6, user=cast["owner"], uploads=[
            PhotoUpload(name="site.jpg", file=io.BytesIO(data), size=len(data))])
    calm = make_project(plan, owner=owner_org, name="平静项目")
    photo_add(project=sited(calm), month=6, user=cast["owner"], uploads=[PhotoUpload(
        name="ok.jpg", file=io.BytesIO(build.scene_jpeg(22)), size=None)])
    return mine


def page(client, user, url):
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_the_reviewer_sees_the_flag_beside_the_photo_and_the_report_summary(client, cast,
                                                                           flagged):
    html = page(client, cast["longting"], reverse("projects:filing", args=[flagged.pk, 6]))
    assert 'id="photo-checks-summary"' in html and "1 photo flagged" in html
    # 杞县 is outside the 龙亭区 reviewer's scope: the finding, not the project's name.
    assert "outside your scope" in html and "杞县项目" not in html
    assert "No location recorded." in html  # the copy lost its EXIF on the way


def test_the_city_office_is_told_which_project_the_photo_repeats(client, cast, flagged):
    html = page(client, cast["admin"], reverse("projects:filing", args=[flagged.pk, 6]))
    assert "杞县项目" in html and "month 6" in html


def test_the_owner_sees_their_photos_without_the_flags(client, cast, flagged):
    html = page(client, cast["owner"], reverse("projects:filing", args=[flagged.pk, 6]))
    assert 'id="photos"' in html
    assert "photo-checks" not in html and "flagged" not in html


def test_the_month_list_filters_the_reports_with_flags(client, cast, plan, flagged):
    url = reverse("projects:month", args=[plan.slug])
    rows = lambda html: set(re.findall(r'row-card[^"]*" data-project="(\d+)"', html))  # noqa: E731
    everything = rows(page(client, cast["admin"], url + "?month=6"))
    assert len(everything) == 3
    html = page(client, cast["admin"], url + "?month=6&flags=1")
    # The original is not flagged; the copy is.
    assert rows(html) == {str(flagged.pk)} and "⚑ 1" in html


def test_the_owner_gets_no_flag_filter(client, cast, plan, flagged):
    html = page(client, cast["owner"], reverse("projects:month", args=[plan.slug]) + "?month=6")
    assert 'id="flags-filter"' not in html


def test_the_project_page_sums_up_the_flags_per_month_for_reviewers(client, cast, flagged):
    html = page(client, cast["admin"], reverse("projects:detail", args=[flagged.pk]))
    assert 'id="project-photo-checks"' in html and "1 of 1 photo flagged" in html
    assert reverse("projects:filing", args=[flagged.pk, 6]) + "#photos" in html
    assert 'id="project-location"' in html
    owner = page(client, cast["owner"], reverse("projects:detail", args=[flagged.pk]))
    assert 'id="project-photo-checks"' not in owner


def test_moving_the_projects_point_checks_its_photos_again(client, cast, plan, media):
    from tests.projects.test_evidence_services import add
    from tuijin.core.models import Division

    period_open(plan=plan, month=6, user=cast["admin"])
    project = sited(make_project(plan, name="搬迁项目"))
    photo = add(project, 6, build.scene_jpeg(40, gps=build.gps_of(SITE[0], SITE[1] + 0.045)),
                cast)
    assert photo.place_check == "far"
    client.force_login(cast["admin"])
    response = client.post(reverse("projects:edit", args=[project.pk]), {
        "name": project.name, "domain": project.domain_id,
        "district": Division.objects.get(code="410202").pk, "nature": "new",
        "total_investment_wan": "50000", "annual_plan_wan": "10000",
        "location": f"{SITE[0]},{SITE[1] + 0.045}", "location_datum": "WGS-84"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.place_check == "ok" and not photo.is_flagged
