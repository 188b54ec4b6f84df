"""projects.history: consecutive records compared field by field, steps paired with the changes
they made, reasons in words. Plain values, no database."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tuijin.projects.history import (
    Change,
    Field,
    Snapshot,
    StepRecord,
    diffs,
    filing_entries,
    newest_first,
    reason_text,
    record_entries,
)

T0 = datetime(2023, 6, 10, 9, 0, tzinfo=UTC)
FIELDS = [Field("cumulative_wan", "Cumulative", lambda v: f"{v:,.2f}"),
          Field("progress_text", "Progress")]
TITLES = {"+": "entered", "~": "changed", "-": "withdrawn"}


def snap(seconds, kind, reason="", who="owner", order=0, **values):
    return Snapshot(at=T0 + timedelta(seconds=seconds), who=who, kind=kind, reason=reason,
                    values=values, order=order)


def step(seconds, action, who="owner", comment="", order=0, states=("Draft", "Submitted")):
    return StepRecord(at=T0 + timedelta(seconds=seconds), who=who, action=action,
                      action_label=action.title(), from_label=states[0], to_label=states[1],
                      comment=comment, order=order)


def test_known_codes_read_as_words_and_free_text_as_written():
    assert reason_text("tuijin.import.reports") == "Imported from a spreadsheet"
    assert reason_text("tuijin.report.corrected") == "Corrected by the city office"
    assert reason_text("审计调整") == "审计调整"
    assert reason_text(None) == ""


def test_a_creation_lists_what_it_filled_and_a_change_only_what_changed():
    items = diffs([snap(0, "+", cumulative_wan=Decimal("150"), progress_text=""),
                   snap(5, "~", cumulative_wan=Decimal("1150"), progress_text="")], FIELDS)
    assert items[0].changes == (Change("Cumulative", "—", "150.00"),)
    assert items[1].changes == (Change("Cumulative", "150.00", "1,150.00"),)


def test_records_are_compared_in_time_order_whatever_order_they_come_in():
    items = diffs([snap(5, "~", progress_text="封顶"), snap(0, "+", progress_text="开工")],
                  FIELDS)
    assert [d.changes for d in items] == [(Change("Progress", "—", "开工"),),
                                          (Change("Progress", "开工", "封顶"),)]


def test_a_deletion_shows_what_was_removed_with_its_reason():
    items = diffs([snap(0, "+", cumulative_wan=Decimal("10")),
                   snap(9, "-", "形象进度请补充", cumulative_wan=Decimal("10"))], FIELDS)
    entries = record_entries(items, kind="report", month=6, titles=TITLES)
    assert entries[-1].what == "withdrawn" and entries[-1].reason == "形象进度请补充"
    assert entries[-1].changes == (Change("Cumulative", "10.00", "—"),)


def test_a_save_that_changed_nothing_shown_is_left_out():
    items = diffs([snap(0, "+", cumulative_wan=Decimal("10")),
                   snap(9, "~", "tuijin.report.approve", cumulative_wan=Decimal("10"))], FIELDS)
    assert [e.what for e in record_entries(items, kind="report", month=6,
                                           titles=TITLES)] == ["entered"]


def test_an_empty_text_and_no_value_are_no_change():
    items = diffs([snap(0, "+", progress_text=None), snap(1, "~", progress_text="")], FIELDS)
    assert items[1].changes == ()


def test_each_step_carries_the_changes_its_service_made():
    records = diffs([
        snap(0, "+", "tuijin.report.save", cumulative_wan=Decimal("50")),
        snap(60, "~", "tuijin.report.submit", cumulative_wan=Decimal("50")),
        snap(120, "~", "tuijin.report.return", who="district", cumulative_wan=Decimal("50")),
        snap(180, "~", "tuijin.report.submit", cumulative_wan=Decimal("60")),
    ], FIELDS)
    steps = [step(0.001, "save", states=("Not filed", "Draft")), step(60.001, "submit"),
             step(120.001, "return", who="district", comment="请补充",
                  states=("Submitted", "Returned")),
             step(180.001, "submit", states=("Returned", "Submitted"))]
    entries = filing_entries(records, steps, month=6, photo_label="Photo")
    assert [(e.kind, e.what, e.changes, e.reason) for e in entries] == [
        ("step", "Save", (Change("Cumulative", "—", "50.00"),), ""),
        ("step", "Submit", (), ""),
        ("step", "Return", (), "请补充"),
        ("step", "Submit", (Change("Cumulative", "50.00", "60.00"),), "")]
    assert entries[0].states == ("Not filed", "Draft")


def test_a_step_pairs_only_with_its_own_persons_record_of_its_own_action():
    records = diffs([snap(0, "+", "tuijin.report.adopted", who="admin",
                          cumulative_wan=Decimal("10"))], FIELDS)
    entries = filing_entries(records, [step(0.001, "submit")], month=6, photo_label="Photo")
    assert [(e.kind, e.changes) for e in entries] == [
        ("step", ()), ("filing", (Change("Cumulative", "—", "10.00"),))]
    assert entries[1].reason == "Taken into the reporting cycle as approved"


def test_a_reopening_pairs_with_the_record_carrying_its_reason():
    records = diffs([snap(0, "+", "tuijin.report.submit", cumulative_wan=Decimal("10")),
                     snap(60, "~", "数据有误", who="admin", cumulative_wan=Decimal("10"))],
                    FIELDS)
    steps = [step(0.001, "submit"),
             step(60.001, "reopen", who="admin", comment="数据有误 ",
                  states=("Approved", "Returned"))]
    entries = filing_entries(records, steps, month=6, photo_label="Photo")
    assert [e.kind for e in entries] == ["step", "step"]
    assert entries[1].reason == "数据有误"


def test_a_photo_step_reads_as_the_file_appearing_or_disappearing():
    steps = [step(0, "photo_added", comment="site.jpg"),
             step(5, "photo_removed", comment="site.jpg")]
    entries = filing_entries([], steps, month=6, photo_label="Photo")
    assert [(e.kind, e.changes) for e in entries] == [
        ("photo", (Change("Photo", "—", "site.jpg"),)),
        ("photo", (Change("Photo", "site.jpg", "—"),))]


def test_newest_first_keeps_one_instants_records_in_the_order_written():
    items = diffs([snap(0, "+", order=1, cumulative_wan=Decimal("1")),
                   snap(0, "~", order=2, cumulative_wan=Decimal("2"))], FIELDS)
    entries = newest_first(record_entries(items, kind="report", month=6, titles=TITLES))
    assert [e.what for e in entries] == ["changed", "entered"]
