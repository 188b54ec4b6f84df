"""The permission matrix (STYLE.md §7): every URL × every role → expected status.

Add a row for every new URL. Columns: anonymous, admin, leader, bureau, longting (龙亭区 user),
qixian (杞县 user), owner. The project under test is in 龙亭区 and belongs to the owner's
organisation, so 杞县 is the stranger (404) and leader/bureau are the read-only roles (403 on
writes). An anonymous visitor is always sent to log in (302).
"""

import pytest
from django.urls import get_resolver, reverse

from tests.api.test_api_permissions import API_MATRIX
from tests.factories import make_plan, make_project, make_report
from tests.projects.photo_builders import png
from tuijin.plans.models import Indicator

ROLES = ("anonymous", "admin", "leader", "bureau", "longting", "qixian", "owner")

# (url name, args from the fixtures, method): statuses in ROLES order.
MATRIX = {
    ("accounts:login", (), "get"): (200, 302, 302, 302, 302, 302, 302),
    ("accounts:logout", (), "post"): (302, 302, 302, 302, 302, 302, 302),
    # Every user changes their own password.
    ("accounts:password_change", (), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("accounts:password_change", (), "post"): (302, 200, 200, 200, 200, 200, 200),
    # Every user's own API tokens; a POST with no data is the form back with its errors. A
    # revoke names a token id: only one's own is revoked, anything else is a message (302).
    ("accounts:tokens", (), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("accounts:tokens", (), "post"): (302, 200, 200, 200, 200, 200, 200),
    ("accounts:token_revoke", ("unknown_token_pk",), "post"): (302, 302, 302, 302, 302, 302, 302),
    ("accounts:token_revoke", ("unknown_token_pk",), "get"): (302, 405, 405, 405, 405, 405, 405),
    # Users: the city administration only; anybody else 403 whichever user the URL names.
    ("accounts:user_list", (), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:user_create", (), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:user_create", (), "post"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:user_edit", ("user_pk",), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:user_edit", ("user_pk",), "post"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:user_edit", ("unknown_user_pk",), "get"): (302, 404, 403, 403, 403, 403, 403),
    ("accounts:user_deactivate", ("user_pk",), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:user_deactivate", ("user_pk",), "post"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:user_activate", ("user_pk",), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:user_activate", ("user_pk",), "post"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:user_password", ("user_pk",), "get"): (302, 200, 403, 403, 403, 403, 403),
    # An empty reset makes up a temporary password and shows it (200).
    ("accounts:user_password", ("user_pk",), "post"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:user_password", ("unknown_user_pk",), "post"):
        (302, 404, 403, 403, 403, 403, 403),
    # Log-in lock-outs: the city administration sees and unlocks them; anybody else 403.
    ("accounts:lockout_list", (), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("accounts:lockout_unlock", (), "post"): (302, 302, 403, 403, 403, 403, 403),
    ("plans:home", (), "get"): (302, 302, 302, 302, 302, 302, 302),
    ("plans:detail", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("plans:detail", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    # The plan's settings for the year: the city office only. A POST with no data is the page
    # back with its field errors (200); nothing is written.
    ("plans:settings", ("slug",), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("plans:settings", ("slug",), "post"): (302, 200, 403, 403, 403, 403, 403),
    ("plans:settings", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    # The plan's OC4IDS package: public (no log-in) once the city office publishes the plan,
    # 404 for everyone before, and for an unknown plan.
    ("opendata:oc4ids", ("slug",), "get"): (404, 404, 404, 404, 404, 404, 404),
    ("opendata:oc4ids", ("open_slug",), "get"): (200, 200, 200, 200, 200, 200, 200),
    ("opendata:oc4ids", ("unknown_slug",), "get"): (404, 404, 404, 404, 404, 404, 404),
    # Plans to switch between: everyone's own list; a draft is the city office's alone (404).
    ("plans:list", (), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("plans:choose", ("slug",), "post"): (302, 302, 302, 302, 302, 302, 302),
    ("plans:choose", ("slug",), "get"): (302, 405, 405, 405, 405, 405, 405),
    ("plans:choose", ("draft_slug",), "post"): (302, 302, 404, 404, 404, 404, 404),
    ("plans:detail", ("draft_slug",), "get"): (302, 200, 404, 404, 404, 404, 404),
    # Activating, closing, deleting: the city office only. An empty POST is a message (302);
    # deleting the active plan is refused with a message, nothing deleted.
    ("plans:change_status", ("slug",), "post"): (302, 302, 403, 403, 403, 403, 403),
    ("plans:change_status", ("draft_slug",), "post"): (302, 302, 404, 404, 404, 404, 404),
    ("plans:change_status", ("unknown_slug",), "post"): (302, 404, 404, 404, 404, 404, 404),
    ("plans:delete", ("slug",), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("plans:delete", ("slug",), "post"): (302, 302, 403, 403, 403, 403, 403),
    ("plans:delete", ("draft_slug",), "get"): (302, 200, 404, 404, 404, 404, 404),
    ("projects:home", (), "get"): (302, 302, 302, 302, 302, 302, 302),
    ("projects:list", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("projects:create", ("slug",), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("projects:create", ("slug",), "post"): (302, 200, 403, 403, 403, 403, 403),
    ("projects:detail", ("pk",), "get"): (302, 200, 200, 200, 200, 404, 200),
    ("projects:detail", ("unknown_pk",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("projects:edit", ("pk",), "get"): (302, 200, 403, 403, 403, 404, 403),
    ("projects:edit", ("pk",), "post"): (302, 200, 403, 403, 403, 404, 403),
    # History: whoever may see the project reads it; nobody writes it (405 to a POST).
    ("projects:history", ("pk",), "get"): (302, 200, 200, 200, 200, 404, 200),
    ("projects:history", ("pk",), "post"): (302, 405, 405, 405, 405, 405, 405),
    ("projects:history", ("unknown_pk",), "get"): (302, 404, 404, 404, 404, 404, 404),
    # The city office's correction desk; owners and districts are sent to the month's filing.
    ("projects:report_create", ("pk",), "get"): (302, 200, 403, 403, 302, 404, 302),
    ("projects:report_create", ("pk",), "post"): (302, 200, 403, 403, 302, 404, 302),
    ("projects:report_edit", ("pk", "month"), "get"): (302, 200, 403, 403, 302, 404, 302),
    ("projects:report_edit", ("pk", "month"), "post"): (302, 200, 403, 403, 302, 404, 302),
    ("projects:report_edit", ("pk", "unreported_month"), "get"):
        (302, 404, 403, 403, 302, 404, 302),
    ("projects:report_withdraw", ("pk", "month"), "get"): (302, 200, 403, 403, 403, 404, 403),
    ("projects:report_withdraw", ("pk", "month"), "post"): (302, 200, 403, 403, 403, 404, 403),
    ("projects:report_withdraw", ("pk", "unreported_month"), "get"):
        (302, 404, 403, 403, 403, 404, 403),
    # The reporting cycle. A POST with no data: the page back with the refusal (200), or a
    # redirect with a message (302); nothing is written.
    ("projects:periods", ("slug",), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("projects:periods", ("slug",), "post"): (302, 200, 403, 403, 403, 403, 403),
    ("projects:periods", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("projects:month_home", (), "get"): (302, 302, 302, 302, 302, 302, 302),
    ("projects:month", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("projects:month", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("projects:month_review", ("slug", "month"), "post"): (302, 302, 403, 403, 302, 302, 403),
    ("projects:month_remind", ("slug", "month"), "post"): (302, 302, 403, 403, 302, 302, 403),
    ("projects:month_remind", ("unknown_slug", "month"), "post"):
        (302, 404, 404, 404, 404, 404, 404),
    ("projects:notices", (), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("projects:filing", ("pk", "month"), "get"): (302, 200, 200, 200, 200, 404, 200),
    ("projects:filing", ("pk", "month"), "post"): (302, 200, 403, 403, 200, 404, 200),
    ("projects:filing", ("pk", "bad_month"), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("projects:filing", ("unknown_pk", "month"), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("projects:filing_review", ("pk", "month"), "post"): (302, 404, 403, 403, 404, 404, 403),
    ("projects:filing_reopen", ("pk", "month"), "post"): (302, 302, 403, 403, 403, 404, 403),
    # Report photos: whoever may see the project sees them; whoever files the report adds and
    # removes them. An upload with no file is refused (400); the photo's month is locked, so a
    # removal is refused (409).
    ("projects:photo_upload", ("pk", "month"), "post"): (302, 400, 403, 403, 400, 404, 400),
    ("projects:photo", ("pk", "photo"), "get"): (302, 200, 200, 200, 200, 404, 200),
    ("projects:photo", ("pk", "unknown_photo"), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("projects:photo_thumbnail", ("pk", "photo"), "get"): (302, 200, 200, 200, 200, 404, 200),
    ("projects:photo_remove", ("pk", "photo"), "post"): (302, 409, 403, 403, 409, 404, 409),
    ("projects:photo_remove", ("pk", "unknown_photo"), "post"):
        (302, 404, 403, 403, 404, 404, 404),
    # Bureaus' reports (责任单位填报): the city office reviews, leaders read, a bureau opens and
    # writes only the items its organisation leads (bureau_item: the bureau's indicator;
    # foreign_item: another unit's); districts and owners report on projects, not here. A POST
    # with no data saves a draft of month 1, which is not open: the page with the refusal.
    ("projects:bureau_home", (), "get"): (302, 302, 302, 302, 302, 302, 302),
    ("projects:bureau_month", ("slug",), "get"): (302, 200, 200, 200, 403, 403, 403),
    ("projects:bureau_month", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("projects:bureau_report", ("slug", "subject", "bureau_item", "month"), "get"):
        (302, 200, 200, 200, 403, 403, 403),
    ("projects:bureau_report", ("slug", "subject", "bureau_item", "month"), "post"):
        (302, 403, 403, 200, 403, 403, 403),
    ("projects:bureau_report", ("slug", "subject", "foreign_item", "month"), "get"):
        (302, 200, 200, 403, 403, 403, 403),
    ("projects:bureau_report", ("slug", "subject", "foreign_item", "month"), "post"):
        (302, 403, 403, 403, 403, 403, 403),
    ("projects:bureau_report", ("slug", "subject", "bureau_item", "bad_month"), "get"):
        (302, 404, 404, 404, 403, 403, 403),
    ("projects:bureau_report", ("unknown_slug", "subject", "bureau_item", "month"), "get"):
        (302, 404, 404, 404, 404, 404, 404),
    ("projects:bureau_review", ("slug", "month"), "post"): (302, 302, 403, 403, 403, 403, 403),
    # Plan text → draft plan: the city administration only.
    ("plantext:index", (), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("plantext:index", (), "post"): (302, 400, 403, 403, 403, 403, 403),
    ("plantext:confirm", (), "post"): (302, 422, 403, 403, 403, 403, 403),
    # Spreadsheets: city admins and district users (their own district's rows only).
    ("spreadsheets:index", ("slug",), "get"): (302, 200, 403, 403, 200, 200, 403),
    ("spreadsheets:index", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("spreadsheets:upload", ("slug",), "post"): (302, 422, 403, 403, 422, 422, 403),
    ("spreadsheets:confirm", ("slug", "token"), "post"): (302, 404, 403, 403, 404, 404, 403),
    ("spreadsheets:mapping_create", ("slug", "token"), "post"):
        (302, 404, 403, 403, 403, 403, 403),
    ("spreadsheets:export", ("slug", "export_kind"), "get"): (302, 200, 403, 403, 200, 200, 403),
    # Progress: a district user opening the city dashboard is sent to their own district (302).
    ("progress:index", (), "get"): (302, 302, 302, 302, 302, 302, 302),
    ("progress:city", ("slug",), "get"): (302, 200, 200, 200, 302, 302, 200),
    ("progress:city", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("progress:district", ("slug", "district"), "get"): (302, 200, 200, 200, 200, 404, 200),
    ("progress:district", ("slug", "foreign_district"), "get"):
        (302, 404, 404, 404, 404, 404, 404),
    ("progress:domain", ("slug", "domain"), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("progress:domain", ("slug", "unknown_domain"), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("progress:indicators", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("progress:curve", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("progress:projects", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("progress:project", ("slug", "pk"), "get"): (302, 200, 200, 200, 200, 404, 200),
    ("progress:project", ("slug", "unknown_pk"), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("progress:discipline", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    # The project map: every role, its own scope's points (tests/progress/test_map_views.py);
    # the outlines are the same for everyone who is logged in.
    ("progress:map", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("progress:map", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("progress:map_data", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("progress:map_data", ("slug",), "post"): (302, 405, 405, 405, 405, 405, 405),
    ("progress:map_data", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("progress:map_outlines", (), "get"): (302, 200, 200, 200, 200, 200, 200),
    # Problems (督办): whoever sees the project sees its problems; whoever files its reports
    # raises one; its district and the city office accept, assign, check and close; the unit
    # it is assigned to (assigned_problem: the tourism bureau) signs for and answers it. A
    # POST with no data is the page back with the form's errors (200); nothing is written.
    ("problems:home", (), "get"): (302, 302, 302, 302, 302, 302, 302),
    ("problems:list", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("problems:list", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("problems:raise", ("pk",), "get"): (302, 200, 403, 403, 200, 404, 200),
    ("problems:raise", ("pk",), "post"): (302, 200, 403, 403, 200, 404, 200),
    ("problems:raise", ("unknown_pk",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("problems:detail", ("problem",), "get"): (302, 200, 200, 200, 200, 404, 200),
    ("problems:detail", ("unknown_problem",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("problems:step", ("problem", "accept"), "post"): (302, 200, 403, 403, 200, 404, 403),
    ("problems:step", ("assigned_problem", "sign"), "post"):
        (302, 403, 403, 200, 403, 404, 403),
    ("problems:step", ("assigned_problem", "close"), "post"):
        (302, 200, 403, 403, 200, 404, 403),
    ("problems:step", ("problem", "unknown_action"), "post"):
        (302, 404, 404, 404, 404, 404, 404),
    # The unit's own list (to sign for, to answer, overdue): every user, empty when they work
    # for no unit. A problem's file (attachment: raised with the problem) goes to whoever sees
    # the problem. The categories are the city office's; a POST with no data is the page back
    # with the new category's errors (200).
    ("problems:mine", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 200),
    ("problems:mine", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("problems:attachment", ("problem", "attachment"), "get"):
        (302, 200, 200, 200, 200, 404, 200),
    ("problems:attachment", ("problem", "unknown_attachment"), "get"):
        (302, 404, 404, 404, 404, 404, 404),
    ("problems:attachment", ("unknown_problem", "attachment"), "get"):
        (302, 404, 404, 404, 404, 404, 404),
    ("problems:categories", (), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("problems:categories", (), "post"): (302, 200, 403, 403, 403, 403, 403),
    # Bulletins (通报): the city office previews, saves and publishes a locked month's bulletin
    # (month 1 is not locked: a draft, previewed and downloaded by the office only); leaders,
    # bureaus and district users read and download the published ones (bulletin_month:
    # June-like month 2, published); owners read none. A POST with no data: the form's errors,
    # nothing written. A district user reads their own district's version (qixian has no
    # project in the plan: 409, the refusal on the page); city-wide readers are not districts.
    ("bulletins:index", ("slug",), "get"): (302, 200, 200, 200, 200, 200, 403),
    ("bulletins:index", ("unknown_slug",), "get"): (302, 404, 404, 404, 404, 404, 404),
    ("bulletins:preview", ("slug", "month"), "get"): (302, 200, 403, 403, 403, 403, 403),
    ("bulletins:preview", ("slug", "month"), "post"): (302, 200, 403, 403, 403, 403, 403),
    ("bulletins:preview", ("slug", "bulletin_month"), "get"):
        (302, 200, 403, 403, 403, 403, 403),
    ("bulletins:preview", ("slug", "bad_month"), "get"): (302, 404, 403, 403, 403, 403, 403),
    ("bulletins:publish", ("slug", "bulletin_month"), "post"):
        (302, 302, 403, 403, 403, 403, 403),
    ("bulletins:publish", ("slug", "month"), "post"): (302, 404, 403, 403, 403, 403, 403),
    ("bulletins:download", ("slug", "bulletin_month", "fmt"), "get"):
        (302, 200, 200, 200, 200, 200, 403),
    ("bulletins:download", ("slug", "month", "fmt"), "get"): (302, 200, 404, 404, 404, 404, 403),
    ("bulletins:download", ("slug", "bulletin_month", "bad_format"), "get"):
        (302, 404, 404, 404, 404, 404, 403),
    # A published bulletin read in the browser by its readers; an unpublished month is 404.
    ("bulletins:read", ("slug", "bulletin_month"), "get"): (302, 200, 200, 200, 200, 200, 403),
    ("bulletins:read", ("slug", "month"), "get"): (302, 404, 404, 404, 404, 404, 403),
    ("bulletins:read", ("slug", "bad_month"), "get"): (302, 404, 404, 404, 404, 404, 403),
    ("bulletins:read", ("unknown_slug", "bulletin_month"), "get"):
        (302, 404, 404, 404, 404, 404, 404),
    ("bulletins:district", ("slug", "month"), "get"): (302, 403, 403, 403, 200, 409, 403),
    ("bulletins:district", ("slug", "bad_month"), "get"): (302, 403, 403, 403, 404, 404, 403),
    ("bulletins:district", ("unknown_slug", "month"), "get"):
        (302, 404, 404, 404, 404, 404, 404),
    ("bulletins:district_download", ("slug", "month", "fmt"), "get"):
        (302, 403, 403, 403, 200, 409, 403),
    ("bulletins:district_download", ("slug", "month", "bad_format"), "get"):
        (302, 403, 403, 403, 404, 404, 403),
}

CASES = [
    pytest.param(name, args, method, role, expected, id=f"{name}{list(args)}-{method}-{role}")
    for (name, args, method), statuses in MATRIX.items()
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.mark.parametrize(("name", "args", "method", "role", "expected"), CASES)
def test_permission_matrix(client, cast, plan, owner_org, name, args, method, role, expected,
                           settings, tmp_path):
    project = make_project(plan, district="410202", owner=owner_org)
    make_report(project, 1, "10", "10")
    bureau_item = Indicator.objects.create(plan=plan, code="tourist-arrivals", name="接待游客",
                                           unit="万人次", owner=cast["bureau"].organisation)
    foreign_item = Indicator.objects.create(plan=plan, code="high-tech", name="高新技术企业",
                                            unit="家", owner=owner_org)
    if "photo" in args:
        settings.MEDIA_ROOT = tmp_path / "media"
        photo_pk = _photo_of_a_locked_month(plan, project, cast)
    values = {"slug": plan.slug, "unknown_slug": "nowhere-1999", "pk": project.pk,
              "unknown_pk": project.pk + 1000, "month": 1, "unreported_month": 2, "bad_month": 13,
              "token": "no-such-upload", "export_kind": "projects", "district": "410202",
              "foreign_district": "410102", "domain": "manufacturing",
              "unknown_domain": "nowhere", "user_pk": cast["owner"].pk,
              "unknown_user_pk": 10**6, "unknown_token_pk": 10**6, "subject": "indicator",
              "bureau_item": bureau_item.pk,
              "foreign_item": foreign_item.pk}
    if "open_slug" in args:
        published = make_plan("open-2023")
        published.is_open_data = True
        published.save(update_fields=["is_open_data"])
        values["open_slug"] = published.slug
    if "draft_slug" in args:
        values["draft_slug"] = make_plan("draft-2024", year=2024, status="draft").slug
    if "photo" in args:
        values["photo"] = photo_pk
    values["unknown_photo"] = 10**6
    if "attachment" in args:
        settings.MEDIA_ROOT = tmp_path / "media"
    if any("problem" in a for a in args):
        values.update(_problems(project, cast))
    values.update({"accept": "accept", "sign": "sign", "close": "close",
                   "unknown_action": "nowhere"})
    if "bulletin_month" in args:
        _published_bulletin(plan, cast)
    values.update({"bulletin_month": 2, "fmt": "xlsx", "bad_format": "odt"})
    if role != "anonymous":
        client.force_login(cast[role])
    url = reverse(name, args=[values[a] for a in args])
    # POSTs carry no data: an allowed user gets the form back with errors (200), nothing saved.
    response = getattr(client, method)(url)
    assert response.status_code == expected
    if role == "anonymous" and name not in ("accounts:login", "accounts:logout",
                                            "opendata:oc4ids"):
        assert response["Location"].startswith(reverse("accounts:login"))


def _photo_of_a_locked_month(plan, project, cast) -> int:
    from io import BytesIO

    from tuijin.projects.cycle_services import period_lock, period_open
    from tuijin.projects.photo_services import PhotoUpload, photo_add

    period_open(plan=plan, month=1, user=cast["admin"])
    photo, = photo_add(project=project, month=1, user=cast["owner"],
                       uploads=[PhotoUpload("site.png", BytesIO(png()))])
    period_lock(plan=plan, month=1, user=cast["admin"])
    return photo.pk


def _published_bulletin(plan, cast) -> None:
    from datetime import date

    from tests.bulletins.programme import lock
    from tuijin.bulletins.models import DEFAULT_DOCUMENT_NUMBER_PATTERN
    from tuijin.bulletins.services import BulletinInput, bulletin_publish, bulletin_save

    # A bulletin needs the month's reports: the matrix's project reports month 2 too.
    make_report(plan.projects.order_by("pk").first(), 2, "10", "20")
    lock(plan, 2)
    bulletin = bulletin_save(plan=plan, month=2, user=cast["admin"], data=BulletinInput(
        issuer="开封市重点项目办", addressees="各县区：", issued_on=date(2023, 3, 10),
        document_number_pattern=DEFAULT_DOCUMENT_NUMBER_PATTERN))
    bulletin_publish(bulletin=bulletin, user=cast["admin"])


def _problems(project, cast) -> dict:
    from datetime import date

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tuijin.problems.models import ProblemAttachment, ProblemCategory
    from tuijin.problems.services import ProblemInput, problem_raise, problem_step

    category = ProblemCategory.objects.order_by("pk").first()

    def raised():
        return problem_raise(project=project, user=cast["owner"], data=ProblemInput(
            category_id=category.pk, description="用地指标未落实"))

    problem, assigned = raised(), raised()
    attachment = ProblemAttachment.objects.create(
        problem=problem, event=problem.events.get(), original_name="红线图.pdf",
        content_type="application/pdf", bytes=9, sha256="0" * 64, uploaded_at=problem.raised_at,
        file=default_storage.save("problems/test/red-line.pdf", ContentFile(b"%PDF-1.4\n")))
    assigned = problem_step(problem=assigned, action="accept", user=cast["admin"],
                            version=assigned.version)
    assigned = problem_step(problem=assigned, action="assign", user=cast["admin"],
                            version=assigned.version, unit_id=cast["bureau"].organisation_id,
                            deadline=date(2099, 12, 31))
    return {"problem": problem.pk, "unknown_problem": 10**6, "assigned_problem": assigned.pk,
            "attachment": attachment.pk, "unknown_attachment": 10**6}


# Namespaces whose every URL must have a row above, so a new page cannot ship without its
# access rule. A new namespace is added here with its first page.
COVERED_NAMESPACES = ("accounts", "plans", "projects", "plantext", "spreadsheets", "progress",
                      "problems", "bulletins", "api", "opendata")
# The JSON API's endpoints answer tokens with JSON statuses: their rows are in
# tests/api/test_api_permissions.py.
ROWS = {name for name, _args, _method in MATRIX} | {row[0] for row in API_MATRIX}


def test_every_url_of_the_covered_namespaces_is_in_the_matrix():
    resolver = get_resolver()
    names = set()
    for namespace in COVERED_NAMESPACES:
        _prefix, sub_resolver = resolver.namespace_dict[namespace]
        names |= {f"{namespace}:{name}" for name in sub_resolver.reverse_dict
                  if isinstance(name, str)}
    assert names - ROWS == set()


def test_every_namespace_of_tuijin_is_covered():
    # Django's admin has its own staff-only permission system.
    namespaces = set(get_resolver().namespace_dict) - {"admin"}
    assert namespaces - set(COVERED_NAMESPACES) == set()


def test_no_named_url_lives_outside_the_covered_namespaces():
    # Django's language switch is the one top-level name: a POST that sets a cookie, open to
    # everyone by design (the top bar's language switch works before logging in).
    top_level = {name for name in get_resolver().reverse_dict if isinstance(name, str)}
    assert top_level - {"set_language"} == set()
