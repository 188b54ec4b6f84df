"""How the photo evidence checks (projects.evidence) read beside a photo and over a report:
``{% load evidence %}``. Only for readers who may see the checks
(accounts.permissions.may_see_photo_checks); the caller decides."""

from django import template
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from tuijin.accounts.permissions import may_see_photo_checks, may_view_project
from tuijin.projects.evidence import PlaceCheck, TimeCheck
from tuijin.projects.models import ReportPhoto

register = template.Library()


@register.inclusion_tag("projects/_photo_checks.html", takes_context=True)
def photo_checks(context, photo):
    """The photo's flags (red) and remarks (grey), each a short sentence."""
    items = []  # (is_flag, text)
    if photo.checked_at is None:
        items.append((False, _("Not checked yet.")))
    if photo.time_check == TimeCheck.BEFORE:
        items.append((True, _("Taken %(date)s, before the report's month.")
                      % {"date": photo.taken_at.date().isoformat()}))
    elif photo.time_check == TimeCheck.MISSING:
        items.append((False, _("No time recorded.")))
    if photo.place_check == PlaceCheck.FAR:
        items.append((True, _("Taken %(km)s km from the site.") % {"km": photo.distance_km}))
    elif photo.place_check == PlaceCheck.NEAR:
        items.append((False, _("Taken %(km)s km from the site.") % {"km": photo.distance_km}))
    elif photo.place_check == PlaceCheck.NO_GPS:
        items.append((False, _("No location recorded.")))
    elif photo.place_check == PlaceCheck.NO_SITE:
        items.append((False, _("The project has no location to compare with.")))
    if photo.reused_photo_id:
        items.append((True, _reuse_text(context.get("user"), photo.reused_photo)))
    if photo.check_note:
        items.append((True, photo.check_note))
    return {"items": items, "flagged": photo.is_flagged}


def _reuse_text(user, earlier) -> str:
    filing = earlier.filing
    project = filing.project
    if user is not None and may_view_project(user, project):
        return _("The same picture as a photo on %(project)s's report of month %(month)s.") % {
            "project": project.name, "month": filing.month}
    # Outside the reader's scope: that it exists is the finding; whose it is is not theirs.
    return _("The same picture as a photo on another project's report, outside your scope.")


@register.simple_tag
def flagged_count(photos) -> int:
    return sum(1 for photo in photos if photo.is_flagged)


@register.simple_tag(takes_context=True)
def may_see_checks(context, project) -> bool:
    user = context.get("user")
    return user is not None and may_see_photo_checks(user, project)


@register.simple_tag
def photo_checks_summary(project) -> dict:
    """The project's photos, how many are flagged, and the months with flags: one query."""
    rows = (ReportPhoto.objects.filter(filing__project=project).values("filing__month")
            .annotate(n=Count("id"), flagged=Count("id", filter=Q(is_flagged=True)))
            .order_by("filing__month"))
    rows = list(rows)
    return {"photos": sum(r["n"] for r in rows), "flagged": sum(r["flagged"] for r in rows),
            "months": [(r["filing__month"], r["flagged"]) for r in rows if r["flagged"]]}
