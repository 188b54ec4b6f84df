"""A share as people read it: 0.4331 → 43.3%.

Completion, time progress, the yellow band and the reporting rates are all shares (0–1) in
the code; pages and messages show them as percentages through ``percent``.
"""

from decimal import ROUND_HALF_UP, Decimal


def percent(share: Decimal | str | None, places: int = 1, *, rounding: str = ROUND_HALF_UP
            ) -> str:
    """0.4331 → "43.3%"; None (or an empty template value) → "—" (no data, never a division
    by zero)."""
    if share is None or share == "":
        return "—"
    places = int(places)
    value = (Decimal(share) * 100).quantize(Decimal(1).scaleb(-places), rounding)
    return f"{value:.{places}f}%"
