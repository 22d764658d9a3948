"""What each feature says a vehicle cost (fuel, services, insurance premiums, other costs), for the
cost of ownership and the spend charts.

A feature registers a ``CostSource`` in its AppConfig.ready. ``months(user, vehicle_ids, start,
end)`` answers, in a constant number of queries, the live records' amounts summed per vehicle and
calendar month, in the owner's currency, dates in ``[start, end]`` (None: unbounded). A source
whose months are one GROUP BY gives it as ``grouped`` too (a values QuerySet of ``vehicle_id``,
``month``, ``amount``): the garage's totals per vehicle and per month are then summed in SQL
(``totals``), not from its thousands of vehicle-months in Python.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet


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
    # (user, vehicle_ids, start, end) -> the GROUP BY of months() as a values QuerySet; None: none
    grouped: Callable[..., QuerySet] | None = None

    def any(self, user, vehicle_ids: list[int]) -> bool:
        """Whether the vehicles have any cost of this source, ever (the home page's yes/no)."""
        if self.exists:
            return self.exists(user, vehicle_ids)
        return next(iter(self.months(user, vehicle_ids, None, None)), None) is not None


@dataclass
class Totals:
    """A source's amounts summed per vehicle (with the vehicle's first month) and per month."""

    vehicles: dict[int, tuple[Decimal, datetime.date]]
    months: dict[datetime.date, Decimal]


# The grouped rows summed again both ways in one statement; a vehicle's row has no month (GROUPING 1).
TOTALS_SQL = """SELECT vehicle_id, month::date, SUM(amount), MIN(month::date), GROUPING(month::date)
FROM ({rows}) AS grouped GROUP BY GROUPING SETS ((vehicle_id), (month::date))"""


def totals(source: CostSource, user, vehicle_ids: list[int], start, end) -> Totals:
    """What the cost of ownership reads of a source: one query, a few hundred rows."""
    found = Totals({}, {})
    if source.grouped is None:
        for row in source.months(user, vehicle_ids, start, end):
            amount, first = found.vehicles.get(row.vehicle_id, (Decimal(0), row.month))
            found.vehicles[row.vehicle_id] = (amount + row.amount, min(first, row.month))
            found.months[row.month] = found.months.get(row.month, Decimal(0)) + row.amount
        return found
    try:
        sql, params = source.grouped(user, vehicle_ids, start, end).query.sql_with_params()
    except EmptyResultSet:  # no vehicle: nothing to sum
        return found
    with connection.cursor() as cursor:
        cursor.execute(TOTALS_SQL.format(rows=sql), params)
        for vehicle_id, month, amount, first, per_vehicle in cursor.fetchall():
            if per_vehicle:
                found.vehicles[vehicle_id] = (amount, first)
            else:
                found.months[month] = amount
    return found


SOURCES: list[CostSource] = []


def register(source: CostSource) -> None:
    if source not in SOURCES:
        SOURCES.append(source)
