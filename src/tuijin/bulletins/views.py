"""Bulletin pages: the list, the city office's preview (the header, the 下一步工作要求 and the
number, then save), publishing, the downloads, and a district's own version. Each resolves
the plan through ``plan_for_user`` with its access rule and calls one selector or service."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tuijin.accounts.permissions import (
    may_manage_bulletins,
    may_read_bulletins,
    may_read_district_bulletin,
)
from tuijin.bulletins import selectors, services
from tuijin.bulletins.charts import bulletin_charts
from tuijin.bulletins.formats import FORMATS, file_name
from tuijin.bulletins.forms import BulletinForm
from tuijin.bulletins.models import Bulletin
from tuijin.bulletins.pdf import PdfUnavailable
from tuijin.core.errors import InputError
from tuijin.plans.selectors import plan_for_user


def _month(month: int) -> int:
    if not 1 <= month <= 12:
        raise Http404
    return month


@login_required
def index(request, slug: str):
    plan = plan_for_user(request.user, slug, require=may_read_bulletins)
    bulletins = list(selectors.bulletins_visible_to(request.user, plan=plan))
    manages = may_manage_bulletins(request.user, plan)
    by_month = {b.month: b for b in bulletins}
    months = selectors.reporting_months(plan)
    return render(request, "bulletins/index.html", {
        "plan": plan, "bulletins": bulletins, "manages": manages,
        "months": [(m, state, by_month.get(m)) for m, state in months] if manages else [],
        "district_months": months if may_read_district_bulletin(request.user, plan) else [],
    })


def _initial(plan, month: int, bulletin: Bulletin | None) -> dict:
    if bulletin is not None:
        return {"issuer": bulletin.issuer, "addressees": bulletin.addressees,
                "issued_on": bulletin.issued_on, "next_steps": bulletin.next_steps,
                "document_number_pattern": bulletin.document_number_pattern}
    header = selectors.header_for(plan, month, today=timezone.localdate())
    previous = Bulletin.objects.filter(plan=plan).order_by("-number").first()
    pattern = previous.document_number_pattern if previous else \
        Bulletin._meta.get_field("document_number_pattern").default
    return {"issuer": header.issuer, "addressees": header.addressees,
            "issued_on": header.issued_on, "document_number_pattern": pattern}


def _charts(content) -> dict[str, str]:
    """The charts as data: URIs (the page's CSP allows data: images), keyed by table."""
    return {key: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
            for key, png in bulletin_charts(content).items()}


@login_required
def preview(request, slug: str, month: int):
    plan = plan_for_user(request.user, slug, require=may_manage_bulletins)
    month = _month(month)
    bulletin = Bulletin.objects.filter(plan=plan, month=month).first()
    form = BulletinForm(request.POST or None, initial=_initial(plan, month, bulletin))
    status = 200
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.bulletin_save(plan=plan, month=month, user=request.user,
                                   data=form.to_input())
        except InputError as exc:
            error, status = exc, 409
        else:
            return redirect("bulletins:preview", slug=plan.slug, month=month)
    content = None
    today = timezone.localdate()
    try:
        content = selectors.office_document(request.user, plan=plan, month=month, today=today)
    except InputError as exc:
        error, status = error or exc, 409
    corrected = bool(bulletin) and selectors.corrected_since_publishing(
        request.user, bulletin, today=today)
    return render(request, "bulletins/preview.html", {
        "plan": plan, "month": month, "bulletin": bulletin, "form": form, "content": content,
        "charts": _charts(content) if content else {}, "error": error,
        "formats": list(FORMATS), "corrected": corrected,
        "is_locked": selectors.is_locked(plan, month),
        "download_url": "bulletins:download",
    }, status=status)


@login_required
@require_POST
def publish(request, slug: str, month: int):
    plan = plan_for_user(request.user, slug, require=may_manage_bulletins)
    bulletin = selectors.bulletin_for_user(request.user, plan=plan, month=_month(month))
    try:
        services.bulletin_publish(bulletin=bulletin, user=request.user)
    except InputError as exc:
        messages.error(request, f"{exc.message} {exc.hint}".strip())
    # Once published, the preview page itself says so, every time it is opened.
    return redirect("bulletins:preview", slug=plan.slug, month=month)


def _file(request, plan, month: int, fmt: str, build):
    try:
        content = build()
        data = FORMATS[fmt].render(content)
    except InputError as exc:
        return render(request, "bulletins/unavailable.html",
                      {"plan": plan, "month": month, "error": exc},
                      status=503 if isinstance(exc, PdfUnavailable) else 409)
    response = HttpResponse(data, content_type=FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name(content, fmt)}"'
    return response


@login_required
def download(request, slug: str, month: int, fmt: str):
    """The city office downloads the month's bulletin (a draft while the month is not
    locked); every other reader only a published one (404 otherwise)."""
    plan = plan_for_user(request.user, slug, require=may_read_bulletins)
    if fmt not in FORMATS:
        raise Http404
    month = _month(month)
    today = timezone.localdate()
    if may_manage_bulletins(request.user, plan):
        return _file(request, plan, month, fmt, lambda: selectors.office_document(
            request.user, plan=plan, month=month, today=today))
    bulletin = selectors.bulletin_for_user(request.user, plan=plan, month=month)
    return _file(request, plan, month, fmt, lambda: selectors.bulletin_document(
        request.user, bulletin, today=today))


@login_required
def read(request, slug: str, month: int):
    """A published bulletin read in the browser (on a phone too) by whoever may read
    bulletins: as published, with its charts; 404 before it is published."""
    plan = plan_for_user(request.user, slug, require=may_read_bulletins)
    bulletin = selectors.bulletin_for_user(request.user, plan=plan, month=_month(month))
    if not bulletin.is_published:
        raise Http404
    content = selectors.bulletin_document(request.user, bulletin,
                                          today=timezone.localdate())
    return render(request, "bulletins/read.html", {
        "plan": plan, "month": month, "bulletin": bulletin, "content": content,
        "charts": _charts(content), "formats": list(FORMATS)})


@login_required
def district(request, slug: str, month: int):
    """A district user's own version of the month's bulletin: their district's projects, its
    place in the city's ranking; a draft while the month is not locked. Read only."""
    plan = plan_for_user(request.user, slug, require=may_read_district_bulletin)
    month = _month(month)
    content, error = None, None
    try:
        content = selectors.live_document(request.user, plan=plan, month=month,
                                          today=timezone.localdate())
    except InputError as exc:
        error = exc
    return render(request, "bulletins/district.html", {
        "plan": plan, "month": month, "content": content, "error": error,
        "charts": _charts(content) if content else {}, "formats": list(FORMATS),
    }, status=409 if error else 200)


@login_required
def district_download(request, slug: str, month: int, fmt: str):
    plan = plan_for_user(request.user, slug, require=may_read_district_bulletin)
    if fmt not in FORMATS:
        raise Http404
    month = _month(month)
    return _file(request, plan, month, fmt, lambda: selectors.live_document(
        request.user, plan=plan, month=month, today=timezone.localdate()))
