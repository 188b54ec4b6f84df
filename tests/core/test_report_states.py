"""core.report_states: which report states a plan may count (checked by the plan's settings and
by the reporting cycle alike)."""

import pytest

from tuijin.core.errors import InputError
from tuijin.core.report_states import COUNTABLE_STATES, check_counted_states
from tuijin.projects.cycle import FilingState


def test_countable_states_are_the_cycles_submitted_and_approved():
    assert (FilingState.SUBMITTED.value, FilingState.APPROVED.value) == COUNTABLE_STATES


def test_counted_states_are_a_non_empty_subset_of_submitted_and_approved():
    assert check_counted_states(["approved", "approved"]) == ("approved",)
    for bad in ([], ["draft"], ["returned", "approved"]):
        with pytest.raises(InputError) as exc:
            check_counted_states(bad)
        assert exc.value.field == "counted_report_states"
