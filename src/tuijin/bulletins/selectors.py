"""Reads of bulletins, inside the reader's scope: which bulletins a user may see, the header a
new one starts from, and the bulletin's content (live from the progress computations before
it is published, as published afterwards)."""

from datetime import date
from decimal import Decimal

from django.db.models import Max, QuerySet, Sum
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import may_manage_bulletins, may_read_bulletins
from tuijin.accounts.scopes import Scope, scope_for
from tuijin.bulletins.content import (
    BULLETIN_LANGUAGE,
    LAGGING_LIMIT,
    BulletinContent,
    CityRank,
    HeaderInput,
    bulletin_build,
    content_as_dict,
    content_from_dict,
)
from tuijin.bulletins.models import DEFAULT_DOCUMENT_NUMBER_PATTERN, Bulletin, document_number
from tuijin.bulletins.problems import problems_build
from tuijin.core.errors import InputError
from tuijin.core.models import Division
from tuijin.core.periods import Period
from tuijin.problems.summary import problem_summary
from tuijin.progress.dashboard import CAMPAIGN_SOURCES
from tuijin.progress.selectors import (
    dashboard_for,
    discipline_by,
    event_condition,
    programme_for,
)
from tuijin.projects.cycle import PeriodState
from tuijin.projects.evidence_selectors import flagged_reports_by_district
from tuijin.projects.models import ReportingPeriod


def is_locked(plan, month: int) -> bool:
    return ReportingPeriod.objects.filter(plan=plan, month=month,
                                          state=PeriodState.LOCKED).exists()


def locked_months(plan) -> list[int]:
    return list(ReportingPeriod.objects.filter(plan=plan, state=PeriodState.LOCKED)
                .order_by("month").values_list("month", flat=True))


def require_locked(plan, month: int) -> None:
    """A bulletin is of a locked month (DESIGN.md §3): its figures no longer move. Raises
    InputError naming the month otherwise."""
    state = (ReportingPeriod.objects.filter(plan=plan, month=month)
             .values_list("state", flat=True).first())
    if state != PeriodState.LOCKED:
        raise InputError(
            _("Month %(month)s of %(year)s is not locked, so it has no bulletin yet.")
            % {"month": month, "year": plan.year},
            hint=_("Lock the month on the reporting periods page first; a bulletin reports "
                   "figures that no longer change."),
            field="month", value=month)


def bulletins_visible_to(user, *, plan) -> QuerySet[Bulletin]:
    """The city office sees every bulletin of the plan, drafts included; whoever may read
    bulletins sees the published ones; anybody else none."""
    queryset = Bulletin.objects.filter(plan=plan).order_by("-month")
    if may_manage_bulletins(user, plan):
        return queryset
    if may_read_bulletins(user, plan):
        return queryset.filter(is_published=True)
    scope_for(user)  # no user: TypeError, as every selector (tests/test_scope_required.py)
    return queryset.none()


def bulletin_for_user(user, *, plan, month: int) -> Bulletin:
    """The plan's bulletin of ``month`` if the user may see it; 404 otherwise (also for a
    draft the user may not see, so a reader cannot tell it exists)."""
    bulletin = bulletins_visible_to(user, plan=plan).filter(month=month).first()
    if bulletin is None:
        raise Http404(_("No bulletin of this month."))
    return bulletin


def header_for(plan, month: int, *, today: date) -> HeaderInput:
    """The header of the month's bulletin: as saved, or a new one numbered after the plan's
    last, carrying the issuing body, addressees and 文号 pattern of the previous bulletin."""
    bulletin = Bulletin.objects.filter(plan=plan, month=month).first()
    if bulletin is None:
        previous = Bulletin.objects.filter(plan=plan).order_by("-number").first()
        number = (Bulletin.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0) + 1
        pattern = previous.document_number_pattern if previous else \
            DEFAULT_DOCUMENT_NUMBER_PATTERN
        return HeaderInput(
            issuer=previous.issuer if previous else default_issuer(plan),
            number=number,
            document_number=document_number(pattern, year=plan.year, number=number),
            issued_on=today,
            addressees=previous.addressees if previous else default_addressees())
    return HeaderInput(issuer=bulletin.issuer, number=bulletin.number,
                       document_number=bulletin.document_number, issued_on=bulletin.issued_on,
                       addressees=bulletin.addressees)


def default_issuer(plan) -> str:
    with translation.override(BULLETIN_LANGUAGE):
        return _("%(region)s key project office") % {"region": plan.region.name}


def default_addressees() -> str:
    with translation.override(BULLETIN_LANGUAGE):
        return _("The people's governments of each county and district, and the city's "
                 "departments concerned:")


def _require_figures(dashboard, plan, period: Period, area: str) -> None:
    """A bulletin needs projects and, for its month, reports: otherwise every figure would be
    a zero, and a document of zeros is worse than a clear refusal."""
    if dashboard.is_empty and area:
        raise InputError(
            _("%(area)s has no projects in the plan %(plan)s, so there is nothing to report.")
            % {"area": area, "plan": plan.name},
            hint=_("The city office adds projects to the plan; ask them if one is missing."),
            field="plan", value=plan.slug)
    if dashboard.is_empty:
        raise InputError(
            _("The plan %(plan)s has no projects, so there is nothing to report.")
            % {"plan": plan.name},
            hint=_("Import the year's projects first (the projects page, Import)."),
            field="plan", value=plan.slug)
    if not dashboard.has_reports:
        raise InputError(
            _("No project has reported for month %(month)s of %(year)s yet, so the month has "
              "no bulletin.") % {"year": period.year, "month": period.month},
            hint=_("Choose a month with reports, or wait until the owners have reported."),
            field="month", value=period.month)


def _city_ranks(plan, period: Period) -> dict[int, CityRank]:
    """Each district's place in the city's ranking: a district's version says where it stands
    (the ranking every district reads in the city's bulletin), with no other district's
    figures."""
    city = dashboard_for(Scope.city_wide_for_system(), plan=plan, period=period,
                         lagging_limit=0)
    ranked = sum(1 for line in city.by_district if line.rank is not None)
    return {line.ref.id: CityRank(line.rank, ranked) for line in city.by_district}


def bulletin_content(user, *, plan, period: Period, header: HeaderInput,
                     next_steps: str) -> BulletinContent:
    """The month's bulletin built now from the progress computations, as ``user`` sees the
    programme: the city office, leaders and the command the whole city's; a district user
    their district's own version. A month not locked gives a draft (marked on every page).
    Raises InputError when the plan has no projects (in the scope) or the month no reports.
    Reads only."""
    scope = scope_for(user)  # no user: TypeError before anything is read
    area = "" if scope.is_city_wide else "、".join(
        Division.objects.filter(pk__in=scope.division_ids).order_by("code")
        .values_list("name", flat=True))
    # The dashboard names its figures (三个一批, the targets) in the active language: the
    # bulletin's, whatever the request or the command runs in.
    with translation.override(BULLETIN_LANGUAGE):
        dashboard = dashboard_for(user, plan=plan, period=period, lagging_limit=LAGGING_LIMIT)
    _require_figures(dashboard, plan, period, area)
    projects = programme_for(user, plan=plan).projects
    owners = discipline_by(projects, plan=plan, period=period, by="owner_id", month_only=True)
    # 总投资 of the programme and of the 三个一批 projects, each counted by the dashboard's
    # own condition (progress.selectors.event_condition): one query.
    sums = projects.aggregate(total=Sum("total_investment_wan"), **{
        event: Sum("total_investment_wan", filter=event_condition(event, period))
        for event in CAMPAIGN_SOURCES})
    total_investment = sums.pop("total")
    city_ranks = None if scope.is_city_wide else _city_ranks(plan, period)
    # Overdue as of the bulletin's date, so the section reads the same each time it is built.
    summary = problem_summary(user, plan, period.month, header.issued_on)
    with translation.override(BULLETIN_LANGUAGE):
        problems = problems_build(summary)
    return bulletin_build(dashboard=dashboard, owners=owners, header=header,
                          next_steps=next_steps,
                          total_investment_wan=total_investment or Decimal(0),
                          campaign_investment=sums,
                          is_locked=is_locked(plan, period.month),
                          area=area, city_ranks=city_ranks, problems=problems,
                          flagged=flagged_reports_by_district(user, plan=plan,
                                                              month=period.month))


def bulletin_document(user, bulletin: Bulletin, *, today: date) -> BulletinContent:
    """What a saved bulletin prints: its published content, or, before publishing, the content
    built now (the city office's preview)."""
    scope_for(user)  # no user: TypeError, published or not
    if bulletin.is_published and bulletin.content:
        return content_from_dict(bulletin.content)
    return bulletin_content(user, plan=bulletin.plan, period=Period(bulletin.plan.year,
                                                                     bulletin.month),
                            header=header_for(bulletin.plan, bulletin.month, today=today),
                            next_steps=bulletin.next_steps)


def reporting_months(plan) -> list[tuple[int, str]]:
    """The months that have a reporting period, with its state: a locked one has the final
    bulletin, an open one a draft."""
    return list(ReportingPeriod.objects.filter(plan=plan).order_by("month")
                .values_list("month", "state"))


def live_document(user, *, plan, month: int, today: date) -> BulletinContent:
    """The month's bulletin as ``user`` sees the programme, built now: the city office's
    preview and a district's own version (a draft while the month is not locked)."""
    scope_for(user)  # no user: TypeError before anything is read
    bulletin = Bulletin.objects.filter(plan=plan, month=month).first()
    return bulletin_content(user, plan=plan, period=Period(plan.year, month),
                            header=header_for(plan, month, today=today),
                            next_steps=bulletin.next_steps if bulletin else "")


def office_document(user, *, plan, month: int, today: date) -> BulletinContent:
    """What the city office downloads: the saved bulletin (as published, once it is), or the
    month's bulletin built now with the header a new one would get."""
    scope_for(user)  # no user: TypeError before anything is read
    bulletin = Bulletin.objects.filter(plan=plan, month=month).first()
    if bulletin is not None:
        return bulletin_document(user, bulletin, today=today)
    return live_document(user, plan=plan, month=month, today=today)


# The sections figured from the reports (总体情况 … 未按时填报): what a correction can move.
_REPORT_SECTIONS = 6


def corrected_since_publishing(user, bulletin: Bulletin, *, today: date) -> bool:
    """Whether the month's figures built now differ from the published ones: a report was
    corrected after publishing (the published bulletin keeps its figures; its page says so).
    Problems move every day and the office's text is kept, so only the sections figured from
    the reports are compared."""
    scope_for(user)
    if not (bulletin.is_published and bulletin.content):
        return False
    try:
        live = bulletin_content(user, plan=bulletin.plan,
                                period=Period(bulletin.plan.year, bulletin.month),
                                header=header_for(bulletin.plan, bulletin.month, today=today),
                                next_steps=bulletin.next_steps)
    except InputError:
        return True  # the month lost its reports since: certainly not what was published
    published = bulletin.content["sections"][:_REPORT_SECTIONS]
    return content_as_dict(live)["sections"][:_REPORT_SECTIONS] != published
