"""The endpoints. Each one resolves the plan or project through the scoped selectors with a
rule of accounts.permissions (outside the scope 404, in scope without the right 403), calls
one selector or service, and shapes the answer (STYLE.md §4)."""

import math

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router

from tuijin.accounts.permissions import may_file_report, may_review_report
from tuijin.accounts.scopes import scope_for
from tuijin.api.schemas import (
    CountedOut,
    DomainOut,
    ErrorOut,
    MeOut,
    PeriodOut,
    PlanDetailOut,
    PlanOut,
    ProgressQuery,
    ProjectFilters,
    ProjectOut,
    ProjectPage,
    ReportIn,
    ReportOut,
    ReviewIn,
    wan_text,
)
from tuijin.core.errors import InputError
from tuijin.core.money import parse_amount
from tuijin.core.periods import Period, period_in_year
from tuijin.plans.selectors import plan_for_user, plans_visible_to
from tuijin.progress.dashboard import dashboard_as_dict
from tuijin.progress.selectors import dashboard_for, district_for_user, month_shown
from tuijin.projects.cycle import FilingState
from tuijin.projects.cycle_selectors import periods_of
from tuijin.projects.cycle_services import FilingInput, filing_review, filing_save
from tuijin.projects.models import MonthlyReport, Project, ReportFiling
from tuijin.projects.selectors import (
    project_for_user,
    project_list_filtered,
    projects_visible_to,
)

router = Router()

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


# A write may also meet a body that is not JSON (400) or a report in the wrong state (409).
WRITE = {200: ReportOut, 400: ErrorOut, 409: ErrorOut, **ERRORS}


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
    project = project_for_user(request.auth, pk, require=may_review_report)
    number = _month_of(project, month)
    filing = ReportFiling.objects.filter(project=project, month=number).first()
    if filing is None:
        raise Http404
    filing = filing_review(filing=filing, action=data.action, user=request.auth,
                           comment=data.comment, version=data.version)
    counted = MonthlyReport.objects.filter(project=project, month=number).first()
    return _report_out(project, number, filing, counted)
