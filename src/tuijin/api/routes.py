"""The endpoints. Each one resolves the plan or project through the scoped selectors with a
rule of accounts.permissions (outside the scope 404, in scope without the right 403), calls
one selector or service, and shapes the answer (STYLE.md §4)."""

import math
from dataclasses import asdict

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router

from tuijin.accounts.permissions import (
    may_file_report,
    may_manage_periods,
    may_reopen_report,
    may_review_report,
    may_take_problem_step,
)
from tuijin.accounts.scopes import scope_for
from tuijin.api.errors import unknown_query_check
from tuijin.api.ratelimit import write_check
from tuijin.api.schemas import (
    CountedOut,
    DomainOut,
    ErrorOut,
    MeOut,
    PeriodOpenIn,
    PeriodOut,
    PeriodReopenIn,
    PlanContentOut,
    PlanDetailOut,
    PlanOut,
    ProblemFiltersIn,
    ProblemOut,
    ProblemPage,
    ProblemStepIn,
    ProblemSummaryQuery,
    ProgressQuery,
    ProjectFilters,
    ProjectOut,
    ProjectPage,
    RankingsOut,
    RankingsQuery,
    ReportIn,
    ReportOut,
    ReportReopenIn,
    ReviewIn,
    wan_text,
)
from tuijin.core.errors import InputError
from tuijin.core.money import parse_amount
from tuijin.core.periods import Period, period_in_year
from tuijin.plans.selectors import plan_for_user, plan_overview, plans_visible_to
from tuijin.problems.rules import deadline_light
from tuijin.problems.selectors import (
    ProblemFilters,
    problem_for_user,
    problems_filtered,
    problems_visible_to,
)
from tuijin.problems.services import problem_step
from tuijin.problems.summary import problem_summary
from tuijin.progress.dashboard import dashboard_as_dict
from tuijin.progress.selectors import dashboard_for, district_for_user, month_shown
from tuijin.projects.cycle import FilingState
from tuijin.projects.cycle_selectors import periods_of
from tuijin.projects.cycle_services import (
    FilingInput,
    filing_reopen_for,
    filing_review,
    filing_save,
    period_lock,
    period_open,
    period_reopen,
)
from tuijin.projects.models import MonthlyReport, Project, ReportFiling
from tuijin.projects.selectors import (
    project_for_user,
    project_list_filtered,
    projects_visible_to,
)

router = Router()

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


# A write may also meet a body that is not JSON (400), a report in the wrong state (409) or
# the caller's write limit (429, api.ratelimit).
WRITE = {200: ReportOut, 400: ErrorOut, 409: ErrorOut, 429: ErrorOut, **ERRORS}


def _read(schema) -> dict:
    return {200: schema, **ERRORS}


# ------------------------------------------------------------------------------ who and plans


@router.get("/me", response=_read(MeOut), url_name="me", tags=["account"])
def me(request):
    """The user the token (or session) acts as."""
    user = request.auth
    return MeOut(username=user.username, full_name=user.full_name, role=user.role,
                 is_city_wide=scope_for(user).is_city_wide)


def _plan_out(plan) -> dict:
    return {"slug": plan.slug, "name": plan.name, "year": plan.year, "region": plan.region.code}


@router.get("/plans", response=_read(list[PlanOut]), url_name="plan_list", tags=["plans"])
def plan_list(request):
    """The plans the user may open, latest year first."""
    return [_plan_out(p) for p in
            plans_visible_to(request.auth).select_related("region").order_by("-year", "slug")]


@router.get("/plans/{slug}", response=_read(PlanDetailOut), url_name="plan_detail",
            tags=["plans"])
def plan_detail(request, slug: str):
    plan = plan_for_user(request.auth, slug)
    return {**_plan_out(plan), "domains": [
        DomainOut(code=d.code, name=d.name, number=d.number)
        for d in plan.domains.order_by("number")]}


@router.get("/plans/{slug}/periods", response=_read(list[PeriodOut]), url_name="period_list",
            tags=["reports"])
def period_list(request, slug: str):
    """The plan's reporting months: open or locked, with the due date."""
    plan = plan_for_user(request.auth, slug)
    return [PeriodOut(month=str(Period(plan.year, p.month)), state=p.state, due_on=p.due_on,
                      opened_at=p.opened_at, locked_at=p.locked_at) for p in periods_of(plan)]


@router.get("/plans/{slug}/progress", response=_read(dict), url_name="plan_progress",
            tags=["progress"])
def plan_progress(request, slug: str, query: Query[ProgressQuery]):
    """The month's dashboard figures (the same function as the dashboard pages), for the
    user's scope, or one district's (``district``). Amounts in 万元, rates as fractions."""
    unknown_query_check(request, ProgressQuery)
    plan = plan_for_user(request.auth, slug)
    district = (district_for_user(request.auth, plan=plan, code=query.district)
                if query.district else None)
    period = month_shown(request.auth, plan=plan, asked=query.month,
                         today=timezone.localdate())
    return dashboard_as_dict(dashboard_for(request.auth, plan=plan, period=period,
                                           district=district))


# ------------------------------------------------------------------------------ projects


def _project_out(p: Project) -> dict:
    return {
        "id": p.pk, "code": p.code, "name": p.name, "plan": p.plan.slug,
        "domain": p.domain.code if p.domain_id else None,
        "district": p.district.code if p.district_id else None,
        "district_name": p.district.display_name if p.district_id else None,
        "owner": p.owner.name if p.owner_id else None, "nature": p.nature,
        "is_industrial": p.is_industrial,
        "total_investment_wan": wan_text(p.total_investment_wan),
        "annual_plan_wan": wan_text(p.annual_plan_wan), "description": p.description,
        "planned_started_on": p.planned_started_on, "actual_started_on": p.actual_started_on,
    }


@router.get("/plans/{slug}/projects", response=_read(ProjectPage), url_name="project_list",
            tags=["projects"])
def project_list(request, slug: str, filters: Query[ProjectFilters]):
    """The plan's projects in the user's scope, with the project list's filters, a page at a
    time (``page_size`` at most 200)."""
    unknown_query_check(request, ProjectFilters)
    plan = plan_for_user(request.auth, slug)
    queryset = project_list_filtered(
        projects_visible_to(request.auth, plan=plan), district=filters.district,
        domain=filters.domain, industrial=filters.industrial, nature=filters.nature,
        query=filters.q).select_related("plan", "domain", "district", "owner").order_by("id")
    count = queryset.count()
    start = (filters.page - 1) * filters.page_size
    rows = queryset[start:start + filters.page_size]
    return {"count": count, "page": filters.page, "page_size": filters.page_size,
            "pages": math.ceil(count / filters.page_size),
            "results": [_project_out(p) for p in rows]}


@router.get("/projects/{int:pk}", response=_read(ProjectOut), url_name="project_detail",
            tags=["projects"])
def project_detail(request, pk: int):
    return _project_out(project_for_user(request.auth, pk))


# ------------------------------------------------------------------------------ reports


def _month_of(project: Project, raw: str) -> int:
    period = period_in_year(raw, year=project.plan.year)
    assert period is not None  # a path segment is never blank
    return period.month


def _report_out(project: Project, month: int, filing: ReportFiling | None,
                counted: MonthlyReport | None) -> dict:
    source = filing or counted
    counted_out = (CountedOut(investment_month_wan=wan_text(counted.investment_month_wan),
                              cumulative_wan=wan_text(counted.cumulative_wan))
                   if counted else None)
    return {
        "project": project.pk, "month": str(Period(project.plan.year, month)),
        # A report loaded before the cycle has no filing; it counts, so it reads as approved.
        "state": filing.state if filing else FilingState.APPROVED.value,
        "version": filing.version if filing else None,
        "investment_month_wan": wan_text(source.investment_month_wan),
        "cumulative_wan": wan_text(source.cumulative_wan),
        "progress_text": source.progress_text, "blockers": source.blockers,
        "help_requested": source.help_requested,
        "is_reopened": bool(filing and filing.is_reopened),
        "review_comment": filing.review_comment if filing else "",
        "submitted_at": source.submitted_at,
        "reviewed_at": filing.reviewed_at if filing else None,
        "counted": counted_out,
    }


@router.get("/projects/{int:pk}/reports", response=_read(list[ReportOut]),
            url_name="report_list", tags=["reports"])
def report_list(request, pk: int):
    """The project's monthly reports: each month's latest report (a draft included) with the
    figures the dashboards count for it."""
    project = project_for_user(request.auth, pk)
    filings = {f.month: f for f in ReportFiling.objects.filter(project=project)}
    counted = {r.month: r for r in MonthlyReport.objects.filter(project=project)}
    return [_report_out(project, m, filings.get(m), counted.get(m))
            for m in sorted(set(filings) | set(counted))]


@router.get("/projects/{int:pk}/reports/{month}", response=_read(ReportOut),
            url_name="report_detail", tags=["reports"])
def report_detail(request, pk: int, month: str):
    project = project_for_user(request.auth, pk)
    number = _month_of(project, month)
    filing = ReportFiling.objects.filter(project=project, month=number).first()
    counted = MonthlyReport.objects.filter(project=project, month=number).first()
    if filing is None and counted is None:
        raise Http404
    return _report_out(project, number, filing, counted)


def _amount(raw: str | None, field: str):
    try:
        # 万元 unless the text says otherwise ("1.2亿"), as on the report form.
        return parse_amount(raw, unit="万元")
    except InputError as exc:
        raise exc.located(field=field) from exc


@router.put("/projects/{int:pk}/reports/{month}",
            response=WRITE, url_name="report_save",
            tags=["reports"])
def report_save(request, pk: int, month: str, data: ReportIn):
    """Save the month's report as a draft, or submit it (``submit: true``), through the
    reporting cycle: refused when the month is not open, the report is waiting for review or
    approved, or ``version`` is stale."""
    write_check(request)
    project = project_for_user(request.auth, pk, require=may_file_report)
    number = _month_of(project, month)
    filing = filing_save(
        project=project, month=number, user=request.auth, submit=data.submit,
        version=data.version, data=FilingInput(
            investment_month_wan=_amount(data.investment_month_wan, "investment_month_wan"),
            cumulative_wan=_amount(data.cumulative_wan, "cumulative_wan"),
            progress_text=data.progress_text, blockers=data.blockers,
            help_requested=data.help_requested))
    counted = MonthlyReport.objects.filter(project=project, month=number).first()
    return _report_out(project, number, filing, counted)


@router.post("/projects/{int:pk}/reports/{month}/review",
             response=WRITE, url_name="report_review",
             tags=["reports"])
def report_review(request, pk: int, month: str, data: ReviewIn):
    """Approve a submitted report, or return it with a comment its owner sees."""
    write_check(request)
    project = project_for_user(request.auth, pk, require=may_review_report)
    number = _month_of(project, month)
    filing = ReportFiling.objects.filter(project=project, month=number).first()
    if filing is None:
        raise Http404
    filing = filing_review(filing=filing, action=data.action, user=request.auth,
                           comment=data.comment, version=data.version)
    counted = MonthlyReport.objects.filter(project=project, month=number).first()
    return _report_out(project, number, filing, counted)


# ------------------------------------------------------------------------------ plan content


def _unit_name(unit) -> str | None:
    return unit.name if unit is not None else None


def _measure_out(node) -> dict:
    m = node.measure
    return {"number": m.number, "title": m.title, "text": m.text,
            "lead_unit": _unit_name(m.lead_unit), "deadline": m.deadline, "status": m.status,
            "measures": [_measure_out(child) for child in node.children]}


def _target_out(t) -> dict:
    return {"comparator": t.comparator, "value": wan_text(t.value), "unit": t.unit,
            "tolerance": wan_text(t.tolerance), "commitment": t.commitment, "basis": t.basis,
            "baseline_value": wan_text(t.baseline_value), "baseline_year": t.baseline_year,
            "wording": t.wording}


@router.get("/plans/{slug}/content", response=_read(PlanContentOut), url_name="plan_content",
            tags=["plans"])
def plan_content(request, slug: str):
    """The plan with its key works (重点工作) and their measures (举措, nested), its indicators
    (目标指标) with their targets, and its domains: the plan page's content
    (plans.selectors.plan_overview)."""
    plan = plan_for_user(request.auth, slug)
    overview = plan_overview(plan, user=request.auth)
    return {
        **_plan_out(plan),
        "domains": [DomainOut(code=d.code, name=d.name, number=d.number)
                    for d in overview.domains],
        "key_tasks": [{"number": node.key_task.number, "title": node.key_task.title,
                       "summary": node.key_task.summary,
                       "lead_unit": _unit_name(node.key_task.lead_unit),
                       "deadline": node.key_task.deadline, "status": node.key_task.status,
                       "measures": [_measure_out(m) for m in node.measures]}
                      for node in overview.key_tasks],
        "indicators": [{"code": i.code, "name": i.name, "unit": i.unit, "source": i.source,
                        "owner": _unit_name(i.owner),
                        "key_task": i.key_task.number if i.key_task_id else None,
                        "targets": [_target_out(t) for t in i.targets.all()]}
                       for i in overview.indicators],
    }


# ------------------------------------------------------------------------------ periods

PERIOD_WRITE = {200: PeriodOut, 400: ErrorOut, 429: ErrorOut, **ERRORS}


def _period_out(plan, period) -> PeriodOut:
    return PeriodOut(month=str(Period(plan.year, period.month)), state=period.state,
                     due_on=period.due_on, opened_at=period.opened_at,
                     locked_at=period.locked_at)


def _plan_month(plan, raw: str) -> int:
    period = period_in_year(raw, year=plan.year)
    assert period is not None  # a path segment is never blank
    return period.month


@router.post("/plans/{slug}/periods/{month}/open", response=PERIOD_WRITE,
             url_name="period_open", tags=["reports"])
def period_open_api(request, slug: str, month: str, data: PeriodOpenIn):
    """Open the month for reporting (the city office), due on ``due_on`` or the plan's due
    day. Refused when it is open or locked already."""
    write_check(request)
    plan = plan_for_user(request.auth, slug, require=may_manage_periods)
    period = period_open(plan=plan, month=_plan_month(plan, month), user=request.auth,
                         due_on=data.due_on)
    return _period_out(plan, period)


@router.post("/plans/{slug}/periods/{month}/lock", response=PERIOD_WRITE,
             url_name="period_lock", tags=["reports"])
def period_lock_api(request, slug: str, month: str):
    """Lock the open month: its reports change no more unless the city office reopens one."""
    write_check(request)
    plan = plan_for_user(request.auth, slug, require=may_manage_periods)
    return _period_out(plan, period_lock(plan=plan, month=_plan_month(plan, month),
                                         user=request.auth))


@router.post("/plans/{slug}/periods/{month}/reopen", response=PERIOD_WRITE,
             url_name="period_reopen", tags=["reports"])
def period_reopen_api(request, slug: str, month: str, data: PeriodReopenIn):
    """Open a locked month again for everyone, with a reason kept in its history."""
    write_check(request)
    plan = plan_for_user(request.auth, slug, require=may_manage_periods)
    return _period_out(plan, period_reopen(plan=plan, month=_plan_month(plan, month),
                                           user=request.auth, reason=data.reason))


@router.post("/projects/{int:pk}/reports/{month}/reopen", response=WRITE,
             url_name="report_reopen", tags=["reports"])
def report_reopen(request, pk: int, month: str, data: ReportReopenIn):
    """Reopen one report of a locked month for correction (the city office), with a reason:
    its owner then corrects it with PUT and submits it again. Its counted figures stay until
    the correction counts."""
    write_check(request)
    project = project_for_user(request.auth, pk, require=may_reopen_report)
    number = _month_of(project, month)
    filing = filing_reopen_for(project=project, month=number, user=request.auth,
                               reason=data.reason)
    counted = MonthlyReport.objects.filter(project=project, month=number).first()
    return _report_out(project, number, filing, counted)


# ------------------------------------------------------------------------------ rankings


def _ranked(line) -> dict:
    t = line.totals
    return {"rank": line.rank, "code": line.ref.code, "name": line.ref.name,
            "projects": t.projects, "planned_wan": wan_text(t.planned_wan) or "0",
            "cumulative_wan": wan_text(t.cumulative_wan) or "0",
            "completion": wan_text(t.completion), "light": str(line.light.light)}


@router.get("/plans/{slug}/rankings", response=_read(RankingsOut), url_name="plan_rankings",
            tags=["progress"])
def plan_rankings(request, slug: str, query: Query[RankingsQuery]):
    """Districts and domains ranked by completion rate for the month, in the user's scope:
    the dashboard's ranking (progress.selectors.dashboard_for), as the bulletin prints it."""
    unknown_query_check(request, RankingsQuery)
    plan = plan_for_user(request.auth, slug)
    period = month_shown(request.auth, plan=plan, asked=query.month,
                         today=timezone.localdate())
    d = dashboard_for(request.auth, plan=plan, period=period)
    return {"plan": plan.slug, "month": str(period), "time_progress": wan_text(d.time_progress),
            "districts": [_ranked(line) for line in d.by_district],
            "domains": [_ranked(line) for line in d.by_domain]}


# ------------------------------------------------------------------------------ problems


def _problem_out(p, *, today) -> dict:
    return {"id": p.pk, "project": p.project_id, "project_name": p.project.name,
            "district": p.project.district.code if p.project.district_id else None,
            "category": p.category.name if p.category_id else None,
            "description": p.description, "help_requested": p.help_requested,
            "state": p.state, "level": p.level, "unit": _unit_name(p.assigned_unit),
            "deadline": p.deadline,
            "light": str(deadline_light(p.deadline, today=today, state=p.state)),
            "raised_at": p.raised_at, "answer": p.answer, "closed_at": p.closed_at,
            "version": p.version}


@router.get("/plans/{slug}/problems", response=_read(ProblemPage), url_name="problem_list",
            tags=["problems"])
def problem_list(request, slug: str, filters: Query[ProblemFiltersIn]):
    """The plan's problems (督办) the user may see, with the problem list's filters, a page at
    a time (``page_size`` at most 200)."""
    unknown_query_check(request, ProblemFiltersIn)
    plan = plan_for_user(request.auth, slug)
    today = timezone.localdate()
    queryset = problems_filtered(
        problems_visible_to(request.auth, plan=plan), user=request.auth, today=today,
        filters=ProblemFilters(state=filters.state, overdue=filters.overdue,
                               district=filters.district, category=filters.category,
                               mine=filters.mine)).order_by("id")
    count = queryset.count()
    start = (filters.page - 1) * filters.page_size
    return {"count": count, "page": filters.page, "page_size": filters.page_size,
            "pages": math.ceil(count / filters.page_size),
            "results": [_problem_out(p, today=today)
                        for p in queryset[start:start + filters.page_size]]}


@router.get("/plans/{slug}/problems/summary", response=_read(dict),
            url_name="problem_summary", tags=["problems"])
def problem_summary_api(request, slug: str, query: Query[ProblemSummaryQuery]):
    """The month's summary of the problems the user may see (problems.summary, as the bulletin
    and the dashboard show it): closed this month, open, overdue by unit, by category."""
    unknown_query_check(request, ProblemSummaryQuery)
    plan = plan_for_user(request.auth, slug)
    today = timezone.localdate()
    period = period_in_year(query.month, year=plan.year, field="month")
    month = period.month if period else (today.month if today.year == plan.year else 12)
    return asdict(problem_summary(request.auth, plan, month, today))


@router.get("/problems/{int:pk}", response=_read(ProblemOut), url_name="problem_detail",
            tags=["problems"])
def problem_detail(request, pk: int):
    return _problem_out(problem_for_user(request.auth, pk), today=timezone.localdate())


@router.post("/problems/{int:pk}/steps", response={200: ProblemOut, 400: ErrorOut,
                                                    429: ErrorOut, **ERRORS},
             url_name="problem_step", tags=["problems"])
def problem_step_api(request, pk: int, data: ProblemStepIn):
    """Take one step of the problem's life: accept, decline, assign (``unit`` with
    ``deadline`` or ``days``), sign, answer (``comment``), send_back, check, close, escalate
    (problems.services.problem_step; files go with the page, not the API)."""
    write_check(request)
    action = data.action
    problem = problem_for_user(request.auth, pk,
                               require=lambda user, p: may_take_problem_step(user, p, action))
    problem = problem_step(problem=problem, action=action, user=request.auth,
                           version=data.version, comment=data.comment, unit_id=data.unit,
                           deadline=data.deadline, days=data.days)
    # The problem as written, not looked up again: a step may take it out of the caller's
    # view (an answer sent back to its unit), and the write did happen.
    return _problem_out(problem, today=timezone.localdate())
