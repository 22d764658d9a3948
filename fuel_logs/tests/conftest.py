"""Fill-ups made the way the app makes them: through the service, so economy is computed."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create, fuel_logs_import
from vehicles.models import Vehicle

START = timezone.make_aware(datetime.datetime(2024, 1, 1, 8, 0))
BULK_START = timezone.make_aware(datetime.datetime(2015, 1, 1, 7, 0))


@pytest.fixture
def metric_car(owner):
    """Alice's second car, in kilometres and litres, so hand-computed figures stay readable."""
    return Vehicle.objects.create(
        owner=owner, year=2019, make="Skoda", model="Octavia", distance_unit="km", volume_unit="l", economy_unit="km_l"
    )


@pytest.fixture
def phev(owner):
    """Alice's plug-in hybrid: petrol and electricity, in km and litres, consumption per 100 km."""
    return Vehicle.objects.create(
        owner=owner,
        year=2022,
        make="Toyota",
        model="Prius Prime",
        fuel_type="phev",
        distance_unit="km",
        volume_unit="l",
        economy_unit="l_100km",
    )


@pytest.fixture
def fill(owner):
    """``fill(vehicle, odometer_km, quantity, ...)``: one fill-up, a day after the previous one
    unless ``day`` says when (days after 1 Jan 2024); ``told``: its distance on this energy (km)."""
    days = iter(range(10_000))

    def make(
        vehicle, odometer_km, quantity, *, full=True, missed=False, energy="petrol", day=None, price="1.500", told=None
    ):
        quantity, price = Decimal(str(quantity)), Decimal(price)
        log, _ = fuel_log_create(
            log=FuelLog(
                owner=vehicle.owner,
                vehicle=vehicle,
                filled_at=START + datetime.timedelta(days=next(days) if day is None else day),
                odometer_km=Decimal(str(odometer_km)),
                energy=energy,
                quantity=quantity,
                price_per_unit=price,
                total_cost=(quantity * price).quantize(Decimal("0.01")),
                is_full=full,
                missed_previous=missed,
                energy_distance_km=None if told is None else Decimal(str(told)),
            )
        )
        return log

    return make


@pytest.fixture
def form_data():
    """``form_data(**changes)``: what the fill-up form posts for 10 gal at 3.459 on 1 Mar 2024."""

    def make(**changes) -> dict:
        data = {
            "filled_at": "2024-03-01T08:00",
            "odometer": "10300",
            "energy": "petrol",
            "quantity": "10",
            "price": "3.459",
            "total_cost": "",
            "fuel_grade": "Regular 87",
            "is_full": "on",
            "notes": "",
            "entry_token": str(uuid.uuid4()),
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return make


@pytest.fixture
def bulk_fill():
    """``bulk_fill(vehicle, count, first=0)``: fill-ups every 6 hours and 50 km from 2015, every
    other one partial (so each figure is 100 km on 8 L), stored by the import service."""

    def make(vehicle, count: int, first: int = 0) -> None:
        fuel_logs_import(
            logs=(
                FuelLog(
                    owner=vehicle.owner,
                    vehicle=vehicle,
                    filled_at=BULK_START + datetime.timedelta(hours=6 * n),
                    odometer_km=Decimal(50 * n),
                    quantity=Decimal("4.0000"),
                    price_per_unit=Decimal("1.50000"),
                    total_cost=Decimal("6.00"),
                    is_full=n % 2 == 0,
                )
                for n in range(first, first + count)
            )
        )

    return make
