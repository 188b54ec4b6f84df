"""Reads of the responsible bureaus' reports: the items of a plan a reader's month lists (a
bureau's own, or every bureau's for the city office and the leaders), each with its report for
the month, and one item looked up for a page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404

from tuijin.accounts.permissions import (
    bureau_organisation_id,
    deny_unless,
    may_view_bureau_reports,
)
from tuijin.accounts.scopes import scope_for
from tuijin.plans.models import Indicator, KeyTask, Measure
from tuijin.projects.bureau import Subject, entry_unit
from tuijin.projects.models import BureauReport


@dataclass
class BureauRow:
    """One item on a bureau's month: what it is, its report for the month (or none yet), and
    the unit its value is typed in (indicators)."""

    subject: str
    item: Indicator | KeyTask | Measure
    report: BureauReport | None
    unit: str = ""

    @property
    def state(self) -> str | None:
        return self.report.state if self.report is not None else None

    @property
    def lead_unit(self):
        return self.item.owner if self.subject == Subject.INDICATOR else self.item.lead_unit


def _items(plan, organisation_id: int | None):
    """The plan's reportable items: manual indicators with a responsible unit, key works and
    measures with a lead unit; only ``organisation_id``'s when given."""
    indicators = (Indicator.objects.filter(plan=plan, source=Indicator.Source.MANUAL,
                                           owner__isnull=False)
                  .select_related("owner").prefetch_related("targets"))
    tasks = KeyTask.objects.filter(plan=plan, lead_unit__isnull=False).select_related("lead_unit")
    measures = (Measure.objects.filter(key_task__plan=plan, lead_unit__isnull=False)
                .select_related("lead_unit", "key_task").order_by("key_task__number", "number"))
    if organisation_id is not None:
        indicators = indicators.filter(owner_id=organisation_id)
        tasks = tasks.filter(lead_unit_id=organisation_id)
        measures = measures.filter(lead_unit_id=organisation_id)
    return ([(Subject.INDICATOR, i) for i in indicators.order_by("number", "code")]
            + [(Subject.KEY_TASK, t) for t in tasks.order_by("number")]
            + [(Subject.MEASURE, m) for m in measures])


def bureau_rows_visible_to(user, *, plan, month: int, states=None) -> list[BureauRow]:
    """The items on ``user``'s bureau month with their reports for ``month``: a bureau's own
    items, every bureau's for the city office and the leaders, nothing for anyone else. With
    ``states``, only rows in those (None stands for "not filed")."""
    scope_for(user)  # no user, no rows: raises TypeError
    if not may_view_bureau_reports(user, plan):
        return []
    items = _items(plan, bureau_organisation_id(user))
    reports = {}
    for report in BureauReport.objects.filter(plan=plan, month=month).select_related(
            "submitted_by", "reviewed_by"):
        key = (Subject.INDICATOR, report.indicator_id) if report.indicator_id else (
            (Subject.KEY_TASK, report.key_task_id) if report.key_task_id
            else (Subject.MEASURE, report.measure_id))
        reports[key] = report
    rows = []
    for subject, item in items:
        unit = (entry_unit(unit=item.unit, bases=[t.basis for t in item.targets.all()])
                if subject == Subject.INDICATOR else "")
        rows.append(BureauRow(subject, item, reports.get((subject, item.pk)), unit))
    if states is not None:
        rows = [row for row in rows if row.state in states]
    return rows


def bureau_item_for_user(user, *, plan, subject: str, pk: int,
                         require: Callable[..., bool] | None = None):
    """The plan's indicator, key work or measure ``pk`` (``subject`` as in the URL): 404 when
    the plan has no such item; with ``require`` (a rule of accounts.permissions taking the
    actor and the item), 403 when the user may not act on it that way."""
    scope_for(user)
    model = {Subject.INDICATOR: Indicator, Subject.KEY_TASK: KeyTask,
             Subject.MEASURE: Measure}.get(subject)
    if model is None:
        raise Http404
    plan_filter = {"key_task__plan": plan} if model is Measure else {"plan": plan}
    item = model.objects.filter(pk=pk, **plan_filter).first()
    if item is None:
        raise Http404
    if require is not None:
        deny_unless(require(user, item))
    return item


def bureau_report_of(item, month: int) -> BureauReport | None:
    field = {Indicator: "indicator", KeyTask: "key_task", Measure: "measure"}[type(item)]
    return (BureauReport.objects.filter(month=month, **{field: item})
            .select_related("submitted_by", "reviewed_by", "updated_by").first())

