"""projects.cycle: which step a report may take, as plain rules (no database)."""

import pytest

from tuijin.core.errors import InputError
from tuijin.projects.cycle import check_counted_states, is_counted, step_check

OPEN, LOCKED = "open", "locked"


def check(action, state, period_state=OPEN, **kw):
    return step_check(action=action, state=state, period_state=period_state,
                      open_month=kw.pop("open_month", 6), month=kw.pop("month", 6), **kw)


@pytest.mark.parametrize(("action", "state", "to"), [
    ("save", None, "draft"), ("save", "draft", "draft"), ("save", "returned", "draft"),
    ("submit", None, "submitted"), ("submit", "draft", "submitted"),
    ("submit", "returned", "submitted"), ("approve", "submitted", "approved"),
    ("return", "submitted", "returned"), ("return", "approved", "returned"),
])
def test_the_life_of_a_report(action, state, to):
    assert check(action, state, comment="请补充形象进度").to_state == to


@pytest.mark.parametrize(("action", "state"), [
    ("save", "submitted"), ("save", "approved"), ("submit", "submitted"),
    ("submit", "approved"), ("approve", "draft"), ("approve", "returned"),
    ("approve", "approved"), ("return", "draft"), ("return", None), ("approve", None),
])
def test_a_step_from_the_wrong_state_is_refused(action, state):
    with pytest.raises(InputError) as exc:
        check(action, state, comment="x")
    assert exc.value.field == "action"


def test_a_report_for_a_month_not_open_names_the_open_month():
    with pytest.raises(InputError) as exc:
        check("save", None, period_state=None, month=12, open_month=6)
    assert exc.value.field == "month"
    assert "Month 12 is not open" in exc.value.message and "open month is 6" in exc.value.message


def test_after_the_lock_nothing_changes_unless_the_report_was_reopened():
    with pytest.raises(InputError) as exc:
        check("submit", "draft", period_state=LOCKED, open_month=None)
    assert "locked" in exc.value.message
    assert check("submit", "returned", period_state=LOCKED, is_reopened=True).to_state == (
        "submitted")


def test_returning_needs_a_comment():
    with pytest.raises(InputError) as exc:
        check("return", "submitted", comment=" ")
    assert exc.value.field == "comment"


def test_nobody_approves_their_own_report():
    with pytest.raises(InputError):
        check("approve", "submitted", acts_on_own_report=True)


def test_a_returned_report_resubmitted_unchanged_is_refused():
    with pytest.raises(InputError) as exc:
        check("submit", "returned", is_unchanged_resubmission=True)
    assert "nothing has been changed" in exc.value.message


def test_only_a_locked_months_report_is_reopened_and_with_a_reason():
    with pytest.raises(InputError):
        check("reopen", "approved", period_state=OPEN, comment="更正")
    with pytest.raises(InputError) as exc:
        check("reopen", "approved", period_state=LOCKED, comment="")
    assert exc.value.field == "comment"
    assert check("reopen", "approved", period_state=LOCKED, comment="更正").to_state == (
        "returned")


def test_counted_states_are_a_plan_setting():
    assert is_counted("submitted", ["submitted", "approved"])
    assert not is_counted("submitted", ["approved"])
    assert not is_counted("returned", ["submitted", "approved"])
    assert not is_counted(None, ["submitted", "approved"])
    assert check_counted_states(["approved", "approved"]) == ("approved",)
    for bad in ([], ["draft"], ["returned", "approved"]):
        with pytest.raises(InputError):
            check_counted_states(bad)
