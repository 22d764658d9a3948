"""Query counts of the station pages: the same with a few fill-ups at a few stations as with
thousands at dozens, so no page reads stations or prices one by one (N+1)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_logs_import
from stations.models import Station

pytestmark = pytest.mark.django_db

# Each page's queries on a first visit after a change, then on the next. The user (the session is
# read from Redis), and the station the URL names, never cached; then on the first visit: the
# stations found (the list, never cached: a search); the station's fill-ups (its prices and their
# history); the fuels bought at stations, the stations with their newest price (one query, a
# subquery a station) and the vehicles (the cheapest ranking).
EXPECTED = {
    "list": ("/stations/", (2, 2)),
    "list, searched": ("/stations/?q=station", (2, 2)),
    "station page": ("/stations/{s}/", (3, 2)),
    "cheapest": ("/stations/cheapest/", (4, 1)),
    "cheapest, nearest first": ("/stations/cheapest/?days=3650&latitude=48.1&longitude=11.5", (4, 1)),
    "add": ("/stations/add/", (1, 1)),
    "find (no provider)": ("/stations/find/", (1, 1)),
}


def stock(vehicle, stations: int, fill_ups: int, first: int = 0) -> None:
    """``stations`` more stations, and ``fill_ups`` more fill-ups spread over all of them."""
    Station.objects.bulk_create(
        Station(owner=vehicle.owner, name=f"Station {n}", latitude=Decimal(48 + n / 100), longitude=Decimal(11))
        for n in range(first, first + stations)
    )
    ids = list(Station.objects.filter(owner=vehicle.owner).values_list("pk", flat=True))
    start = timezone.now() - datetime.timedelta(days=1000)
    fuel_logs_import(
        logs=(
            FuelLog(
                owner=vehicle.owner, vehicle=vehicle, station_id=ids[n % len(ids)],
                filled_at=start + datetime.timedelta(hours=6 * n), odometer_km=Decimal(50 * n),
                quantity=Decimal("40"), price_per_unit=Decimal("1.5") + Decimal(n % 7) / 100,
                total_cost=Decimal("60.00"), fuel_grade="Regular",
            )
            for n in range(first * 100, first * 100 + fill_ups)
        )
    )  # fmt: skip


def counts(client, station) -> dict[str, tuple[int, int]]:
    measured = {}
    for name, (url, _) in EXPECTED.items():
        station.save()  # a change: the data version moves on
        visits = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url.format(s=station.pk))
            assert response.status_code == 200, name
            visits.append(len(queries))
        measured[name] = tuple(visits)
    return measured


def test_query_counts_are_the_same_with_few_and_many_stations_and_fill_ups(owner_client, vehicle):
    vehicle.tank_capacity_l = Decimal(50)
    vehicle.save()
    stock(vehicle, 3, 10)
    station = Station.objects.order_by("pk").first()
    few = counts(owner_client, station)
    stock(vehicle, 60, 3_000, first=3)
    many = counts(owner_client, station)
    assert few == many == {name: expected for name, (_, expected) in EXPECTED.items()}
