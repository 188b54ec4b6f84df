"""How a target reads on a page: its commitment badge and a clear figure such as 「≥ 3000 亿元」."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tuijin.plans.models import Target

register = template.Library()


def plain_number(value: Decimal) -> str:
    """3000.0000 → 3000, 6.5000 → 6.5, 25000 → 25,000 (grouping only past four digits, as a
    Chinese reader writes 3000亿元 but 25,000万元)."""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        normal = normal.quantize(Decimal(1))
    # Django's zh-hans format has no thousands separator, so group here, locale-independently.
    return f"{normal:,f}" if abs(normal) >= 10000 else f"{normal:f}"


def target_figure_text(target: Target) -> str:
    """The target as symbol, value and unit; empty for a qualitative target."""
    if target.basis == Target.Basis.QUALITATIVE or target.value is None:
        return ""
    symbol = target.get_comparator_display()
    if target.basis == Target.Basis.GROWTH:
        sign = "+" if target.value > 0 else ""
        return _("growth %(symbol)s %(value)s%%") % {
            "symbol": symbol, "value": sign + plain_number(target.value)}
    if target.basis == Target.Basis.MULTIPLE:
        return _("%(symbol)s %(value)s × baseline") % {
            "symbol": symbol, "value": plain_number(target.value)}
    return f"{symbol} {plain_number(target.value)} {target.unit}".strip()


@register.simple_tag
def commitment_badge(target: Target) -> str:
    # 确保 is a hard floor, 力争 a stretch (DESIGN.md §3); a plain target gets no badge.
    if target.commitment == Target.Commitment.MUST:
        return format_html('<span class="badge must">{}</span>', pgettext("commitment", "Must"))
    if target.commitment == Target.Commitment.STRIVE:
        return format_html(
            '<span class="badge strive">{}</span>', pgettext("commitment", "Strive")
        )
    return ""


@register.simple_tag
def target_figure(target: Target) -> str:
    text = target_figure_text(target)
    return format_html('<span class="figure">{}</span>', text) if text else ""
