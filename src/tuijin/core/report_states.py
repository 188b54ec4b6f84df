"""Which states of a monthly report the dashboards may count: a plan setting (DESIGN.md §3,
issue 10 item 2), default submitted and approved.

In core, not in projects.cycle where the states are named, so that the plan's settings page
(plans) and the reporting cycle (projects) check the setting the same way without plans
importing projects (STYLE.md §1: core ← plans/projects). tests/core/test_report_states.py
holds these values to projects.cycle.FilingState.
"""

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError

COUNTABLE_STATES = ("submitted", "approved")


def check_counted_states(states) -> tuple[str, ...]:
    """A plan's counted states: a non-empty subset of submitted and approved."""
    chosen = tuple(dict.fromkeys(states))
    if not chosen or any(s not in COUNTABLE_STATES for s in chosen):
        raise InputError(_("The dashboards count submitted reports, approved ones, or both."),
                         hint=_("Choose at least one of: submitted, approved."),
                         field="counted_report_states")
    return chosen
