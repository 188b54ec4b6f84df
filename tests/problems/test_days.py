"""How deadlines count days (problems.days): calendar days by default, or working days with
the State Council's holidays off and the 调休 weekends on."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tuijin.core.errors import InputError
from tuijin.problems.days import (
    CALENDAR,
    MAX_DAYS,
    WORKING,
    day_count,
    days_checked,
    days_left,
    deadline_text,
    due_date,
    is_working_day,
)
from tuijin.problems.rules import Light, deadline_light


def test_calendar_days_are_the_default(settings):
    del settings.TUIJIN_PROBLEM_DAYS
    assert day_count() == CALENDAR


def test_an_unknown_way_of_counting_is_refused_naming_the_setting(settings):
    settings.TUIJIN_PROBLEM_DAYS = "lunar"
    with pytest.raises(ImproperlyConfigured, match="TUIJIN_PROBLEM_DAYS"):
        day_count()


def test_ten_calendar_days_from_the_first_end_on_the_eleventh():
    assert due_date(date(2023, 6, 1), 10) == date(2023, 6, 11)
    assert due_date(date(2023, 6, 1), 0) == date(2023, 6, 1)


def test_national_day_golden_week_is_off_and_its_weekend_is_worked():
    # 2023: 29 September – 6 October off; Saturday 7 and Sunday 8 October worked (调休).
    assert not is_working_day(date(2023, 10, 2))
    assert is_working_day(date(2023, 10, 7))
    assert is_working_day(date(2023, 10, 8))
    assert not is_working_day(date(2023, 9, 29))


def test_working_days_skip_the_holiday_and_count_the_adjusted_weekend():
    # From Thursday 28 September: the next working days are 7 and 8 October, then the 9th.
    assert due_date(date(2023, 9, 28), 1, count=WORKING) == date(2023, 10, 7)
    assert due_date(date(2023, 9, 28), 3, count=WORKING) == date(2023, 10, 9)


def test_a_year_the_package_does_not_know_counts_monday_to_friday():
    assert is_working_day(date(2099, 6, 5))  # a Friday
    assert not is_working_day(date(2099, 6, 6))  # a Saturday


def test_days_left_in_working_days_before_on_and_past_the_deadline():
    friday, monday = date(2023, 6, 9), date(2023, 6, 12)
    assert days_left(monday, today=friday, count=WORKING) == 1
    assert days_left(monday, today=monday, count=WORKING) == 0
    assert days_left(monday, today=date(2023, 6, 13), count=WORKING) == -1
    # Past a Friday deadline on the Saturday: overdue, though no working day has gone by.
    assert days_left(friday, today=date(2023, 6, 10), count=WORKING) == -1
    assert days_left(monday, today=friday) == 3


def test_the_light_turns_yellow_later_when_the_weekend_does_not_count():
    friday, next_wednesday = date(2023, 6, 9), date(2023, 6, 14)
    # Five calendar days, three working days: green by the calendar, yellow by working days.
    assert deadline_light(next_wednesday, today=friday, state="assigned") == Light.GREEN
    assert deadline_light(next_wednesday, today=friday, state="assigned",
                          count=WORKING) == Light.YELLOW
    assert deadline_light(friday, today=date(2023, 6, 10), state="assigned",
                          count=WORKING) == Light.RED


@given(start=st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 1)),
       days=st.integers(min_value=0, max_value=40),
       count=st.sampled_from([CALENDAR, WORKING]))
def test_the_due_date_leaves_exactly_the_days_given(start, days, count):
    deadline = due_date(start, days, count=count)
    assert deadline >= start
    assert days_left(deadline, today=start, count=count) == days
    if count == WORKING and days:
        assert is_working_day(deadline)
        assert (deadline - start) >= timedelta(days=days)


@pytest.mark.parametrize(("days", "zh", "en"), [
    (0, "2026-12-01（今天到期）", "2026-12-01 (due today)"),
    (1, "2026-12-02（还剩 1 天）", "2026-12-02 (1 day left)"),
    (-3, "2026-11-28（超期 3 天）", "2026-11-28 (3 days overdue)"),
])
def test_the_deadline_says_due_today_on_the_day_itself(days, zh, en):
    """The walk found "2026-12-01（还剩 0 天）" for a deadline of today."""
    today = date(2026, 12, 1)
    deadline = today + timedelta(days=days)
    with translation.override("zh-hans"):
        assert deadline_text(deadline, today=today) == zh
    with translation.override("en"):
        assert deadline_text(deadline, today=today) == en


def test_working_days_are_named_in_the_deadline_text():
    with translation.override("zh-hans"):
        assert deadline_text(date(2023, 6, 19), today=date(2023, 6, 15),
                             count=WORKING) == "2023-06-19（还剩 2 个工作日）"


@pytest.mark.parametrize("days", [-1, MAX_DAYS + 1])
def test_days_out_of_range_say_what_is_allowed_and_how_to_fix_it(days):
    """The walk found Django's own "确保该值小于或等于366。"."""
    with translation.override("zh-hans"), pytest.raises(InputError) as refusal:
        days_checked(days)
    assert refusal.value.field == "days"
    assert f"办理天数应在 0 到 {MAX_DAYS} 之间" in refusal.value.message
    assert "0 表示今天到期" in refusal.value.hint
    assert days_checked(0) == 0 and days_checked(MAX_DAYS) == MAX_DAYS
