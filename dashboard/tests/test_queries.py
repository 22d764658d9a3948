"""The home page's queries: the same for one vehicle as for fifty with years of history, on the
first visit after a change and from the cache."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from costs.models import OtherCost
from dashboard.tests.conftest import car
from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_logs_import
from vehicles.models import OdometerReading, Vehicle

pytestmark = pytest.mark.django_db

YEARS = 4

# First visit: the session's user, then the glance (this month's fuel, the vehicles by their last
# fill-up), the garage's costs (the vehicles, one query a cost source: fuel, other costs, services,
# and documents' premiums in two (their vehicles, then the documents); one for every odometer
# source together: readings, fill-ups and services), what is due next (the live vehicles, then the
# providers: maintenance its vehicles and reminders, documents its notice days and expiring
# documents), and
# where fuel is cheapest (the fuels bought this year, then the stations' provider). With a period,
# the garage's costs twice: over the period, and over all time (whether there is anything to count
# at all). From the cache: the user only. The charts' JSON: the user and the garage's costs.
EXPECTED = {"/": (16, 1), "/?start=2023-01-01&end=2024-12-31": (17, 1), "/costs/charts.json": (8, 1)}


def history(owner, vehicles: int):
    """Each vehicle: a fill-up, an odometer reading and an insurance payment every month for YEARS."""
    logs, readings, costs = [], [], []
    for number in range(vehicles):
        vehicle = car(owner, f"Car {number}", purchase_date=datetime.date(2022, 1, 1), purchase_price=Decimal(20000),
                      current_value=Decimal(12000))  # fmt: skip
        for month in range(12 * YEARS):
            day = datetime.date(2022 + month // 12, month % 12 + 1, 10)
            noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
            logs.append(
                FuelLog(owner=owner, vehicle=vehicle, filled_at=noon, odometer_km=Decimal(1000 * month + 500),
                        quantity=Decimal(40), price_per_unit=Decimal("1.8"), total_cost=Decimal("72.00"))
            )  # fmt: skip
            readings.append(
                OdometerReading(owner=owner, vehicle=vehicle, date=day, odometer_km=Decimal(1000 * month + 900))
            )
            costs.append(OtherCost(owner=owner, vehicle=vehicle, date=day, amount=Decimal(60), category="insurance"))
    fuel_logs_import(logs=logs)
    OdometerReading.objects.bulk_create(readings)
    OtherCost.objects.bulk_create(costs)


def counts(client, owner) -> dict:
    measured = {}
    for url in EXPECTED:
        Vehicle.objects.filter(owner=owner).first().save()  # a change: the data version moves on
        visits = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            visits.append(len(queries))
        measured[url] = tuple(visits)
    return measured


@pytest.mark.parametrize("vehicles", [1, 50])
def test_the_home_page_queries_do_not_grow_with_the_garage(owner_client, owner, vehicles):
    with time_machine.travel(datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC), tick=False):
        history(owner, vehicles)
        assert counts(owner_client, owner) == EXPECTED
        page = owner_client.get("/").content.decode()
        assert page.count('href="/vehicles/') >= vehicles and "What each vehicle costs" in page
