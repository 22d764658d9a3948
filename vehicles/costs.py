"""What each feature says a vehicle cost (fuel, services, insurance premiums, other costs), for the
cost of ownership and the spend charts.

A feature registers a ``CostSource`` in its AppConfig.ready. ``months(user, vehicle_ids, start,
end)`` answers, in a constant number of queries, the live records' amounts summed per vehicle and
calendar month, in the owner's currency, dates in ``[start, end]`` (None: unbounded).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class MonthCost:
    vehicle_id: int
    month: datetime.date  # the first day of the month
    amount: Decimal


@dataclass(frozen=True)
class CostSource:
    category: str  # a slug: "fuel", "maintenance", "insurance", "other"...
    label: str  # what a page calls it
    months: Callable[..., Iterable[MonthCost]]  # (user, vehicle_ids, start, end)
    # (user, vehicle_ids) -> whether any live record counts, by EXISTS; None: the first of months()
    exists: Callable[..., bool] | None = None

    def any(self, user, vehicle_ids: list[int]) -> bool:
        """Whether the vehicles have any cost of this source, ever (the home page's yes/no)."""
        if self.exists:
            return self.exists(user, vehicle_ids)
        return next(iter(self.months(user, vehicle_ids, None, None)), None) is not None


SOURCES: list[CostSource] = []


def register(source: CostSource) -> None:
    if source not in SOURCES:
        SOURCES.append(source)
