from decimal import Decimal as D

from tuijin.progress.rankings import lagging_order_key, missing_order_key, rank_by_rate


def test_ties_share_a_rank_and_the_next_rank_skips():
    items = [("410203", D("0.5")), ("410202", D("0.6")), ("410204", D("0.5")),
             ("410205", D("0.4"))]
    ranked = rank_by_rate(items, rate=lambda i: i[1], tie_key=lambda i: i[0])
    assert [(r.rank, r.item[0]) for r in ranked] == [
        (1, "410202"), (2, "410203"), (2, "410204"), (4, "410205")]


def test_order_within_a_tie_is_stable_by_code():
    items = [("b", D(1)), ("a", D(1)), ("c", D(1))]
    ranked = rank_by_rate(items, rate=lambda i: i[1], tie_key=lambda i: i[0])
    assert [r.item[0] for r in ranked] == ["a", "b", "c"]
    assert {r.rank for r in ranked} == {1}


def test_no_data_comes_last_unranked():
    items = [("a", None), ("b", D("0.1"))]
    ranked = rank_by_rate(items, rate=lambda i: i[1], tie_key=lambda i: i[0])
    assert [(r.rank, r.item[0]) for r in ranked] == [(1, "b"), (None, "a")]


def test_lagging_lists_furthest_behind_then_largest():
    rows = [
        dict(completion=D("0.1"), planned_wan=D(10), project_id=1),
        dict(completion=D("0.1"), planned_wan=D(99), project_id=3),
        dict(completion=D("0.0"), planned_wan=D(1), project_id=4),
    ]
    ordered = sorted(rows, key=lambda r: lagging_order_key(**r))
    assert [r["project_id"] for r in ordered] == [4, 3, 1]


def test_missing_reports_list_largest_first():
    rows = [dict(planned_wan=D(5), project_id=2), dict(planned_wan=D(50), project_id=9)]
    ordered = sorted(rows, key=lambda r: missing_order_key(**r))
    assert [r["project_id"] for r in ordered] == [9, 2]
