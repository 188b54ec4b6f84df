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


def counts(key, n_projects, month_received, month_on_time, year_received, year_on_time):
    return {"id": key, "n_projects": n_projects, "month_received": month_received,
            "month_on_time": month_on_time, "year_received": year_received,
            "year_on_time": year_on_time}


ROWS = [counts(1, 2, 2, 1, 10, 6), counts(2, 1, 1, 1, 5, 5), counts(3, 0, 0, 0, 0, 0),
        counts(4, 2, 2, 2, 12, 6)]
NAMES = {1: "龙亭区", 2: "杞县", 3: "通许县", 4: "尉氏县"}
CODES = {1: "410202", 2: "410221", 3: "410222", 4: "410223"}


def test_discipline_table_ranks_by_on_time_rate_for_the_year_ties_sharing_a_rank():
    from tuijin.progress.discipline import discipline_table

    table = discipline_table(ROWS, key="id", months=6, names=NAMES, codes=CODES)
    assert [(row["name"], row["rank"]) for row in table] == [
        ("杞县", 1), ("龙亭区", 2), ("尉氏县", 2), ("通许县", None)]
    assert table[1]["year"].on_time_rate == D("0.5") and table[1]["month"].late == 1


def test_discipline_table_worst_first_puts_groups_without_data_and_the_last_on_top():
    from tuijin.progress.discipline import discipline_table

    table = discipline_table(ROWS, key="id", months=6, names=NAMES, codes=CODES,
                             worst_first=True)
    assert [row["rank"] for row in table] == [None, 2, 2, 1]


def test_counts_of_the_month_alone_give_no_year_and_rank_by_the_month():
    from tuijin.progress.discipline import discipline_table

    month_only = [{key: value for key, value in row.items() if not key.startswith("year_")}
                  for row in ROWS]
    table = discipline_table(month_only, key="id", months=6, names=NAMES, codes=CODES)
    assert [(row["name"], row["rank"]) for row in table] == [
        ("杞县", 1), ("尉氏县", 1), ("龙亭区", 3), ("通许县", None)]
    assert all(row["year"] is None for row in table)
    assert table[2]["month"].late == 1 and table[2]["month"].on_time_rate == D("0.5")


def test_a_group_without_a_name_reads_no_owner():
    from tuijin.progress.discipline import discipline_table

    table = discipline_table([counts(None, 1, 0, 0, 0, 0)], key="id", months=1, names={},
                             codes={})
    assert table[0]["name"] == "(no owner)" and table[0]["code"] == ""


def test_the_return_rate_counts_reports_returned_at_least_once():
    from tuijin.progress.discipline import discipline

    d = discipline(projects=4, months=1, received=3, on_time=2, submitted=4, returned=1)
    assert d.return_rate == D("0.25")
    assert discipline(projects=1, months=1, received=0, on_time=0).return_rate is None
