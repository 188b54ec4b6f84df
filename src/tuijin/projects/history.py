"""A project's history as people read it (issue 10 §7; DESIGN.md §3: every change to a reported
figure leaves an audit trail): who, when, what changed from which value to which, and why.

Plain functions over plain values. The selector (projects.history_selectors) turns
django-simple-history records into ``Snapshot``s and the step log (FilingEvent) into
``StepRecord``s; this module compares consecutive snapshots of one object, pairs a filing's
changes with the step that made them (a submit and the figures it submitted are one entry),
and says the recorded reasons in words. Nothing here reads the database or the clock.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A step and the filing record its service wrote belong to one transaction: their clocks are
# read microseconds apart. A generous window still never reaches the next step of a report,
# which is a person's next click.
PAIR_WINDOW = timedelta(seconds=5)

# The dotted codes the services write as a change reason (STYLE.md §9), as people read them.
# Free-text reasons (a correction's, a reopening's) are shown as written.
REASONS = {
    "tuijin.report.save": gettext_lazy("Draft saved"),
    "tuijin.report.submit": gettext_lazy("Submitted"),
    "tuijin.report.approve": gettext_lazy("Approved"),
    "tuijin.report.return": gettext_lazy("Returned"),
    "tuijin.report.reopen": gettext_lazy("Reopened"),
    "tuijin.report.corrected": gettext_lazy("Corrected by the city office"),
    "tuijin.report.uncounted": gettext_lazy("No longer counted"),
    "tuijin.report.adopted": gettext_lazy("Taken into the reporting cycle as approved"),
    "tuijin.import.reports": gettext_lazy("Imported from a spreadsheet"),
    "tuijin.import.reports.moved": gettext_lazy(
        "Moved by an imported correction of an earlier month"),
    "tuijin.import.projects": gettext_lazy("Imported from the project library spreadsheet"),
    "tuijin.plan.imported": gettext_lazy("Loaded with the plan"),
    "tuijin.period.opened": gettext_lazy("Month opened for reporting"),
    "tuijin.period.locked": gettext_lazy("Month locked"),
}

CREATED, CHANGED, DELETED = "+", "~", "-"
EMPTY = "—"


def reason_text(reason: str | None) -> str:
    """A recorded reason in words: a known code translated, anything else as written."""
    reason = (reason or "").strip()
    return str(REASONS[reason]) if reason in REASONS else reason


@dataclass(frozen=True)
class Field:
    """A field shown in the history: its name in the snapshot, its label, how a value reads."""

    name: str
    label: str
    show: Callable[[Any], str] = str


@dataclass(frozen=True)
class Snapshot:
    """One history record of one object, as plain values (``kind``: + created, ~ changed,
    - deleted; ``order`` breaks ties between records of the same instant)."""

    at: datetime
    who: str
    kind: str
    reason: str
    values: Mapping[str, Any]
    order: int = 0


@dataclass(frozen=True)
class StepRecord:
    """One step of a filing's log (projects.models.FilingEvent) as plain values."""

    at: datetime
    who: str
    action: str
    action_label: str
    from_label: str
    to_label: str
    comment: str
    order: int = 0


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    """One line of the history: ``kind`` is project, report (the counted figures the
    dashboards read), filing (the owner's report in the cycle), step or photo."""

    at: datetime
    who: str
    kind: str
    what: str
    month: int | None = None
    changes: tuple[Change, ...] = ()
    reason: str = ""
    states: tuple[str, str] | None = None
    order: tuple = field(default=(), compare=False)


def _shown(spec: Field, value) -> str:
    if value is None or value == "":
        return EMPTY
    return spec.show(value)


def changes_between(previous: Snapshot | None, current: Snapshot,
                    fields: Sequence[Field]) -> tuple[Change, ...]:
    """What ``current`` changed after ``previous`` (None: nothing before it), field by field:
    a creation lists what it filled, a deletion what it removed."""
    changes = []
    for spec in fields:
        new = None if current.kind == DELETED else current.values.get(spec.name)
        if current.kind == DELETED:
            old = current.values.get(spec.name)
        else:
            old = previous.values.get(spec.name) if previous is not None else None
        if _same(old, new):
            continue
        changes.append(Change(spec.label, _shown(spec, old), _shown(spec, new)))
    return tuple(changes)


def _same(old, new) -> bool:
    # An empty text and no value read the same: "" → None is no change to a reader.
    if old in (None, "") and new in (None, ""):
        return True
    return old == new


@dataclass(frozen=True)
class Diff:
    """A snapshot with what it changed since the one before it."""

    snapshot: Snapshot
    changes: tuple[Change, ...]


def diffs(snapshots: Iterable[Snapshot], fields: Sequence[Field]) -> list[Diff]:
    """Consecutive snapshots of ONE object, oldest first, each with what it changed."""
    ordered = sorted(snapshots, key=lambda s: (s.at, s.order))
    result, previous = [], None
    for snapshot in ordered:
        result.append(Diff(snapshot, changes_between(previous, snapshot, fields)))
        previous = snapshot
    return result


def record_entries(items: Iterable[Diff], *, kind: str, month: int | None,
                   titles: Mapping[str, str]) -> list[Entry]:
    """Entries for records that changed something a reader sees (a save that changed no shown
    field, such as a resubmission of the same figures, is left out); ``titles`` by record
    kind (+ ~ -)."""
    return [
        Entry(at=d.snapshot.at, who=d.snapshot.who, kind=kind, what=titles[d.snapshot.kind],
              month=month, changes=d.changes, reason=reason_text(d.snapshot.reason),
              order=(d.snapshot.order,))
        for d in items if d.changes or d.snapshot.kind == DELETED
    ]


PHOTO_ACTIONS = ("photo_added", "photo_removed")


def step_title(action: str, label: str) -> str:
    """A step as something done ("Submitted"), not the button that did it ("Submit")."""
    return reason_text(f"tuijin.report.{action}") if f"tuijin.report.{action}" in REASONS \
        else label


def _pairs(step: StepRecord, snapshot: Snapshot) -> bool:
    """Whether ``snapshot`` is the filing record the service wrote for ``step``: the cycle's
    services record a step's code as the reason (``tuijin.report.submit``), a reopening its
    reason; the same person, within PAIR_WINDOW."""
    if snapshot.who != step.who or abs(snapshot.at - step.at) > PAIR_WINDOW:
        return False
    return snapshot.reason in (f"tuijin.report.{step.action}", step.comment.strip())


def filing_entries(items: Sequence[Diff], steps: Sequence[StepRecord], *,
                   month: int, photo_label: str) -> list[Entry]:
    """One month's filing: each step as an entry carrying the changes its service made to the
    filing; changes no step accounts for (a report taken into the cycle) as entries of their
    own. A photo step reads as the photo's file name appearing or disappearing."""
    unused = list(items)
    entries = []
    for step in sorted(steps, key=lambda s: (s.at, s.order)):
        if step.action in PHOTO_ACTIONS:
            added = step.action == PHOTO_ACTIONS[0]
            name = step.comment or EMPTY
            entries.append(Entry(
                at=step.at, who=step.who, kind="photo", what=step.action_label, month=month,
                changes=(Change(photo_label, EMPTY if added else name,
                                name if added else EMPTY),),
                order=(step.order,)))
            continue
        # The service saves the filing, then records the step: the nearest record before it.
        match = min((d for d in unused if _pairs(step, d.snapshot)),
                    key=lambda d: (d.snapshot.at > step.at, abs(d.snapshot.at - step.at)),
                    default=None)
        if match is not None:
            unused.remove(match)
        entries.append(Entry(
            at=step.at, who=step.who, kind="step", what=step.action_label, month=month,
            changes=match.changes if match else (), reason=reason_text(step.comment),
            states=(step.from_label, step.to_label) if step.from_label != step.to_label
            else None, order=(step.order,)))
    entries += record_entries(unused, kind="filing", month=month, titles={
        CREATED: _("Report of month %(month)s created") % {"month": month},
        CHANGED: _("Report of month %(month)s changed") % {"month": month},
        DELETED: _("Report of month %(month)s deleted") % {"month": month}})
    return entries


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """The history's order: newest first; of one instant, the later record first."""
    kinds = {"project": 0, "filing": 1, "step": 2, "photo": 2, "report": 3}
    return sorted(entries, key=lambda e: (e.at, kinds.get(e.kind, 0), e.order), reverse=True)
