"""Fuel as a cost source of the cost of ownership: fill-up totals per vehicle and month, the month
being the owner's (a fill-up at 23:30 on the 31st in Auckland counts for that month)."""

import datetime
from collections.abc import Iterator

from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncMonth

from fuel_logs.analytics import period
from fuel_logs.models import FuelLog
from motovault.clock import zone
from vehicles.costs import MonthCost


def fuel_grouped(user, vehicle_ids: list[int], start: datetime.date | None, end: datetime.date | None) -> QuerySet:
    logs = period(FuelLog.objects.for_user(user).filter(vehicle_id__in=vehicle_ids), start, end)
    return (
        logs.values("vehicle_id", month=TruncMonth("filled_at", tzinfo=zone(user)))
        .annotate(amount=Sum("total_cost"))
        .order_by()
    )


def fuel_months(
    user, vehicle_ids: list[int], start: datetime.date | None, end: datetime.date | None
) -> Iterator[MonthCost]:
    for row in fuel_grouped(user, vehicle_ids, start, end):
        yield MonthCost(row["vehicle_id"], row["month"].date(), row["amount"])


def fuel_exists(user, vehicle_ids: list[int]) -> bool:
    """Whether any live fill-up counts, without summing 100,000 of them."""
    return FuelLog.objects.for_user(user).filter(vehicle_id__in=vehicle_ids).exists()
