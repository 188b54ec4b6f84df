"""Reads of plans: which plans a user may open, and the overview of one plan in a few queries."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.http import Http404

from tuijin.accounts.permissions import deny_unless, may_manage_plan
from tuijin.accounts.scopes import Scope, scope_for
from tuijin.core.models import Division, Organisation
from tuijin.plans.models import Domain, Indicator, KeyTask, Measure, Plan, PlanStatus, Target

# The "8232" headline (DESIGN.md §2): projects under way, investment, industrial investment.
HEADLINE_SOURCES = (
    Indicator.Source.PROJECT_COUNT,
    Indicator.Source.INVESTMENT,
    Indicator.Source.INDUSTRIAL_INVESTMENT,
)
# "三个一批": major projects newly signed, started and put into production.
BATCH_SOURCES = (Indicator.Source.SIGNED, Indicator.Source.STARTED, Indicator.Source.IN_PRODUCTION)


def _home_division_ids(actor, scope: Scope) -> list[int]:
    """The divisions an actor belongs to: a user's own (district users) or their
    organisation's; for a Scope, its districts and its organisations' divisions."""
    if isinstance(actor, Scope):
        return [*scope.division_ids, *Organisation.objects.filter(
            pk__in=scope.organisation_ids).values_list("division_id", flat=True)]
    if getattr(actor, "division_id", None):
        return [actor.division_id]
    organisation = getattr(actor, "organisation", None)
    return [organisation.division_id] if organisation is not None else []


def plans_visible_to(user) -> QuerySet[Plan]:
    """Plans of the user's region: all of them for city-wide roles, else the plans whose region
    is the user's division or one of its ancestors (a 龙亭区 user sees 开封市's plan). Drafts
    are the city office's alone until activated (plans.lifecycle).
    ``user`` may be a Scope; None raises TypeError."""
    scope = scope_for(user)
    if scope.is_empty:
        return Plan.objects.none()
    plans = Plan.objects.all() if may_manage_plan(user) else Plan.objects.exclude(
        status=PlanStatus.DRAFT)
    if scope.is_city_wide:
        return plans
    ancestors = []
    for division in Division.objects.filter(pk__in=_home_division_ids(user, scope)):
        while division is not None:
            ancestors.append(division.pk)
            division = division.parent
    return plans.filter(region_id__in=ancestors)


# The plan a user chose from the top bar, kept for their session (plans.views.choose).
CHOSEN_PLAN_SESSION_KEY = "tuijin.plan"


def current_plan(request) -> Plan | None:
    """The plan the slug-less pages (home, this month, projects, dashboard, problems) open:
    the one the user chose for this session if they may still see it, else the latest active
    plan they may see, else the latest closed one. Never a draft unless chosen, so confirming
    next year's draft changes nobody's pages."""
    plans = plans_visible_to(request.user).select_related("region")
    chosen = request.session.get(CHOSEN_PLAN_SESSION_KEY)
    if chosen:
        plan = plans.filter(slug=chosen).first()
        if plan is not None:
            return plan
    return (plans.filter(status=PlanStatus.ACTIVE).order_by("-year", "slug").first()
            or plans.filter(status=PlanStatus.CLOSED).order_by("-year", "slug").first())


def plan_for_user(user, slug: str, *, require: Callable[..., bool] | None = None) -> Plan:
    """The plan if the user may see it; 404 otherwise (unknown and foreign plans alike).

    ``require`` is a rule of ``accounts.permissions`` (``may_add_project``, ``may_export`` …);
    a visible plan the user may not act on that way is a 403.
    """
    plan = plans_visible_to(user).select_related("region").filter(slug=slug).first()
    if plan is None:
        raise Http404
    if require is not None:
        deny_unless(require(user, plan))
    return plan


@dataclass
class MeasureNode:
    measure: Measure
    children: list["MeasureNode"] = field(default_factory=list)


@dataclass
class KeyTaskNode:
    key_task: KeyTask
    measures: list[MeasureNode] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class PlanOverview:
    plan: Plan
    key_tasks: list[KeyTaskNode]
    indicators: list[Indicator]
    headline: list[Indicator]
    batches: list[Indicator]
    domains: list[Domain]


def plan_overview(plan: Plan, *, user) -> PlanOverview:
    """Everything the plan page shows, in a constant number of queries whatever the plan's size.

    Domains carry ``project_count`` and ``annual_plan_wan`` over the projects the user may see.
    """
    key_tasks = list(
        KeyTask.objects.filter(plan=plan).select_related("lead_unit").prefetch_related("co_units")
    )
    measures = list(
        Measure.objects.filter(key_task__plan=plan)
        .select_related("lead_unit")
        .prefetch_related("co_units")
        .order_by("key_task_id", "parent_id", "number")
    )
    indicators = list(
        Indicator.objects.filter(plan=plan)
        .select_related("owner", "key_task")
        .prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("id")))
    )
    scope_q = scope_for(user).project_filter(prefix="projects__")
    aggregate_filter = {} if not scope_q else {"filter": scope_q}
    domains = list(
        Domain.objects.filter(plan=plan).select_related("plan").annotate(
            project_count=Count("projects", **aggregate_filter),
            annual_plan_wan=Sum("projects__annual_plan_wan", **aggregate_filter),
        )
    )

    nodes = {m.pk: MeasureNode(m) for m in measures}
    task_nodes = {t.pk: KeyTaskNode(t) for t in key_tasks}
    for node in nodes.values():
        parent = nodes.get(node.measure.parent_id)
        if parent is not None:
            parent.children.append(node)
        else:
            task_nodes[node.measure.key_task_id].measures.append(node)
    for indicator in indicators:
        if indicator.key_task_id in task_nodes:
            task_nodes[indicator.key_task_id].indicators.append(indicator)

    def by_source(sources):
        found = {i.source: i for i in indicators if i.source in sources}
        return [found[s] for s in sources if s in found]

    return PlanOverview(
        plan=plan,
        key_tasks=list(task_nodes.values()),
        indicators=indicators,
        headline=by_source(HEADLINE_SOURCES),
        batches=by_source(BATCH_SOURCES),
        domains=domains,
    )
