"""The month's reports import's rows (issue 3, issue 9): the month the sheet is for, each row's
figures checked by the one rule of report writes (projects/rules.py) against the project's
earlier and later months, and the reports written through the reporting cycle."""

from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import may_manage_plan
from tuijin.accounts.scopes import Scope, acting_user
from tuijin.core.errors import InputError
from tuijin.core.periods import Period
from tuijin.projects.bulk import insert_with_history, update_with_history
from tuijin.projects.cycle import is_counted
from tuijin.projects.cycle_services import filings_record_import, import_state
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.rules import completion_share, report_write_plan, shift_summary
from tuijin.projects.services import REPORT_TEXT_FIELDS, report_figures
from tuijin.projects.spreadsheets.layout import Layout, cell_text
from tuijin.projects.spreadsheets.matching import ProjectMatcher
from tuijin.projects.spreadsheets.results import ImportResult, RowChange, display
from tuijin.projects.spreadsheets.rows import Row, RowReader


def report_month(plan, period: Period | None, layout: Layout, result: ImportResult) -> int | None:
    """The month the sheet is for: ``period`` if given, else the month its header names
    (「1-6月完成投资」); None, with the error in ``result``, when they disagree, the month is
    not of the plan's year or neither says."""
    named = [(c, c.month) for c in layout.columns.values() if c.month is not None]
    if period is not None and period.year != plan.year:
        result.errors.append(InputError(
            _("%(period)s is not in the plan's year %(year)s.")
            % {"period": period, "year": plan.year},
            hint=_("Give a month of %(year)s, such as %(year)s-06.") % {"year": plan.year},
            field="month", value=str(period)))
        return None
    for column, month in named:
        if not 1 <= month <= 12:
            result.errors.append(InputError(
                _("The header names month %(month)s, which does not exist.") % {"month": month},
                hint=_("Correct the header, e.g. 1-6月完成投资."), sheet=layout.sheet.name,
                row=layout.sheet.excel_row(layout.header_bottom), column=column.header))
            return None
        if period is not None and month != period.month:
            result.errors.append(InputError(
                _("The column is for month %(header)s but the import is for %(period)s.")
                % {"header": month, "period": period},
                hint=_("Import the file for month %(header)s, or use the sheet of %(period)s.")
                % {"header": month, "period": period},
                sheet=layout.sheet.name, row=layout.sheet.excel_row(layout.header_bottom),
                column=column.header))
            return None
    if period is not None:
        return period.month
    if named:
        return named[0][1]
    result.errors.append(InputError(
        _("The month of the reports is not known."),
        hint=_("Give the month (for example --month %(year)s-06), or head the column "
               "1-6月完成投资.") % {"year": plan.year}, field="month"))
    return None


def plan_reports(plan, month: int, rows: list[Row], layout: Layout, reader: RowReader,
                  result: ImportResult, scope: Scope):
    """The reports to create, to correct and the later months a correction moves, as
    (new, changed, shifted): each row matched to a project in the scope and its figures
    checked by projects.rules.report_write_plan, errors in ``result`` with their row and
    column. Reads the projects and their reports; writes nothing."""
    columns = layout.columns
    projects = list(Project.objects.filter(plan=plan).filter(scope.project_filter())
                    .only("id", "code", "name", "district_id", "owner_id", "annual_plan_wan"))
    # The projects are those of the scope already, so the matcher's check never refuses one.
    matcher = ProjectMatcher(projects, rows=rows, columns=columns, scope=scope)
    history: dict[int, list[MonthlyReport]] = {}
    for report in MonthlyReport.objects.filter(project__plan=plan).filter(
            scope.project_filter("project__")).order_by("month"):
        history.setdefault(report.project_id, []).append(report)
    new, changed, shifted = [], [], []
    text_fields = [k for k in REPORT_TEXT_FIELDS if k in columns]
    for row in rows:
        v = row.values
        number = row.number
        try:
            project = matcher.existing(row)
        except InputError as exc:
            reader.error(exc, row=number)
            continue
        if project is None:
            continue
        cumulative = v.get("cumulative_wan")
        month_figure = v.get("investment_month_wan")
        if cumulative is None and month_figure is None:
            if not any(cell_text(row.raw.get(k)) for k in ("cumulative_wan",
                                                           "investment_month_wan")):
                result.skipped += 1
            continue
        reports = history.get(project.pk, [])
        column = columns.get("cumulative_wan") or columns.get("investment_month_wan")
        try:
            plan_ = report_write_plan(month=month, investment_month=month_figure,
                                      cumulative=cumulative, reports=report_figures(reports))
        except InputError as exc:
            key = exc.field if exc.field in columns else column.field
            reader.error(exc, row=number, column=columns[key], value=row.raw.get(key))
            continue
        month_figure = plan_.figures.investment_month_wan
        cumulative = plan_.figures.cumulative_wan
        if plan_.moves_later_months:
            by_month = {r.month: r for r in reports}
            for moved in plan_.later:
                later_report = by_month[moved.month]
                later_report.cumulative_wan = moved.cumulative_wan
                shifted.append(later_report)
            reader.warn(shift_summary(plan_), row=number)
        label = f"{project.name} ({project.code})" if project.code else project.name
        existing = next((r for r in reports if r.month == month), None)
        figures = {"investment_month_wan": month_figure, "cumulative_wan": cumulative,
                   **{k: v.get(k, "") for k in text_fields}}
        row_dict = {"row": number, "project": project.code or project.name,
                    **{k: display(x) for k, x in figures.items()}}
        if existing is None:
            report = MonthlyReport(project=project, month=month, **figures)
            new.append(report)
            result.changes.append(RowChange(number, "new", label))
            result.rows.append({"status": "new", **row_dict})
            continue
        changes = {k: (display(getattr(existing, k)), display(x)) for k, x in figures.items()
                   if display(getattr(existing, k)) != display(x)}
        if changes:
            for k, x in figures.items():
                setattr(existing, k, x)
            changed.append(existing)
        status = "changed" if changes else "unchanged"
        result.changes.append(RowChange(number, status, label, changes))
        result.rows.append({"status": status, **row_dict})
    return new, changed, shifted


def write_reports(plan, month: int, new: list, changed: list, shifted: list, *, user,
                  scope: Scope) -> None:
    """Write the reports plan_reports planned, through the reporting cycle, with history."""
    history_user = acting_user(user)
    now = timezone.now()
    user_id = history_user.pk if history_user else None
    # The reporting cycle: a district's rows are submitted for review, the city office's
    # approved (projects.cycle_services.import_state).
    state = import_state(plan=plan, month=month, is_city_office=may_manage_plan(scope))
    if state is not None:
        filings_record_import(plan=plan, month=month, reports=[*new, *changed],
                              state=state, user=history_user, now=now)
        if not is_counted(state, plan.counted_report_states):
            new = changed = shifted = []
    # completion and planned_wan as the triggers set them, so SQLite's need not rewrite
    # each new report (projects migration 0011).
    columns = ["project_id", "month", "investment_month_wan", "cumulative_wan",
               *REPORT_TEXT_FIELDS, "submitted_at", "submitted_by_id", "completion",
               "planned_wan"]
    insert_with_history(MonthlyReport, columns, [
        [r.project_id, r.month, r.investment_month_wan, r.cumulative_wan, r.progress_text,
         r.blockers, r.help_requested, now, user_id,
         completion_share(cumulative_wan=r.cumulative_wan,
                          planned_wan=r.project.annual_plan_wan),
         r.project.annual_plan_wan]
        for r in new], now=now, user_id=user_id, reason="tuijin.import.reports")
    update_with_history(MonthlyReport, changed,
                        ["investment_month_wan", "cumulative_wan", *REPORT_TEXT_FIELDS],
                        now=now, user_id=user_id, reason="tuijin.import.reports")
    # Later months moved by a correction of this month (projects.rules.report_write_plan).
    update_with_history(MonthlyReport, shifted, ["cumulative_wan"], now=now,
                        user_id=user_id, reason="tuijin.import.reports.moved")
