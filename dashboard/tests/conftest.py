"""A small garage whose every figure is worked out by hand in the tests (see test_figures.py)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from costs.models import OtherCost
from costs.services import cost_save
from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create
from vehicles.models import OdometerReading, Vehicle

TODAY = datetime.date(2026, 6, 30)


def noon(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(12)))


def fill(vehicle, day: str, odometer_km, quantity, price, energy="petrol") -> FuelLog:
    quantity, price = Decimal(quantity), Decimal(price)
    total = (quantity * price).quantize(Decimal("0.01"))
    log, _ = fuel_log_create(
        log=FuelLog(
            owner=vehicle.owner, vehicle=vehicle, filled_at=noon(day), odometer_km=Decimal(odometer_km),
            energy=energy, quantity=quantity, price_per_unit=price, total_cost=total,
        )
    )  # fmt: skip
    return log


def cost(vehicle, day: str, amount: str, category="other", recurrence="", today=TODAY, **extra) -> OtherCost:
    return cost_save(
        cost=OtherCost(
            owner=vehicle.owner, vehicle=vehicle, date=datetime.date.fromisoformat(day), amount=Decimal(amount),
            category=category, recurrence=recurrence, **extra,
        ),
        today=today,
    )  # fmt: skip


def car(owner, name: str, **fields) -> Vehicle:
    return Vehicle.objects.create(
        owner=owner, year=2020, make="Make", model=name, nickname=name,
        distance_unit="km", volume_unit="l", economy_unit="l_100km", **fields,
    )  # fmt: skip


@pytest.fixture
def garage(owner):
    """Four vehicles (figures in test_figures.py):
    sold: bought 1 Jan 2024 for 20,000.00 at 10,000 km, sold 31 Dec 2025 for 14,000.00; two fill-ups, a tax;
    no-fuel: bought 1 Jan 2025 for 10,000.00, losing 10 % a year; no fill-up, two odometer readings,
      insurance of 50.00 every month from 15 Nov 2025 (eight payments to 30 Jun 2026);
    phev: a plug-in hybrid with no purchase price: two petrol and two electricity fill-ups;
    valued: bought 1 Jan 2026 for 30,000.00, worth 27,000.00 now, nothing else."""
    owner.currency = "USD"
    owner.save()
    sold = car(
        owner, "Sold", purchase_date=datetime.date(2024, 1, 1), purchase_price=Decimal("20000.00"),
        purchase_odometer_km=Decimal(10000), sold_date=datetime.date(2025, 12, 31), sold_price=Decimal("14000.00"),
    )  # fmt: skip
    fill(sold, "2024-03-10", 10500, "40", "1.50")
    fill(sold, "2025-06-10", 30000, "50", "2.00")
    cost(sold, "2024-05-01", "150.00", category="tax")
    no_fuel = car(
        owner, "NoFuel", purchase_date=datetime.date(2025, 1, 1), purchase_price=Decimal("10000.00"),
        depreciation="percent", depreciation_percent=Decimal("10"),
    )  # fmt: skip
    OdometerReading.objects.create(owner=owner, vehicle=no_fuel, date=datetime.date(2025, 1, 1), odometer_km=5000)
    OdometerReading.objects.create(owner=owner, vehicle=no_fuel, date=datetime.date(2026, 6, 1), odometer_km=9000)
    cost(no_fuel, "2025-11-15", "50.00", category="insurance", recurrence="monthly")
    phev = car(owner, "Phev", fuel_type="phev")
    fill(phev, "2026-02-01", 1000, "30", "1.60")
    fill(phev, "2026-02-15", 1300, "10", "0.30", energy="electricity")
    fill(phev, "2026-03-01", 1600, "20", "1.60")
    fill(phev, "2026-03-15", 1800, "12", "0.30", energy="electricity")
    valued = car(
        owner, "Valued", purchase_date=datetime.date(2026, 1, 1), purchase_price=Decimal("30000.00"),
        current_value=Decimal("27000.00"),
    )  # fmt: skip
    return {"sold": sold, "no_fuel": no_fuel, "phev": phev, "valued": valued}
