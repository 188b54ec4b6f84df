"""Money on project pages: 万元 with thousands separators, whatever the interface language.

Django's zh-hans number format groups by nothing; our users' sheets write 12,345.67, so we do.
"""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def wan(value, places: int = 2) -> str:
    """12345.6789 → "12,345.68" (the unit 万元 is in the column header)."""
    if value is None or value == "":
        return "—"
    amount = Decimal(value).quantize(Decimal(1).scaleb(-int(places)), ROUND_HALF_UP)
    return f"{amount:,.{int(places)}f}"
