"""projects/bureau_selectors.py: each reader's bureau month holds what it may see, nothing more."""

from decimal import Decimal

from tuijin.projects.bureau_selectors import bureau_rows_visible_to
from tuijin.projects.bureau_services import BureauInput, bureau_report_save


def keys(rows):
    return {(row.subject, row.item.pk) for row in rows}


def test_a_bureau_sees_only_the_items_its_organisation_leads(
        cast, plan, arrivals, high_tech, culture_task, festivals):
    rows = bureau_rows_visible_to(cast["bureau"], plan=plan, month=6)
    assert keys(rows) == {("indicator", arrivals.pk), ("key-task", culture_task.pk),
                          ("measure", festivals.pk)}
    assert next(r for r in rows if r.item == arrivals).unit == "%"


def test_the_city_office_and_leaders_see_every_bureaus_items(
        cast, plan, arrivals, high_tech, culture_task):
    for role in ("admin", "leader"):
        assert keys(bureau_rows_visible_to(cast[role], plan=plan, month=6)) == {
            ("indicator", arrivals.pk), ("indicator", high_tech.pk),
            ("key-task", culture_task.pk)}


def test_districts_and_owners_see_nothing(cast, plan, arrivals):
    for role in ("longting", "qixian", "owner"):
        assert bureau_rows_visible_to(cast[role], plan=plan, month=6) == []


def test_rows_carry_the_months_report_and_filter_by_state(cast, plan, arrivals, culture_task,
                                                          june):
    bureau_report_save(item=arrivals, month=6, submit=True, user=cast["bureau"],
                       data=BureauInput(value=Decimal("35")))
    rows = bureau_rows_visible_to(cast["admin"], plan=plan, month=6, states={"submitted"})
    assert [(row.item, row.report.value) for row in rows] == [(arrivals, Decimal("35"))]
    assert [row.item for row in bureau_rows_visible_to(
        cast["admin"], plan=plan, month=6, states={None})] == [culture_task]
    assert all(row.report is None for row in bureau_rows_visible_to(
        cast["admin"], plan=plan, month=5))
