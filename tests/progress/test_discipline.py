from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from tuijin.core.periods import Period
from tuijin.progress.discipline import discipline, due_before

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_report_is_due_by_the_end_of_the_due_day_beijing_time():
    deadline = due_before(Period(2023, 6), 25)
    assert deadline == datetime(2023, 6, 26, tzinfo=SHANGHAI)
    assert datetime(2023, 6, 25, 23, 59, tzinfo=SHANGHAI) < deadline


def test_report_and_on_time_rates_over_the_year_so_far():
    d = discipline(projects=10, months=6, received=54, on_time=45)
    assert d.due == 60
    assert d.report_rate == D("0.9")
    assert d.on_time_rate == D("0.75")
    assert d.late == 9 and d.missing == 6


def test_no_projects_gives_no_rate():
    d = discipline(projects=0, months=1, received=0, on_time=0)
    assert d.report_rate is None and d.on_time_rate is None
