"""Reads of other costs: the cost source of the cost of ownership, a vehicle's list, the trash."""

import datetime
from collections.abc import Iterator

from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncMonth

from costs.models import OtherCost
from vehicles.costs import MonthCost


def cost_grouped(user, vehicle_ids: list[int], start: datetime.date | None, end: datetime.date | None) -> QuerySet:
    """The live costs summed per vehicle and month (one query)."""
    costs = OtherCost.objects.for_user(user).filter(vehicle_id__in=vehicle_ids)
    if start:
        costs = costs.filter(date__gte=start)
    if end:
        costs = costs.filter(date__lte=end)
    return costs.values("vehicle_id", month=TruncMonth("date")).annotate(amount=Sum("amount")).order_by()


def cost_months(
    user, vehicle_ids: list[int], start: datetime.date | None, end: datetime.date | None
) -> Iterator[MonthCost]:
    for row in cost_grouped(user, vehicle_ids, start, end):
        yield MonthCost(row["vehicle_id"], row["month"], row["amount"])


def trashed_costs(user, limit: int = 100) -> list[OtherCost]:
    trashed = OtherCost.objects.trashed_for_user(user).filter(vehicle__deleted_at__isnull=True)
    return list(trashed.select_related("vehicle").order_by("-deleted_at")[:limit])
