"""The plan's settings for the year (issue 10 item 6): plans.services.plan_settings_update, its
form and its page. The city office sets the due day, the report states the dashboards count
and the light scheme with its bounds (progress.lights: gap or ratio to time progress)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.factories import make_project
from tuijin.core.errors import InputError
from tuijin.plans.models import Plan
from tuijin.plans.services import PlanSettings, plan_settings_of, plan_settings_update
from tuijin.progress.lights import LightScheme, Scheme
from tuijin.progress.selectors import light_scheme_of
from tuijin.projects.cycle_services import FilingInput, filing_review, filing_save, period_open

pytestmark = pytest.mark.django_db

YINCHUAN = {"light_scheme": "gap", "green_band": D("0.10"), "yellow_band": D("0.30")}
WUHAN = {"light_scheme": "ratio", "ratio_yellow_below": D("0.80"),
         "ratio_red_below": D("0.60")}


def settings_of(plan, **changes) -> PlanSettings:
    values = plan_settings_of(plan).__dict__ | changes
    return PlanSettings(**values)


# --- the service -------------------------------------------------------------------------------


def test_a_new_plan_has_todays_rule(plan):
    assert light_scheme_of(plan) == LightScheme()
    assert (plan.report_due_day, plan.counted_report_states) == (25, ["submitted", "approved"])


def test_yinchuan_and_wuhan_schemes_are_saved_and_read_by_the_lights(plan, cast):
    changed = plan_settings_update(plan=plan, settings=settings_of(plan, **YINCHUAN),
                                   user=cast["admin"])
    assert set(changed) == {"green_band", "yellow_band"}
    plan.refresh_from_db()
    assert light_scheme_of(plan) == LightScheme(green_band=D("0.10"), yellow_band=D("0.30"))
    plan_settings_update(plan=plan, settings=settings_of(plan, **WUHAN), user=cast["admin"])
    plan.refresh_from_db()
    assert light_scheme_of(plan).kind == Scheme.RATIO
    assert (plan.ratio_yellow_below, plan.ratio_red_below) == (D("0.80"), D("0.60"))


def test_every_change_is_kept_with_who_made_it(plan, cast):
    plan_settings_update(plan=plan, settings=settings_of(plan, report_due_day=20, **WUHAN),
                         user=cast["admin"])
    entry = plan.history.latest()
    assert entry.history_user == cast["admin"]
    assert entry.history_change_reason == "tuijin.plan.settings"
    assert (entry.report_due_day, entry.light_scheme) == (20, "ratio")
    assert entry.prev_record.report_due_day == 25


def test_nothing_changed_writes_nothing(plan, cast):
    before = plan.history.count()
    assert plan_settings_update(plan=plan, settings=settings_of(
        plan, counted_report_states=("approved", "submitted")), user=cast["admin"]) == []
    assert plan.history.count() == before


def test_a_new_due_day_does_not_move_a_month_already_open(plan, cast):
    june = period_open(plan=plan, month=6, user=cast["admin"])
    plan_settings_update(plan=plan, settings=settings_of(plan, report_due_day=10),
                         user=cast["admin"])
    plan.refresh_from_db()
    june.refresh_from_db()
    assert june.due_on == date(2023, 6, 25)
    assert period_open(plan=plan, month=7, user=cast["admin"]).due_on == date(2023, 7, 10)


@pytest.mark.parametrize(("changes", "field"), [
    ({"report_due_day": 29}, "report_due_day"),
    ({"report_due_day": 0}, "report_due_day"),
    ({"counted_report_states": ()}, "counted_report_states"),
    ({"counted_report_states": ("draft",)}, "counted_report_states"),
    ({"light_scheme": "traffic"}, "light_scheme"),
    ({"yellow_band": D("1.5")}, "yellow_band"),
    ({"green_band": D("-0.1")}, "green_band"),
    ({"ratio_yellow_below": D("0.12345")}, "ratio_yellow_below"),
    ({"green_band": D("0.30"), "yellow_band": D("0.10")}, "green_band"),
    ({"ratio_yellow_below": D("0.60"), "ratio_red_below": D("0.80")}, "ratio_red_below"),
])
def test_bad_settings_are_refused_on_their_field_and_nothing_changes(plan, cast, changes,
                                                                     field):
    with pytest.raises(InputError) as exc:
        plan_settings_update(plan=plan, settings=settings_of(plan, **changes),
                             user=cast["admin"])
    assert exc.value.field == field and exc.value.hint
    assert plan_settings_of(Plan.objects.get(pk=plan.pk)) == plan_settings_of(plan)


@pytest.mark.parametrize(("fields", "name"), [
    ({"green_band": D("0.3"), "yellow_band": D("0.1")}, "plan_green_band_within_yellow_band"),
    ({"ratio_yellow_below": D("0.5"), "ratio_red_below": D("0.6")}, "plan_ratio_bounds_ordered"),
    ({"light_scheme": "traffic"}, "plan_light_scheme_known"),
])
def test_the_database_holds_the_bounds_in_order(plan, fields, name):
    with pytest.raises(IntegrityError, match=name), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(**fields)


def test_what_counts_cannot_change_under_a_report_waiting_for_review(plan, cast, owner_org):
    """A submitted report is on the dashboards while submitted reports count: switching to
    approved only would leave it there (or, back, leave it off) until its next step."""
    period_open(plan=plan, month=6, user=cast["admin"])
    project = make_project(plan, owner=owner_org)
    filing = filing_save(project=project, month=6, user=cast["owner"], submit=True,
                         data=FilingInput(D(100), None))
    approved_only = settings_of(plan, counted_report_states=("approved",))
    with pytest.raises(InputError) as exc:
        plan_settings_update(plan=plan, settings=approved_only, user=cast["admin"])
    assert exc.value.field == "counted_report_states" and "6" in exc.value.message
    filing_review(filing=filing, action="approve", user=cast["longting"])
    assert plan_settings_update(plan=plan, settings=approved_only, user=cast["admin"]) == [
        "counted_report_states"]
    assert Plan.objects.get(pk=plan.pk).counted_report_states == ["approved"]


# --- the page ----------------------------------------------------------------------------------


def url(plan):
    return reverse("plans:settings", args=[plan.slug])


def form_data(**changes):
    data = {"report_due_day": "25", "counted_report_states": ["submitted", "approved"],
            "light_scheme": "gap", "green_band": "0", "yellow_band": "10",
            "ratio_yellow_below": "80", "ratio_red_below": "60"}
    return data | changes


def test_the_page_shows_the_settings_in_points_and_per_cent(client, plan, cast):
    client.force_login(cast["admin"])
    page = client.get(url(plan), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="yellow_band" value="10"' in page
    assert 'name="ratio_yellow_below" value="80"' in page
    assert "does not move the due date of a month already open" in page


def test_the_city_office_sets_wuhans_scheme(client, plan, cast):
    client.force_login(cast["admin"])
    response = client.post(url(plan), form_data(light_scheme="ratio", report_due_day="20",
                                                counted_report_states=["approved"]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert light_scheme_of(plan) == LightScheme(kind=Scheme.RATIO)
    assert (plan.report_due_day, plan.counted_report_states) == (20, ["approved"])


def test_yinchuans_bounds_are_typed_in_points(client, plan, cast):
    client.force_login(cast["admin"])
    client.post(url(plan), form_data(green_band="10", yellow_band="30"))
    plan.refresh_from_db()
    assert (plan.green_band, plan.yellow_band) == (D("0.10"), D("0.30"))


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Red below 80% is above yellow below 60%."),
    ("zh-hans", "红灯界限 80% 高于黄灯界限 60%。"),
])
def test_bounds_out_of_order_are_shown_on_the_field(client, plan, cast, language, text):
    client.force_login(cast["admin"])
    response = client.post(url(plan), form_data(ratio_yellow_below="60", ratio_red_below="80"),
                           HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["ratio_red_below"] and text in errors["ratio_red_below"][0]
    assert text in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).ratio_red_below == D("0.60")


@pytest.mark.parametrize(("field", "value"), [
    ("report_due_day", "31"), ("yellow_band", "120"), ("green_band", "abc"),
    ("light_scheme", "traffic"),
])
def test_bad_values_are_shown_on_their_field(client, plan, cast, field, value):
    client.force_login(cast["admin"])
    response = client.post(url(plan), {**form_data(), field: value})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]


def test_no_counted_state_is_refused_in_english_and_chinese(client, plan, cast):
    client.force_login(cast["admin"])
    data = form_data(counted_report_states=[])
    english = client.post(url(plan), data, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.post(url(plan), data, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Choose at least one of: submitted, approved." in english
    assert 'id="errors-counted_report_states"' in chinese and "Choose at least" not in chinese


def test_a_refusal_of_the_service_is_shown_on_its_field(client, plan, cast, owner_org):
    period_open(plan=plan, month=6, user=cast["admin"])
    filing_save(project=make_project(plan, owner=owner_org), month=6, user=cast["owner"],
                submit=True, data=FilingInput(D(100), None))
    client.force_login(cast["admin"])
    response = client.post(url(plan), form_data(counted_report_states=["approved"]),
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["counted_report_states"]


def test_the_city_office_finds_the_page_from_the_plan_and_the_months(client, plan, cast):
    client.force_login(cast["admin"])
    for page in (reverse("plans:detail", args=[plan.slug]),
                 reverse("projects:periods", args=[plan.slug])):
        assert url(plan) in client.get(page).content.decode()
    client.force_login(cast["leader"])
    assert url(plan) not in client.get(reverse("plans:detail", args=[plan.slug])
                                       ).content.decode()


def test_the_dashboard_lights_and_explains_by_the_scheme_set(client, plan, cast):
    """June, 38 % done: red by tuijin's default (12 points behind), yellow once the office
    sets Wuhan's ratio (76 % of time progress), and the page says which rule it applied."""
    from tests.factories import make_report

    make_report(make_project(plan, annual_plan_wan="1000"), 6, "380", "380")
    client.force_login(cast["admin"])
    dashboard = reverse("progress:city", args=[plan.slug]) + "?month=2023-06"
    before = client.get(dashboard, HTTP_ACCEPT_LANGUAGE="en")
    assert before.context["d"].lights["red"] == 1
    assert "more than the yellow bound of 10 points" in before.content.decode()
    client.post(url(plan), form_data(light_scheme="ratio"))
    after = client.get(dashboard, HTTP_ACCEPT_LANGUAGE="en")
    assert after.context["d"].lights["yellow"] == 1
    page = after.content.decode()
    assert "is 76.0% of time progress 50.0%, below 80% and not below 60%." in page
    assert "Ratio to time progress: green when completion is at least 80%" in page
