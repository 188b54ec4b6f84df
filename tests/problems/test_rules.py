"""The problem's life and its deadline light as plain rules (problems.rules): no database, an
explicit ``today``."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tuijin.core.errors import InputError
from tuijin.problems.rules import (
    Action,
    Level,
    Light,
    State,
    allowed_actions,
    assign_is_next,
    deadline_light,
    step_check,
)

TODAY = date(2023, 6, 15)


def step(action, state, **kw):
    kw.setdefault("today", TODAY)
    return step_check(action=action, state=state, **kw)


def test_the_whole_life_of_a_problem():
    steps = [
        (Action.ACCEPT, State.RAISED, {}),
        (Action.ASSIGN, State.ACCEPTED, {"deadline": TODAY + timedelta(days=10)}),
        (Action.SIGN, State.ASSIGNED, {}),
        (Action.ANSWER, State.SIGNED, {"comment": "已协调自然资源局，用地指标下月落实"}),
        (Action.CHECK, State.ANSWERED, {}),
        (Action.CLOSE, State.CHECKED, {}),
    ]
    reached = [step(action, state, **kw).to_state for action, state, kw in steps]
    assert reached == [State.ACCEPTED, State.ASSIGNED, State.SIGNED, State.ANSWERED,
                       State.CHECKED, State.CLOSED]


def test_a_problem_left_to_the_project_unit_is_finished():
    assert step(Action.DECLINE, State.RAISED, comment="属企业内部事项").to_state == \
        State.SELF_RESOLVE
    assert allowed_actions(State.SELF_RESOLVE) == []
    assert allowed_actions(State.CLOSED) == []


def test_an_answer_sent_back_is_answered_again():
    assert step(Action.SEND_BACK, State.ANSWERED, comment="未说明完成时间").to_state == \
        State.RETURNED
    assert step(Action.ANSWER, State.RETURNED, comment="6月30日前完成").to_state == \
        State.ANSWERED


@pytest.mark.parametrize(("action", "state"), [
    (Action.CLOSE, State.SIGNED),       # closing without an answer
    (Action.CLOSE, State.ANSWERED),     # closing before the answer is checked
    (Action.SIGN, State.RAISED),        # signing for what nobody assigned
    (Action.ANSWER, State.ASSIGNED),    # answering before signing for it
    (Action.ACCEPT, State.CLOSED),
    (Action.RAISE, State.RAISED),
])
def test_a_step_from_the_wrong_state_is_refused_on_the_action(action, state):
    with pytest.raises(InputError) as refusal:
        step(action, state, comment="x", deadline=TODAY)
    assert refusal.value.field == "action"


@pytest.mark.parametrize(("action", "state"), [
    (Action.DECLINE, State.RAISED), (Action.ANSWER, State.SIGNED),
    (Action.SEND_BACK, State.ANSWERED),
])
def test_a_step_that_needs_a_comment_names_the_comment(action, state):
    with pytest.raises(InputError) as refusal:
        step(action, state, comment="  ")
    assert refusal.value.field == "comment"


def test_an_assignment_needs_a_deadline_not_before_today():
    with pytest.raises(InputError) as missing:
        step(Action.ASSIGN, State.ACCEPTED)
    assert missing.value.field == "deadline"
    with pytest.raises(InputError) as past:
        step(Action.ASSIGN, State.ACCEPTED, deadline=TODAY - timedelta(days=1))
    assert past.value.field == "deadline"
    assert "2023-06-14" in past.value.message
    assert step(Action.ASSIGN, State.ACCEPTED, deadline=TODAY).to_state == State.ASSIGNED


def test_green_before_the_yellow_band():
    assert deadline_light(TODAY + timedelta(days=4), today=TODAY, state=State.ASSIGNED,
                          yellow_days=3) == Light.GREEN


@pytest.mark.parametrize("days_left", [3, 1, 0])
def test_yellow_within_n_calendar_days_of_the_deadline_the_day_itself_included(days_left):
    assert deadline_light(TODAY + timedelta(days=days_left), today=TODAY, state=State.SIGNED,
                          yellow_days=3) == Light.YELLOW


def test_red_the_day_after_the_deadline():
    assert deadline_light(TODAY - timedelta(days=1), today=TODAY,
                          state=State.RETURNED) == Light.RED


def test_calendar_days_count_weekends():
    friday = date(2023, 6, 16)
    assert deadline_light(friday, today=date(2023, 6, 19), state=State.ASSIGNED) == Light.RED


@pytest.mark.parametrize("state", [State.RAISED, State.ACCEPTED, State.ANSWERED,
                                   State.CHECKED, State.CLOSED, State.SELF_RESOLVE])
def test_no_light_while_the_unit_owes_nothing(state):
    assert deadline_light(TODAY - timedelta(days=30), today=TODAY, state=state) == Light.NONE


def test_no_light_without_a_deadline():
    assert deadline_light(None, today=TODAY, state=State.ASSIGNED) == Light.NONE


def test_an_overdue_district_problem_is_escalated_and_keeps_its_state():
    escalated = step(Action.ESCALATE, State.SIGNED, comment="区级协调不了",
                     current_deadline=TODAY - timedelta(days=1), level=Level.DISTRICT)
    assert (escalated.from_state, escalated.to_state) == (State.SIGNED, State.SIGNED)


def test_a_problem_not_yet_overdue_is_not_escalated():
    with pytest.raises(InputError) as refusal:
        step(Action.ESCALATE, State.SIGNED, comment="x", current_deadline=TODAY,
             level=Level.DISTRICT)
    assert refusal.value.field == "action"


def test_a_city_level_problem_is_not_escalated_again():
    with pytest.raises(InputError):
        step(Action.ESCALATE, State.SIGNED, comment="x",
             current_deadline=TODAY - timedelta(days=5), level=Level.CITY)


def test_an_escalated_problem_may_be_assigned_again():
    assert Action.ASSIGN in allowed_actions(State.SIGNED)


def test_assigning_is_the_next_step_once_accepted_and_again_after_an_escalation():
    assigned = datetime(2023, 6, 1, 9, tzinfo=UTC)
    escalated = datetime(2023, 6, 20, 9, tzinfo=UTC)
    assert assign_is_next(state=State.ACCEPTED, assigned_at=None, escalated_at=None)
    # Assigned: giving it to another unit is a correction, not the next step.
    assert not assign_is_next(state=State.ASSIGNED, assigned_at=assigned, escalated_at=None)
    assert not assign_is_next(state=State.SIGNED, assigned_at=assigned, escalated_at=None)
    # Escalated to the city: the city assigns it again, and then it is a correction again.
    assert assign_is_next(state=State.SIGNED, assigned_at=assigned, escalated_at=escalated)
    assert not assign_is_next(state=State.ASSIGNED, assigned_at=escalated + timedelta(hours=1),
                              escalated_at=escalated)
    assert not assign_is_next(state=State.RAISED, assigned_at=None, escalated_at=None)


def test_assigning_again_to_the_same_unit_with_the_same_deadline_is_refused():
    """The walk found a second, identical 交办 step logged."""
    deadline = TODAY + timedelta(days=10)
    with pytest.raises(InputError) as refusal:
        step(Action.ASSIGN, State.SIGNED, deadline=deadline, unit_id=7, current_unit_id=7,
             current_deadline=deadline)
    assert refusal.value.field == "unit" and refusal.value.hint
    # Another unit, or another deadline, is a real correction.
    assert step(Action.ASSIGN, State.SIGNED, deadline=deadline, unit_id=8, current_unit_id=7,
                current_deadline=deadline).to_state == State.ASSIGNED
    assert step(Action.ASSIGN, State.ASSIGNED, deadline=deadline + timedelta(days=1),
                unit_id=7, current_unit_id=7,
                current_deadline=deadline).to_state == State.ASSIGNED


def test_who_may_take_a_projects_problem():
    from tuijin.problems.rules import may_take_problem

    def may(**unit):
        return may_take_problem(project_owner_id=7, project_district_id=2, **unit)

    assert may(unit_id=1, unit_is_owner=False, unit_district_id=None)  # a city bureau
    assert may(unit_id=3, unit_is_owner=False, unit_district_id=2)  # the project's district
    assert not may(unit_id=4, unit_is_owner=False, unit_district_id=5)  # another district
    assert may(unit_id=7, unit_is_owner=True, unit_district_id=2)  # the project's own owner
    assert not may(unit_id=8, unit_is_owner=True, unit_district_id=2)  # another project's
