"""Rankings (排名) of districts and domains by completion rate, and the lagging list.

Ties share a rank and the next rank skips (1, 1, 3: "competition" ranking, as bulletins print
it); within a tie the order is stable by the given sort key (division code, domain number).
Entries with no data (nothing planned) come last, unranked.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Ranked(Generic[T]):
    rank: int | None  # None: no data, unranked
    item: T
    rate: Decimal | None


def rank_by_rate(items: Iterable[T], *, rate: Callable[[T], Decimal | None],
                 tie_key: Callable[[T], object]) -> list[Ranked[T]]:
    """Rank items by ``rate`` (highest first); equal rates share a rank."""
    scored = [(rate(item), item) for item in items]
    with_rate = sorted((pair for pair in scored if pair[0] is not None),
                       key=lambda pair: (-pair[0], tie_key(pair[1])))
    without = sorted((pair for pair in scored if pair[0] is None),
                     key=lambda pair: tie_key(pair[1]))
    ranked: list[Ranked[T]] = []
    previous: Decimal | None = None
    rank = 0
    for position, (value, item) in enumerate(with_rate, start=1):
        if value != previous:
            rank = position
            previous = value
        ranked.append(Ranked(rank=rank, item=item, rate=value))
    ranked.extend(Ranked(rank=None, item=item, rate=None) for _, item in without)
    return ranked


def lagging_order_key(*, completion: Decimal, planned_wan: Decimal, project_id: int) -> tuple:
    """Order of the lagging list (projects red by lag): the furthest behind first, then the
    largest planned amount (the biggest gap matters most), then id for a stable order."""
    return (completion, -planned_wan, project_id)


def missing_order_key(*, planned_wan: Decimal, project_id: int) -> tuple:
    """Order of the missing-report list: the largest planned amount first, then id."""
    return (-planned_wan, project_id)
