"""Import the project library and a month's reports from a spreadsheet (issue 3).

Every row is read and checked before anything is written; every bad cell is collected with its
sheet, row (as Excel numbers it), column header, value, what is wrong and how to fix it. If any
error remains nothing is written. Otherwise all writes happen in one transaction, as an
idempotent upsert: the same file imported twice changes nothing the second time.

This module holds the two public entries; the work is split by concept:
  results.py       what an import reports back (ImportResult, RowChange);
  rows.py          the workbook opened, its data rows told from sections, totals and notes;
  cells.py         the cells parsed a column at a time (amounts, dates, codes, text, yes/no);
  matching.py      which project a row is about (系统编号, code, name and district);
  project_rows.py  the library: rows checked and matched, owners found, projects written;
  report_rows.py   the month's reports: the month, the rule of report writes, the cycle.
"""

import contextlib
import gc
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import may_import_projects, may_import_reports, may_manage_plan
from tuijin.accounts.scopes import Scope, scope_for
from tuijin.core.errors import InputError
from tuijin.core.periods import Period
from tuijin.core.statistics import refresh_after_bulk_write
from tuijin.projects.cycle_services import import_month_check
from tuijin.projects.spreadsheets.project_rows import plan_projects, write_projects
from tuijin.projects.spreadsheets.report_rows import plan_reports, report_month, write_reports
from tuijin.projects.spreadsheets.results import PROJECTS, REPORTS, ImportResult
from tuijin.projects.spreadsheets.rows import RowReader, open_sheet, require_columns

# The names the views, the forms and the command import from here.
__all__ = ["PROJECTS", "REPORTS", "ImportResult", "projects_import", "reports_import"]


def _scope(user, plan, may_import) -> Scope:
    """The importer's scope. ``user`` is a user or a Scope (the command line passes
    ``Scope.city_wide_for_system()``); None raises TypeError rather than meaning the whole
    city, and a role that may not import (``may_import``, from accounts.permissions) raises
    PermissionDenied, whichever interface called."""
    scope = scope_for(user)
    if not may_import(scope, plan):
        raise PermissionDenied(_("This account may not import into %(plan)s.")
                               % {"plan": plan.slug})
    return scope


@contextlib.contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while an import runs: it builds a few hundred
    thousand objects that all live until it ends, and every pass of the collector would walk
    them again (a tenth of the time of a large import). Reference counting still frees what is
    dropped; cycles wait for the collector to resume."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collector_paused()
def projects_import(
    *,
    plan,
    source: str | Path | BinaryIO,
    filename: str = "",
    user,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Upsert the plan's project library from a spreadsheet.

    Matches a row to a project by its 系统编号, else national project code, else name and
    district (spreadsheets/matching.py), and refuses a row that would make twins
    (projects/identity.py). Writes nothing when any row has an error, or with ``dry_run``;
    otherwise creates missing owner organisations (in the row's district), creates and updates
    projects in one transaction and records each change in the projects' history. ``user`` is
    the importing user, or a Scope (``Scope.city_wide_for_system()`` for the command line,
    which acts for the whole city); a district user may only import their own district's rows,
    other roles get PermissionDenied. Returns the result; never raises for bad input (its
    errors are in ``result.errors``).
    """
    result = ImportResult(kind=PROJECTS, plan=plan.slug, file=Path(filename or str(source)).name,
                          dry_run=dry_run)
    layout = open_sheet(source, filename, mapping, result)
    if layout is None:
        return result
    if not require_columns(layout, result, [("name",), ("district",), ("total_investment_wan",),
                                            ("annual_plan_wan",)]):
        return result
    scope = _scope(user, plan, may_import_projects)
    reader = RowReader(layout=layout, plan=plan, scope=scope, result=result, progress=progress)
    with transaction.atomic():
        rows = reader.rows()
        writes = plan_projects(plan, rows, layout, reader, result, scope)
        if result.errors or dry_run:
            return result
        write_projects(plan, writes, user, result)
        result.written = True
    refresh_after_bulk_write()
    return result


@_collector_paused()
def reports_import(
    *,
    plan,
    source: str | Path | BinaryIO,
    filename: str = "",
    period: Period | None = None,
    user,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import a month's reports from the progress sheet (「1-M月完成投资」) or a report template.

    The cumulative column is January to the month; the month's own figure is derived from the
    latest earlier report (projects/rules.py: cumulative = previous cumulative + this month).
    A 「本月完成投资」 column, when present, must agree. Projects must already be in the plan
    (matched by code, else name and district). ``period`` may be omitted when the header names
    the month. Writes nothing on any error or with ``dry_run``; otherwise creates and corrects
    reports in one transaction, each change recorded in the reports' history. ``user`` is the
    importing user, or a Scope (``Scope.city_wide_for_system()`` for the command line); a
    district user may only import their own district's rows, other roles get PermissionDenied.
    """
    result = ImportResult(kind=REPORTS, plan=plan.slug, file=Path(filename or str(source)).name,
                          dry_run=dry_run)
    layout = open_sheet(source, filename, mapping, result)
    if layout is None:
        return result
    if not require_columns(layout, result, [("code", "name"),
                                            ("cumulative_wan", "investment_month_wan")]):
        return result
    month = report_month(plan, period, layout, result)
    if month is None:
        return result
    result.month = month
    scope = _scope(user, plan, may_import_reports)
    try:
        import_month_check(plan=plan, month=month, is_city_office=may_manage_plan(scope))
    except InputError as exc:
        result.errors.append(exc)
        return result
    reader = RowReader(layout=layout, plan=plan, scope=scope, result=result, progress=progress)
    with transaction.atomic():
        rows = reader.rows()
        new, changed, shifted = plan_reports(plan, month, rows, layout, reader, result, scope)
        if result.errors or dry_run:
            return result
        write_reports(plan, month, new, changed, shifted, user=user, scope=scope)
        result.written = True
    refresh_after_bulk_write()
    return result
