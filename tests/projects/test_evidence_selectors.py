"""The month's reports with flagged photos by district (projects.evidence_selectors), the
figure the bulletin's lagging-projects section gives (issue 16 item 4)."""

from datetime import date

from tests.factories import make_project, make_report
from tests.projects import photo_builders as build
from tests.projects.test_evidence_services import SITE, add, media, months, sited  # noqa: F401
from tuijin.bulletins import selectors as bulletin_selectors
from tuijin.core.periods import Period
from tuijin.projects.evidence_selectors import flagged_reports_by_district

BEFORE_THE_MONTH = "2023:04:02 10:00:00"


def _flagged_twice_in_longting_once_in_qixian(plan, owner_org, cast):
    longting = sited(make_project(plan, owner=owner_org, name="龙亭项目"))
    qixian = sited(make_project(plan, owner=owner_org, name="杞县项目", district="410221"))
    for seed in (1, 2):  # two flagged photos on one report: the report counts once
        add(longting, 6, build.scene_jpeg(seed, taken=BEFORE_THE_MONTH,
                                          gps=build.gps_of(*SITE)), cast)
    add(qixian, 6, build.scene_jpeg(3, taken=BEFORE_THE_MONTH, gps=build.gps_of(*SITE)), cast)
    add(qixian, 5, build.scene_jpeg(4, taken="2023:03:01 10:00:00",
                                    gps=build.gps_of(*SITE)), cast)  # another month
    return longting


def test_reports_with_flagged_photos_are_counted_once_by_district(media, months, plan,  # noqa: F811
                                                                  owner_org, cast):
    _flagged_twice_in_longting_once_in_qixian(plan, owner_org, cast)
    assert flagged_reports_by_district(cast["admin"], plan=plan, month=6) == [
        {"district": "龙亭区", "code": "410202", "reports": 1},
        {"district": "杞县", "code": "410221", "reports": 1}]
    # A district user counts their own district only.
    assert flagged_reports_by_district(cast["longting"], plan=plan, month=6) == [
        {"district": "龙亭区", "code": "410202", "reports": 1}]


def test_the_bulletins_lagging_section_names_them(media, months, plan, owner_org,  # noqa: F811
                                                  cast):
    longting = _flagged_twice_in_longting_once_in_qixian(plan, owner_org, cast)
    make_report(longting, 6, "100", "600")
    content = bulletin_selectors.bulletin_content(
        cast["admin"], plan=plan, period=Period(2023, 6),
        header=bulletin_selectors.header_for(plan, 6, today=date(2023, 7, 10)), next_steps="")
    table = content.table("flagged")
    assert sorted(row[1:] for row in table.rows) == [["杞县", 1], ["龙亭区", 1]]
    lagging = next(s for s in content.sections if table in s.tables)
    assert any("照片核查发现本月2份月报的照片存疑" in p for p in lagging.paragraphs)
