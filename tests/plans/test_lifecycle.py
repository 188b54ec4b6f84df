"""A plan's life: draft → active → closed, one active plan per region and year, drafts the
city office's alone (issue 15, "drafts stay drafts")."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.factories import make_plan, make_project, make_report
from tests.plans.test_plan_services import small_doc
from tuijin.core.errors import InputError
from tuijin.plans.lifecycle import actions_from, lifecycle_errors
from tuijin.plans.lifecycle_services import plan_lifecycle_step
from tuijin.plans.models import Plan, PlanStatus
from tuijin.plans.services import plan_import, plan_load_builtin

# --- the rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "actions"), [
    ("draft", ("activate", "delete")),
    ("active", ("close",)),
    ("closed", ("activate",)),
])
def test_each_state_offers_its_actions(status, actions):
    assert actions_from(status) == actions


def test_a_second_active_plan_for_the_region_and_year_is_refused_by_name():
    [error] = lifecycle_errors("activate", "draft", other_active="开封市2023年计划",
                               has_reports=False)
    assert "开封市2023年计划" in error.message
    assert error.hint and error.field == "status"


def test_a_plan_with_reports_is_never_deleted():
    [error] = lifecycle_errors("delete", "draft", other_active=None, has_reports=True)
    assert error.field == "status"
    assert not lifecycle_errors("delete", "draft", other_active=None, has_reports=False)


@pytest.mark.parametrize(("action", "status"), [
    ("close", "draft"), ("close", "closed"), ("activate", "active"), ("delete", "active"),
    ("delete", "closed"), ("publish", "draft"),
])
def test_an_action_from_the_wrong_state_is_refused(action, status):
    [error] = lifecycle_errors(action, status, other_active=None, has_reports=False)
    assert error.message and error.hint


# --- the service -----------------------------------------------------------------------------


def test_an_imported_plan_is_a_draft_and_a_builtin_plan_loads_active(db):
    assert plan_import(small_doc()).status == PlanStatus.DRAFT
    assert plan_load_builtin("kaifeng-2023").status == PlanStatus.ACTIVE


def test_reimporting_keeps_the_plans_state(db):
    plan = plan_import(small_doc())
    plan_lifecycle_step(plan=plan, action="activate", user=None)
    assert plan_import(small_doc(), replace=True).status == PlanStatus.ACTIVE


def test_activating_a_draft_while_another_plan_is_active_changes_nothing(db, cast):
    make_plan("kaifeng-2023", year=2023)
    draft = make_plan("kaifeng-2023-b", year=2023, status="draft")
    with pytest.raises(InputError, match="测试计划 kaifeng-2023"):
        plan_lifecycle_step(plan=draft, action="activate", user=cast["admin"])
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_closing_then_activating_next_year_keeps_the_history(db, cast):
    old = make_plan("kaifeng-2022", year=2022)
    new = make_plan("kaifeng-2023", year=2023, status="draft")
    plan_lifecycle_step(plan=old, action="close", user=cast["admin"])
    plan_lifecycle_step(plan=new, action="activate", user=cast["admin"])
    old.refresh_from_db()
    assert (old.status, Plan.objects.get(pk=new.pk).status) == ("closed", "active")
    latest = old.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (cast["admin"],
                                                                   "tuijin.plan.close")


def test_a_draft_with_a_reported_project_cannot_be_deleted(db, cast):
    draft = make_plan("draft-2024", year=2024, status="draft")
    make_report(make_project(draft), 1, "10", "10")
    with pytest.raises(InputError):
        plan_lifecycle_step(plan=draft, action="delete", user=cast["admin"])
    assert Plan.objects.filter(pk=draft.pk).exists()


def test_a_draft_is_deleted_with_its_content(db, cast):
    draft = make_plan("draft-2024", year=2024, status="draft")
    make_project(draft)
    assert plan_lifecycle_step(plan=draft, action="delete", user=cast["admin"]) is None
    assert not Plan.objects.filter(slug="draft-2024").exists()


# --- the pages -------------------------------------------------------------------------------


def _login(client, user):
    client.force_login(user)


def test_confirming_next_years_draft_changes_nobodys_pages(client, cast):
    """The defect the issue names: a 2024 draft became everyone's plan at once."""
    active = make_plan("kaifeng-2023", year=2023)
    draft = make_plan("kaifeng-2024", year=2024, status="draft")
    for role in ("admin", "longting", "leader", "owner"):
        _login(client, cast[role])
        response = client.get(reverse("plans:home"))
        assert response.status_code == 302
        assert draft.slug not in response["Location"], role
        if role != "owner":  # the owner lands on this month's reports
            assert response["Location"] == active.get_absolute_url(), role


def test_a_draft_is_404_to_everyone_but_the_city_office(client, cast):
    draft = make_plan("kaifeng-2024", year=2024, status="draft")
    for role in ("longting", "leader", "owner", "bureau"):
        _login(client, cast[role])
        assert client.get(draft.get_absolute_url()).status_code == 404, role
        assert client.post(reverse("plans:choose", args=[draft.slug])).status_code == 404, role
    _login(client, cast["admin"])
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'id="draft-banner"' in page


def test_switching_plans_from_the_top_bar_keeps_the_choice_for_the_session(client, cast):
    make_plan("kaifeng-2023", year=2023)
    closed = make_plan("kaifeng-2022", year=2022, status="closed")
    _login(client, cast["leader"])
    listing = client.get(reverse("plans:list")).content.decode()
    assert 'id="nav-plan"' in listing and 'id="plan-kaifeng-2022"' in listing
    assert 'value="activate"' not in listing  # a leader switches, never activates
    client.post(reverse("plans:choose", args=[closed.slug]))
    assert client.get(reverse("plans:home"))["Location"] == closed.get_absolute_url()
    assert closed.slug in client.get(reverse("progress:index"))["Location"]


def test_only_the_city_office_changes_a_plans_state(client, cast):
    draft = make_plan("kaifeng-2024", year=2024, status="draft")
    active = make_plan("kaifeng-2023", year=2023)
    for role in ("longting", "leader", "owner"):
        _login(client, cast[role])
        response = client.post(reverse("plans:change_status", args=[active.slug]),
                               {"action": "close"})
        assert response.status_code == 403, role
    active.refresh_from_db()
    assert active.status == "active"
    _login(client, cast["admin"])
    client.post(reverse("plans:change_status", args=[draft.slug]), {"action": "activate"})
    assert Plan.objects.get(pk=draft.pk).status == "active"


def test_a_refused_step_says_why_on_the_plans_page(client, cast):
    make_plan("kaifeng-2023", year=2023)
    second = make_plan("kaifeng-2023-bis", year=2023, status="draft")
    _login(client, cast["admin"])
    response = client.post(reverse("plans:change_status", args=[second.slug]),
                           {"action": "activate"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "already the active plan of this region and year" in response.content.decode()
    assert Plan.objects.get(pk=second.pk).status == "draft"


def test_deleting_a_draft_asks_first_and_an_active_plan_offers_no_delete(client, cast):
    draft = make_plan("kaifeng-2024", year=2024, status="draft")
    active = make_plan("kaifeng-2023", year=2023)
    _login(client, cast["admin"])
    assert 'id="delete-plan"' in client.get(reverse("plans:delete", args=[draft.slug])
                                            ).content.decode()
    assert 'id="cannot-delete"' in client.get(reverse("plans:delete", args=[active.slug])
                                              ).content.decode()
    client.post(reverse("plans:delete", args=[active.slug]))
    assert Plan.objects.filter(pk=active.pk).exists()
    client.post(reverse("plans:delete", args=[draft.slug]))
    assert not Plan.objects.filter(pk=draft.pk).exists()


# --- the command -----------------------------------------------------------------------------


def test_the_command_moves_a_plan_and_refuses_clearly(db, capsys):
    plan_import(small_doc())
    call_command("plan", "activate", "small-2023")
    assert Plan.objects.get(slug="small-2023").status == "active"
    with pytest.raises(CommandError, match="status"):
        call_command("plan", "delete", "small-2023")


def test_activating_asks_first_and_says_who_will_see_the_plan(client, cast):
    make_plan("kaifeng-2024", year=2024, status="draft")
    _login(client, cast["admin"])
    listing = client.get(reverse("plans:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = listing.split('id="plan-kaifeng-2024"', 1)[1].split("</tr>", 1)[0]
    # The activate button sits behind a summary that opens the explanation, as closing does.
    confirm = row.split('<details class="confirm-close confirm-activate">', 1)[1]
    assert confirm.index("<summary") < confirm.index('value="activate"')
    assert "has not chosen a plan" in confirm and "dashboard" in confirm


def test_the_delete_page_of_a_closed_plan_does_not_ask_to_close_it(client, cast):
    closed = make_plan("kaifeng-2022", year=2022, status="closed")
    _login(client, cast["admin"])
    page = client.get(reverse("plans:delete", args=[closed.slug]),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="cannot-delete"' in page
    assert "Close the plan instead" not in page
    assert "closed already" in page


def test_an_unknown_status_action_is_named_in_the_message(client, cast):
    draft = make_plan("kaifeng-2024", year=2024, status="draft")
    _login(client, cast["admin"])
    response = client.post(reverse("plans:change_status", args=[draft.slug]),
                           {"action": "publish"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "Unknown action publish." in response.content.decode()
    response = client.post(reverse("plans:change_status", args=[draft.slug]),
                           {"action": "delete"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert Plan.objects.filter(pk=draft.pk).exists()  # deleting has its own page
    assert "Unknown action delete." in response.content.decode()
