"""Reading a project's history (issue 10 §7): its own changes, the counted figures of every
month (MonthlyReport, what the dashboards read), each month's report in the cycle
(ReportFiling) and its steps (FilingEvent: submitted, returned, approved, reopened, photos added
and removed), newest first. Readable by whoever may see the project; nobody writes it.

The records come from django-simple-history and the step log; projects.history compares and
words them. People are shown by name only (full name, else user name): a history record's user
is looked up for that and nothing else of the account is read.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tuijin.core.models import Division, Organisation
from tuijin.core.money import grouped_amount
from tuijin.plans.models import Domain
from tuijin.projects.cycle import FilingState, state_label
from tuijin.projects.history import (
    CHANGED,
    CREATED,
    DELETED,
    Entry,
    Field,
    Snapshot,
    StepRecord,
    diffs,
    filing_entries,
    newest_first,
    record_entries,
    step_title,
)
from tuijin.projects.models import FilingEvent, MonthlyReport, Project, ReportFiling
from tuijin.projects.selectors import project_for_user

REPORT_FIELDS = ("investment_month_wan", "cumulative_wan", "progress_text", "blockers",
                 "help_requested")
PROJECT_FIELDS = ("code", "name", "domain", "district", "owner", "is_industrial", "nature",
                  "description", "total_investment_wan", "annual_plan_wan", "planned_signed_on",
                  "planned_started_on", "planned_in_production_on", "actual_signed_on",
                  "actual_started_on", "actual_in_production_on")


@dataclass(frozen=True)
class ProjectHistory:
    project: Project
    entries: list[Entry]


def project_history_for(user, pk: int, *, month: int | None = None) -> ProjectHistory:
    """The history of project ``pk`` for ``user`` (404 outside their scope, as the project
    itself): every entry, newest first; with ``month``, only that month's report (its counted
    figures, its filing and steps)."""
    project = project_for_user(user, pk)
    records = _Records(project, month)
    names = _user_names(records.user_ids())
    entries = []
    if month is None:
        entries += _project_entries(records.project, names)
    entries += _report_entries(records.reports, names)
    entries += _filing_entries(records.filings, records.events, names)
    return ProjectHistory(project=project, entries=newest_first(entries))


class _Records:
    """The history rows of one project (or one month of it), read once each."""

    def __init__(self, project: Project, month: int | None):
        by_month = {} if month is None else {"month": month}
        self.project = (list(Project.history.filter(id=project.pk)) if month is None else [])
        self.reports = list(MonthlyReport.history.filter(project_id=project.pk, **by_month))
        self.filings = list(ReportFiling.history.filter(project_id=project.pk, **by_month))
        self.events = list(FilingEvent.objects.filter(
            filing__project_id=project.pk,
            **{f"filing__{k}": v for k, v in by_month.items()}).select_related("filing")
            .only("id", "action", "from_state", "to_state", "at", "by_id", "comment",
                  "filing__month"))

    def user_ids(self) -> set[int]:
        ids = {r.history_user_id for r in (*self.project, *self.reports, *self.filings)}
        ids |= {e.by_id for e in self.events}
        return ids - {None}


def _user_names(ids: set[int]) -> dict[int | None, str]:
    # Only the name columns: nothing else of an account (no password hash) is loaded.
    users = get_user_model().objects.filter(pk__in=ids).only("id", "username", "full_name")
    names = {u.pk: u.get_full_name() or u.username for u in users}
    names[None] = _("System")
    return names


def _snapshot(record, names, fields) -> Snapshot:
    return Snapshot(at=record.history_date, who=names.get(record.history_user_id, "—"),
                    kind=record.history_type, reason=record.history_change_reason or "",
                    values={f: getattr(record, _attname(record, f)) for f in fields},
                    order=record.history_id)


def _attname(record, name: str) -> str:
    return record._meta.get_field(name).attname


def _label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _amount(value) -> str:
    return grouped_amount(value)


def _date(value) -> str:
    return value.isoformat()


def _yes_no(value) -> str:
    return _("yes") if value else _("no")


def _text(value) -> str:
    return str(value)


def _report_fields(model) -> list[Field]:
    return [Field(name, _label(model, name), _amount if name.endswith("_wan") else _text)
            for name in REPORT_FIELDS]


def _project_fields(records) -> list[Field]:
    """The project's fields, related rows shown by name (one query each for the ids seen)."""
    def names_of(model, name):
        ids = {getattr(r, f"{name}_id") for r in records} - {None}
        table = dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))
        return lambda pk: table.get(pk, f"#{pk}")

    natures = dict(Project.Nature.choices)
    shows = {"domain": names_of(Domain, "domain"), "district": names_of(Division, "district"),
             "owner": names_of(Organisation, "owner"),
             "nature": lambda value: str(natures.get(value, value)),
             "is_industrial": _yes_no}
    fields = []
    for name in PROJECT_FIELDS:
        if name in shows:
            show = shows[name]
        elif name.endswith("_wan"):
            show = _amount
        elif name.endswith("_on"):
            show = _date
        else:
            show = _text
        fields.append(Field(name, _label(Project, name), show))
    return fields


def _project_entries(records, names) -> list[Entry]:
    if not records:
        return []
    fields = _project_fields(records)
    snapshots = [_snapshot(r, names, [f.name for f in fields]) for r in records]
    return record_entries(diffs(snapshots, fields), kind="project", month=None, titles={
        CREATED: _("Project created"), CHANGED: _("Project changed"),
        DELETED: _("Project deleted")})


def _report_entries(records, names) -> list[Entry]:
    """The counted figures, per report (a withdrawn and re-entered month is two reports)."""
    fields = _report_fields(MonthlyReport)
    by_report = defaultdict(list)
    for record in records:
        by_report[record.id].append(record)
    entries = []
    for rows in by_report.values():
        month = rows[0].month
        snapshots = [_snapshot(r, names, REPORT_FIELDS) for r in rows]
        entries += record_entries(diffs(snapshots, fields), kind="report", month=month, titles={
            CREATED: _("Counted figures of month %(month)s entered") % {"month": month},
            CHANGED: _("Counted figures of month %(month)s changed") % {"month": month},
            DELETED: _("Counted figures of month %(month)s withdrawn") % {"month": month}})
    return entries


def _state(value: str) -> str:
    return state_label(value) if value in FilingState.values else state_label(None)


def _filing_entries(records, events, names) -> list[Entry]:
    fields = _report_fields(ReportFiling)
    by_month_records, by_month_steps = defaultdict(list), defaultdict(list)
    for record in records:
        by_month_records[record.month].append(_snapshot(record, names, REPORT_FIELDS))
    for event in events:
        by_month_steps[event.filing.month].append(StepRecord(
            at=event.at, who=names.get(event.by_id, "—"), action=event.action,
            action_label=step_title(event.action, event.get_action_display()),
            from_label=_state(event.from_state), to_label=_state(event.to_state),
            comment=event.comment, order=event.pk))
    entries = []
    for month in sorted(set(by_month_records) | set(by_month_steps)):
        entries += filing_entries(diffs(by_month_records[month], fields),
                                  by_month_steps[month], month=month, photo_label=_("Photo"))
    return entries
