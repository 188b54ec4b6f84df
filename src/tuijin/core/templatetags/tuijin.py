"""tuijin's one template-tag library (``{% load tuijin %}``): how figures, lights and targets
read on a page.

The filters only lay out; the formatting itself lives in ``core/money.py`` (amounts) and
``core/shares.py`` (percentages), which messages and exports use too. ``core`` imports no other
app (STYLE.md §1), so lights, statuses and targets arrive here as plain values or as any object
with a target's fields.
"""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tuijin.core.money import grouped_amount, plain_amount, wan_to
from tuijin.core.shares import percent

register = template.Library()


# ------------------------------------------------------------------------------- figures


@register.filter
def pct(share, places: int = 1) -> str:
    """0.4331 → "43.3%"; None → "—"."""
    return percent(share, places)


@register.filter
def wan(value_wan, places: int = 2) -> str:
    """An amount in 万元 as the column header says: 12345.6789 → "12,345.68"; None → "—"."""
    return grouped_amount(value_wan, places)


@register.filter
def yi(value_wan, places: int = 2) -> str:
    """万元 → 亿元 with separators: 14431008.91 → "1,443.10"; None → "—"."""
    if value_wan is None or value_wan == "":
        return "—"
    return grouped_amount(wan_to(Decimal(value_wan), "亿元"), places)


@register.filter
def figure(value) -> str:
    """A count or a level as written: 996, 1,443.1 (two places at most, no trailing zeros)."""
    if value is None or value == "":
        return "—"
    return plain_amount(Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP))


# --------------------------------------------------------------------------------- labels


@register.filter
def light_label(light) -> str:
    return {"green": _("green"), "yellow": _("yellow"), "red": _("red"),
            "none": _("no data")}.get(str(light), str(light))


@register.filter
def status_label(status) -> str:
    return {"met": _("met"), "on_track": _("on track"), "behind": _("behind"),
            "no_data": _("no data")}.get(str(status), str(status))


@register.filter
def commitment_label(commitment) -> str:
    return {"must": _("must (确保)"), "strive": _("strive (力争)")}.get(str(commitment), "")


# -------------------------------------------------------------------------------- targets


def target_figure_text(target) -> str:
    """A target (``plans.models.Target``) as symbol, value and unit, such as 「≥ 3000 亿元」;
    empty for a qualitative target."""
    if target.basis == "qualitative" or target.value is None:
        return ""
    symbol = target.get_comparator_display()
    value = plain_amount(target.value, grouping_from=10000)
    if target.basis == "growth":
        sign = "+" if target.value > 0 else ""
        return _("growth %(symbol)s %(value)s%%") % {"symbol": symbol, "value": sign + value}
    if target.basis == "multiple":
        return _("%(symbol)s %(value)s × baseline") % {"symbol": symbol, "value": value}
    return f"{symbol} {value} {target.unit}".strip()


@register.simple_tag
def commitment_badge(target) -> str:
    # 确保 is a hard floor, 力争 a stretch (DESIGN.md §3); a plain target gets no badge.
    if target.commitment == "must":
        return format_html('<span class="badge must">{}</span>', pgettext("commitment", "Must"))
    if target.commitment == "strive":
        return format_html(
            '<span class="badge strive">{}</span>', pgettext("commitment", "Strive")
        )
    return ""


@register.simple_tag
def target_figure(target) -> str:
    text = target_figure_text(target)
    return format_html('<span class="figure">{}</span>', text) if text else ""


# -------------------------------------------------------------------------------- uploads


@register.simple_tag
def photo_limits() -> dict:
    """``{% photo_limits as limits %}``: the photo settings a form states (limits.max_mb,
    limits.per_report); projects.photos enforces them."""
    return {"max_mb": settings.TUIJIN_PHOTO_MAX_MB,
            "per_report": settings.TUIJIN_PHOTOS_PER_REPORT}


@register.simple_tag(takes_context=True)
def top_bar_plan(context):
    """The plan the top bar shows: the page's own, else the plan the user works in
    (accounts.context_processors.navigation, read lazily), else none — pages drawn without
    the context processors (the busy page) simply have no plan."""
    return context.get("plan") or context.get("nav_plan")
