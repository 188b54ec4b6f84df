"""Reads of bulletins, inside the reader's scope: which bulletins a user may see, the header a
new one starts from, and the bulletin's content (live from the progress computations before
it is published, as published afterwards)."""

from datetime import date

from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import may_manage_bulletins, may_read_bulletins
from tuijin.accounts.scopes import scope_for
from tuijin.bulletins.content import (
    BULLETIN_LANGUAGE,
    LAGGING_LIMIT,
    BulletinContent,
    HeaderInput,
    bulletin_build,
    content_from_dict,
)
from tuijin.bulletins.models import DEFAULT_DOCUMENT_NUMBER_PATTERN, Bulletin, document_number
from tuijin.core.errors import InputError
from tuijin.core.periods import Period
from tuijin.progress.selectors import dashboard_for, discipline_by, programme_for
from tuijin.projects.cycle import PeriodState
from tuijin.projects.models import ReportingPeriod


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


def bulletin_content(user, *, plan, period: Period, header: HeaderInput,
                     next_steps: str) -> BulletinContent:
    """The bulletin of a locked month built now from the progress computations, as ``user``
    sees the programme (the city office: the whole city). Raises InputError when the month
    is not locked."""
    scope_for(user)  # no user: TypeError before anything is read
    require_locked(plan, period.month)
    dashboard = dashboard_for(user, plan=plan, period=period, lagging_limit=LAGGING_LIMIT)
    owners = discipline_by(programme_for(user, plan=plan).projects, plan=plan, period=period,
                           by="owner_id")
    return bulletin_build(dashboard=dashboard, owners=owners, header=header,
                          next_steps=next_steps)


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
