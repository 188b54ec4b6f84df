"""Figures on progress pages: shares as percentages, money in 万元 / 亿元, lights by name."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def pct(share, places: int = 1) -> str:
    """0.4331 → "43.3%"; None → "—" (no data, never a division by zero)."""
    if share is None or share == "":
        return "—"
    value = (Decimal(share) * 100).quantize(Decimal(1).scaleb(-int(places)), ROUND_HALF_UP)
    return f"{value:.{int(places)}f}%"


@register.filter
def money(value, places: int = 2) -> str:
    """An amount with thousands separators (the unit is in the header or beside it)."""
    if value is None or value == "":
        return "—"
    amount = Decimal(value).quantize(Decimal(1).scaleb(-int(places)), ROUND_HALF_UP)
    return f"{amount:,.{int(places)}f}"


@register.filter
def yi(value_wan, places: int = 2) -> str:
    """万元 → 亿元 with separators: 14431008.91 → "1,443.10"."""
    if value_wan is None or value_wan == "":
        return "—"
    return money(Decimal(value_wan) / Decimal(10000), places)


@register.filter
def figure(value) -> str:
    """A count or a level as written: 996, 1443.1 (no trailing zeros)."""
    if value is None or value == "":
        return "—"
    value = Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


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
