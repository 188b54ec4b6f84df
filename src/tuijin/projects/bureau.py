"""Responsible bureaus report too (责任单位填报): the plain rules of a bureau's monthly report on
an indicator it answers for, or on a key work or measure it leads.

The report goes through the same cycle as a project's (projects.cycle: draft → submitted →
approved, or returned with a comment; only while its month is open), reviewed by the city
office. What it carries differs: an indicator's actual value to date, or a work's status and a
progress note. The services (projects.bureau_services) load the rows, call these rules and the
cycle's, and write.
"""

import re
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuijin.core.errors import InputError
from tuijin.core.money import EXACT_DIGITS, FIGURE_PLACES
from tuijin.core.text import to_halfwidth


class Subject(models.TextChoices):
    """What a bureau reports on; the value is the URL segment of its report page."""

    INDICATOR = "indicator", gettext_lazy("Indicator")
    KEY_TASK = "key-task", gettext_lazy("Key work")
    MEASURE = "measure", gettext_lazy("Measure")


# The indicator column is a Decimal(20, 4) (plans.IndicatorActual.value), kept exactly on
# every database up to core.money's bound: 11 whole digits.
VALUE_PLACES = FIGURE_PLACES
VALUE_INTEGER_DIGITS = EXACT_DIGITS - FIGURE_PLACES
NOTE_LIMIT = 2000

_NUMBER_RE = re.compile(r"^(?P<sign>[-+]?)(?P<number>\d[\d,]*(\.\d+)?|\.\d+)(?P<unit>.*)$")


def entry_unit(*, unit: str, bases: list[str]) -> str:
    """The unit a bureau types the indicator's value in: what its targets are judged against.

    A growth target (同比增长30%以上) is judged on the year-on-year change to date in %, as the
    statistics bureaus report it (progress.targets); every other target on the level, in the
    indicator's own unit (万人次, 家, %)."""
    if bases and all(basis == "growth" for basis in bases):
        return "%"
    return unit


def parse_reported_value(raw: object, *, unit: str, allow_negative: bool = False,
                         field: str = "value") -> Decimal | None:
    """A value as a bureau types it, exact: "2,345.6", "２３４５.６", "2345.6万人次", "-3%".

    Empty is None (a draft may leave it so). The unit written after the number, if any, must be
    ``unit``: a figure in another unit would be stored as if it were in this one. Refuses a
    negative value unless ``allow_negative`` (a growth rate may fall), and more than four
    decimal places, which the column would round."""
    text = to_halfwidth("" if raw is None else str(raw)).strip().replace(" ", "")
    if text in ("", "-", "—"):
        return None
    unit_hint = _("Write a number such as 12.5, in %(unit)s.") % {"unit": unit or "—"}
    match = _NUMBER_RE.match(text)
    if not match:
        raise InputError(_("%(value)s is not a number.") % {"value": raw}, hint=unit_hint,
                         field=field, value=raw)
    written_unit = match["unit"]
    if written_unit and written_unit != unit:
        raise InputError(
            _("%(value)s is in %(written)s, but this indicator is reported in %(unit)s.")
            % {"value": raw, "written": written_unit, "unit": unit or "—"},
            hint=_("Convert the value to %(unit)s and write the number only.")
            % {"unit": unit or "—"}, field=field, value=raw)
    number_text = match["number"]
    if "," in number_text and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", number_text):
        raise InputError(_("%(value)s has misplaced thousands separators.") % {"value": raw},
                         hint=_("Write 12.5 rather than 12,5; commas may only separate "
                                "thousands."), field=field, value=raw)
    try:
        value = Decimal(number_text.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
        raise InputError(_("%(value)s is not a number.") % {"value": raw}, hint=unit_hint,
                         field=field, value=raw) from exc
    if match["sign"] == "-":
        value = -value
    if value < 0 and not allow_negative:
        raise InputError(_("%(value)s is negative.") % {"value": raw},
                         hint=_("This indicator counts up over the year; write the total to "
                                "date."), field=field, value=raw)
    if -value.as_tuple().exponent > VALUE_PLACES:
        raise InputError(_("%(value)s has more than four decimal places.") % {"value": raw},
                         hint=_("Round it to four places at most."), field=field, value=raw)
    if abs(value) >= Decimal(10) ** VALUE_INTEGER_DIGITS:
        raise InputError(_("%(value)s is too large.") % {"value": raw},
                         hint=_("Check the unit: the value is in %(unit)s.")
                         % {"unit": unit or "—"}, field=field, value=raw)
    return value


def check_note(note: str) -> None:
    """A progress note is read on a phone and printed in the bulletin: kept to NOTE_LIMIT."""
    if note and len(note) > NOTE_LIMIT:
        raise InputError(_("This text has %(length)s characters; at most %(limit)s are kept.")
                         % {"length": len(note), "limit": NOTE_LIMIT},
                         hint=_("Shorten it; attach longer documents elsewhere."), field="note")


def check_for_submission(*, subject: str, value: Decimal | None, status: str) -> None:
    """What a submitted report must carry: an indicator its value, a work its status (a draft
    may be incomplete)."""
    if subject == Subject.INDICATOR and value is None:
        raise InputError(_("Enter the value to submit the report."),
                         hint=_("Save a draft to finish it later."), field="value")
    if subject != Subject.INDICATOR and not status:
        raise InputError(_("Choose the work's status to submit the report."),
                         hint=_("Save a draft to finish it later."), field="status")
