"""The home page's values, memoized per user and keyed by ``today``: what each vehicle has been up
to, and this month's fuel spend."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.selectors import vehicles_by_last_fill_up
from motovault.caching import per_user
from motovault.clock import zone as zone_of
from vehicles.models import Vehicle


@dataclass
class VehicleGlance:
    vehicle: Vehicle
    days_since_fill_up: int | None


@dataclass
class Glance:
    vehicles: list[VehicleGlance]
    month: datetime.date  # its first day
    month_fuel_spend: Decimal


@per_user("dashboard-glance")
def glance(user, today: datetime.date) -> Glance:
    """The garage on ``today`` (the user's day): each vehicle with its odometer and the days since
    its last fill-up, and the fuel bought since the first of the month."""
    zone = zone_of(user)
    first_of_month = today.replace(day=1)
    since = datetime.datetime.combine(first_of_month, datetime.time(), zone)
    until = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(), zone)
    spend = FuelLog.objects.for_user(user).filter(filled_at__gte=since, filled_at__lt=until)
    spend = spend.aggregate(total=Sum("total_cost"))["total"] or Decimal(0)
    vehicles = [
        VehicleGlance(
            vehicle, (today - timezone.localdate(vehicle.last_filled_at, zone)).days if vehicle.last_filled_at else None
        )
        for vehicle in vehicles_by_last_fill_up(user)
    ]
    return Glance(vehicles, first_of_month, spend)
