"""CSV export: our own format, units in the header, only the user's fill-ups."""

import csv
import io
from decimal import Decimal

import pytest

from motovault.units import to_km, to_litres

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_vehicles_fill_ups_in_its_units(owner_client, vehicle, fill):
    log = fill(vehicle, to_km(Decimal(10_300), "mi"), to_litres(Decimal("12.345"), "us_gal"), price="0.91377")
    log.fuel_grade, log.notes, log.is_full = "Regular 87", 'Costco, "pump 4"', False
    log.save()
    response = owner_client.get(f"/vehicles/{vehicle.pk}/fuel/export.csv")
    assert response["Content-Disposition"] == f'attachment; filename="fuel-logs-{vehicle.pk}.csv"'
    assert rows(response) == [
        [
            "date",
            "vehicle",
            "odometer (mi)",
            "energy",
            "quantity",
            "quantity unit",
            "price per unit",
            "total cost",
            "fuel grade",
            "full tank",
            "missed previous fill-up",
            "notes",
            "distance on this energy (mi)",
            "state of charge at start",
            "state of charge at end",
            "station",
        ],
        [
            "2024-01-01T08:00:00+00:00",
            "Civic",
            "10300",
            "petrol",
            "12.345",
            "gal",
            "3.459",
            "42.70",  # 12.345 gal at 3.459, to the cent
            "Regular 87",
            "no",
            "no",
            'Costco, "pump 4"',
            "",
            "",
            "",
            "",
        ],
    ]


def test_all_fill_ups_of_the_garage_in_km_when_units_differ(owner_client, vehicle, metric_car, fill, other_user):
    from vehicles.models import Vehicle

    fill(vehicle, 1000, 40)
    fill(metric_car, 2000, 30)
    theirs = Vehicle.objects.create(owner=other_user, year=2015, make="Ford", model="Focus")
    fill(theirs, 3000, 30)
    exported = rows(owner_client.get("/fuel/export.csv"))
    assert exported[0][2] == "odometer (km)"
    assert [(row[1], row[2], row[5]) for row in exported[1:]] == [
        ("Civic", "1000", "gal"),
        ("2019 Skoda Octavia", "2000", "L"),
    ]


def test_a_charge_is_in_kwh(owner_client, owner, fill):
    from vehicles.models import Vehicle

    ev = Vehicle.objects.create(
        owner=owner, year=2021, make="Tesla", model="Model 3", fuel_type="electric", distance_unit="km"
    )
    fill(ev, 1000, 50, energy="electricity", price="0.30")
    [_, row] = rows(owner_client.get(f"/vehicles/{ev.pk}/fuel/export.csv"))
    assert row[3:8] == ["electricity", "50", "kWh", "0.3", "15.00"]
