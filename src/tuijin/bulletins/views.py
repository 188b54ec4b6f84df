"""Bulletin pages: the list, the city office's preview (the header, the 下一步工作要求 and the
number, then save), publishing, and the downloads. Each resolves the plan through
``plan_for_user`` with its access rule and calls one selector or service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tuijin.accounts.permissions import may_manage_bulletins, may_read_bulletins
from tuijin.bulletins import selectors, services
from tuijin.bulletins.formats import FORMATS, file_name
from tuijin.bulletins.forms import BulletinForm
from tuijin.bulletins.models import Bulletin
from tuijin.core.errors import InputError
from tuijin.core.periods import Period
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
    return render(request, "bulletins/index.html", {
        "plan": plan, "bulletins": bulletins, "manages": manages,
        "locked": [(m, by_month.get(m)) for m in selectors.locked_months(plan)]
        if manages else [],
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
    if error is None:
        try:
            content = _preview_content(request, plan, month, bulletin)
        except InputError as exc:
            error, status = exc, 409
    return render(request, "bulletins/preview.html", {
        "plan": plan, "month": month, "bulletin": bulletin, "form": form, "content": content,
        "error": error, "formats": list(FORMATS),
    }, status=status)


def _preview_content(request, plan, month, bulletin):
    """The saved bulletin as it prints, or, before the first save, the month's bulletin with
    the header a new one would get."""
    today = timezone.localdate()
    if bulletin is not None:
        return selectors.bulletin_document(request.user, bulletin, today=today)
    return selectors.bulletin_content(request.user, plan=plan, period=Period(plan.year, month),
                                      header=selectors.header_for(plan, month, today=today),
                                      next_steps="")


@login_required
@require_POST
def publish(request, slug: str, month: int):
    plan = plan_for_user(request.user, slug, require=may_manage_bulletins)
    bulletin = selectors.bulletin_for_user(request.user, plan=plan, month=_month(month))
    try:
        services.bulletin_publish(bulletin=bulletin, user=request.user)
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Bulletin no. %(number)s is published; it no longer "
                                    "changes.") % {"number": bulletin.number})
    return redirect("bulletins:preview", slug=plan.slug, month=month)


@login_required
def download(request, slug: str, month: int, fmt: str):
    plan = plan_for_user(request.user, slug, require=may_read_bulletins)
    if fmt not in FORMATS:
        raise Http404
    bulletin = selectors.bulletin_for_user(request.user, plan=plan, month=_month(month))
    try:
        content = selectors.bulletin_document(request.user, bulletin,
                                              today=timezone.localdate())
        data = FORMATS[fmt].render(content)
    except InputError as exc:
        return render(request, "bulletins/unavailable.html",
                      {"plan": plan, "month": month, "error": exc}, status=503
                      if fmt == "pdf" else 409)
    response = HttpResponse(data, content_type=FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name(content, fmt)}"'
    return response
