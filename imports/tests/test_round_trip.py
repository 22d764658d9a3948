"""The account's export is a backup that comes back: imported into an empty account, it gives the
same vehicles and the same fill-ups, record for record, with the same economy."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_logs_import
from motovault import accountdata, units
from stations.services import station_named
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime.datetime(2024, 1, 1, 7, 30))


def garage(user) -> list[tuple]:
    vehicles = Vehicle.objects.filter(owner=user, deleted_at__isnull=True).order_by("nickname")
    fields = ("year", "make", "model", "nickname", "vin", "fuel_type", "distance_unit", "volume_unit", "economy_unit")
    return [tuple(getattr(v, name) for name in fields) for v in vehicles]


def fill_ups(user) -> list[tuple]:
    logs = (
        FuelLog.objects.filter(owner=user)
        .select_related("vehicle", "station")
        .order_by("vehicle__nickname", "filled_at")
    )
    return [
        (
            log.vehicle.nickname, log.filled_at, units.rounded(log.odometer, 1), log.energy,
            units.rounded(log.quantity_display, 3), units.rounded(log.price_display, 3), log.total_cost,
            log.fuel_grade, log.is_full, log.missed_previous, log.notes, log.energy_distance_km,
            log.charge_start_percent, log.charge_end_percent, log.station and log.station.name,
            log.economy and units.rounded(log.economy, 2),
        )
        for log in logs
    ]  # fmt: skip


def test_an_accounts_export_imports_into_an_empty_account_record_for_record(owner, other_user, run_import):
    commuter = Vehicle.objects.create(
        owner=owner, year=2012, make="Honda", model="Civic", nickname="Commuter", vin="1HGCM82633A004352",
        distance_unit="mi", volume_unit="us_gal", economy_unit="mpg_us",
    )  # fmt: skip
    plug_in = Vehicle.objects.create(
        owner=owner, year=2022, make="Toyota", model="Prius Prime", nickname="Plug-in", fuel_type="phev",
        distance_unit="km", volume_unit="l", economy_unit="l_100km",
    )  # fmt: skip
    rows = [
        (commuter, 0, "16093.440", "petrol", "37.8541", "0.91379", "34.59", True, False, "Regular 87", ""),
        (commuter, 9, "16576.243", "petrol", "18.9271", "0.89796", "17.00", False, False, "", "=SUM(A1:A2)"),
        (commuter, 20, "17059.046", "petrol", "22.7125", "0.90000", "20.44", True, False, "", "a note, with a comma"),
        (commuter, 30, "17541.850", "petrol", "30.2833", "0.90000", "27.26", True, True, "", ""),
        (plug_in, 1, "1000.000", "petrol", "30.0000", "1.80000", "54.00", True, False, "Super 95", ""),
        (plug_in, 2, "1000.000", "electricity", "8.0000", "0.30000", "2.40", True, False, "", "home"),
        (plug_in, 12, "1600.000", "electricity", "9.0000", "0.30000", "2.70", True, False, "", ""),
        (plug_in, 13, "1650.000", "petrol", "25.0000", "1.80000", "50.00", True, False, "", "-discount"),
    ]
    costco = station_named(owner=owner, name="Costco", latitude=Decimal("47.6"), longitude=Decimal("-122.3"))
    # By (vehicle, day): the split (km on this energy), the charge's percents, the station.
    more = {
        (commuter, 0): (None, None, None, costco),
        (plug_in, 2): (0, 20, 100, None),
        (plug_in, 12): (550, 15, 100, None),
        (plug_in, 13): (40, None, None, costco),
    }
    extra = ("energy_distance_km", "charge_start_percent", "charge_end_percent", "station")
    fuel_logs_import(
        logs=[
            FuelLog(
                owner=owner, vehicle=vehicle, filled_at=START + datetime.timedelta(days=day), odometer_km=Decimal(km),
                energy=energy, quantity=Decimal(quantity), price_per_unit=Decimal(price), total_cost=Decimal(total),
                is_full=full, missed_previous=missed, fuel_grade=grade, notes=notes,
                **dict(zip(extra, more.get((vehicle, day), (None,) * 4), strict=True)),
            )
            for vehicle, day, km, energy, quantity, price, total, full, missed, grade, notes in rows
        ]
    )  # fmt: skip
    export = b"".join(accountdata.export_zip(owner))

    result = run_import(export, user=other_user)

    assert result["stored"] == 8 and all(vehicle["new"] for vehicle in result["vehicles"])
    assert garage(other_user) == garage(owner)
    assert fill_ups(other_user) == fill_ups(owner)
    # Hand-checked: the Civic's 16093.44 → 17059.046 km segment is 600 mi on 5 + 6 gal: 54.55 mpg;
    # the Prius's charges: 550 of 600 km on the battery, on 9 kWh: 1.64 kWh/100 km; its petrol:
    # 50 (600 - 550) + 40 of 650 km on petrol, on 25 L: 27.78 L/100 km.
    economy = {(row[0], row[3]): row[-1] for row in fill_ups(other_user) if row[-1]}
    assert economy == {
        ("Commuter", "petrol"): Decimal("54.55"),
        ("Plug-in", "electricity"): Decimal("1.64"),
        ("Plug-in", "petrol"): Decimal("27.78"),
    }
