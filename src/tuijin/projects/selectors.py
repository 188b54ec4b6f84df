"""Reads of projects and reports, always through the reader's scope."""

from collections.abc import Callable

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from tuijin.accounts.permissions import deny_unless
from tuijin.accounts.scopes import scope_for
from tuijin.core.models import Division
from tuijin.projects.models import MonthlyReport, Project


def projects_visible_to(user, *, plan) -> QuerySet[Project]:
    """The plan's projects inside ``user``'s scope (a user or a Scope; None raises TypeError)."""
    return Project.objects.filter(plan=plan).filter(scope_for(user).project_filter())


def districts_offered_to(user, *, plan) -> list[Division]:
    """The districts the project list's and the map's district choice offer ``user``: for the
    whole city, the plan's region and its districts; else the districts of the user's scope
    and those its projects lie in (an owner's may lie in several). A district outside them
    would only ever show no project."""
    scope = scope_for(user)
    divisions = Division.objects.filter(Q(pk=plan.region_id) | Q(parent_id=plan.region_id))
    if scope.is_city_wide:
        return list(divisions)
    return list(divisions.filter(
        Q(pk__in=scope.division_ids)
        | Q(pk__in=projects_visible_to(user, plan=plan).values("district_id"))))


def project_for_user(user, pk: int, *, require: Callable[..., bool] | None = None) -> Project:
    """The project if the user may see it; 404 otherwise, so strangers learn nothing.

    ``require`` is a rule of ``accounts.permissions`` (``may_edit_project``, ``may_report_on``
    …); a visible project the user may not act on that way is a 403.
    """
    scope = scope_for(user)
    try:
        project = (
            Project.objects.select_related("plan", "plan__region", "domain", "district", "owner")
            .filter(scope.project_filter())
            .get(pk=pk)
        )
    except (Project.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if require is not None:
        deny_unless(require(user, project))
    return project


def project_list_filtered(
    queryset: QuerySet[Project],
    *,
    district: str = "",
    domain: str = "",
    industrial: str = "",
    nature: str = "",
    query: str = "",
) -> QuerySet[Project]:
    """Apply the project list's filters; unknown filter values simply match nothing."""
    if district:
        queryset = queryset.filter(district__code=district)
    if domain:
        queryset = queryset.filter(domain__code=domain)
    if industrial in ("1", "0"):
        queryset = queryset.filter(is_industrial=industrial == "1")
    if nature:
        queryset = queryset.filter(nature=nature)
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return queryset


def project_list_rows(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """The list page's rows: related names joined and the latest cumulative annotated, so a page
    of 50 projects costs one query, not 50."""
    latest = MonthlyReport.objects.filter(project=OuterRef("pk")).order_by("-month")
    return queryset.select_related("domain", "district", "owner").annotate(
        latest_cumulative_wan=Subquery(latest.values("cumulative_wan")[:1]),
        latest_month=Subquery(latest.values("month")[:1]),
    )
