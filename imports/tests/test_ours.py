"""Our own fill-ups export, read back from a vehicle's page: units per row, formulas kept as text,
values too large for their column, cells too large for the CSV module."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from prometheus_client import REGISTRY

from fuel_logs.csv_io import header
from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_logs_import
from imports import plan as plans
from imports import services
from motovault import units
from stations.models import Station
from stations.services import station_named
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db


def csv_text(*rows: list[str], distance_unit: str = "km") -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(distance_unit))
    writer.writerows(rows)
    return out.getvalue()


def row(date="2024-01-01T08:00:00+00:00", odometer="1000", quantity="10", unit="L", price="1.5", notes=""):
    return [date, "Civic", odometer, "petrol", quantity, unit, price, "", "", "yes", "no", notes]


def into(vehicle, text: str) -> plans.Plan:
    """The plan of ``text`` imported from ``vehicle``'s fill-ups."""
    return plans.build(vehicle.owner, text.encode(), plans.Choices(into=str(vehicle.pk)))


def test_an_export_imports_into_another_vehicle_with_the_same_figures(owner_client, vehicle, fill, owner):
    from motovault.units import to_km, to_litres

    fill(vehicle, to_km(Decimal(10_000), "mi"), to_litres(Decimal(10), "us_gal"))
    fill(vehicle, to_km(Decimal(10_150), "mi"), to_litres(Decimal(5), "us_gal"), full=False)
    fill(vehicle, to_km(Decimal(10_300), "mi"), to_litres(Decimal(5), "us_gal"))
    exported = b"".join(owner_client.get(f"/vehicles/{vehicle.pk}/fuel/export.csv").streaming_content)
    twin = Vehicle.objects.create(
        owner=owner, year=2012, make="Honda", model="Civic", distance_unit="mi", volume_unit="us_gal"
    )
    services.import_run(user=owner, raw=exported, choices=plans.Choices(into=str(twin.pk)))
    imported = FuelLog.objects.filter(vehicle=twin).order_by("filled_at")
    assert [log.is_full for log in imported] == [True, False, True]
    assert round(imported.last().economy, 1) == Decimal("30.0")  # 300 mi on 10 gal


def test_a_plug_in_hybrids_mixed_file_and_a_unit_that_does_not_fit(owner, phev):
    rows = [
        ["2024-01-01T08:00", "", "0", "petrol", "30", "L", "1.8", "", "", "yes", "no", ""],
        ["2024-01-01T09:00", "", "0", "electricity", "8", "kWh", "0.3", "", "", "yes", "no", ""],
        ["2024-01-10T08:00", "", "1000", "electricity", "150", "kWh", "", "45", "", "yes", "no", ""],
    ]
    services.import_run(user=owner, raw=csv_text(*rows).encode(), choices=plans.Choices(into=str(phev.pk)))
    charge = FuelLog.objects.get(odometer_km=1000)
    # 1000 km between full charges, but a file without the split does not say how many were electric
    assert (charge.price_per_unit, charge.segment_odometer_km, charge.economy) == (Decimal("0.3"), 1000, None)
    wrong = ["2024-02-01T08:00", "", "2000", "petrol", "30", "kWh", "0.3", "", "", "yes", "no", ""]
    assert [str(r) for r in into(phev, csv_text(wrong)).rejected] == [
        "Line 2: Quantity unit “kWh”: expected a unit of petrol"
    ]


def test_the_split_the_state_of_charge_and_the_station_go_out_and_come_back(owner_client, owner, phev):
    start = datetime.datetime(2024, 3, 1, 8, tzinfo=datetime.UTC)
    shell = station_named(owner=owner, name="Shell", latitude=Decimal("48.1"), longitude=Decimal("11.5"))
    rows = [  # day, km, energy, quantity, price, told (km on this energy), charge from, to, station
        (0, 1000, "petrol", 30, "1.80", None, None, None, None),
        (0, 1000, "electricity", 8, "0.30", 0, 20, 100, None),
        (9, 1600, "electricity", 9, "0.30", 550, 15, 100, None),
        (10, 1650, "petrol", 25, "1.80", 40, None, None, shell),
    ]
    fuel_logs_import(
        logs=[
            FuelLog(
                owner=owner, vehicle=phev, filled_at=start + datetime.timedelta(days=day), odometer_km=km,
                energy=energy, quantity=quantity, price_per_unit=Decimal(price), total_cost=quantity * Decimal(price),
                energy_distance_km=told, charge_start_percent=low, charge_end_percent=high, station=station,
            )
            for day, km, energy, quantity, price, told, low, high, station in rows
        ]
    )  # fmt: skip
    exported = b"".join(owner_client.get(f"/vehicles/{phev.pk}/fuel/export.csv").streaming_content)
    lines = exported.decode().splitlines()
    assert lines[0].endswith("distance on this energy (km),state of charge at start,state of charge at end,station")
    assert lines[2].endswith(",0,20,100,") and lines[4].endswith(",40,,,Shell")
    twin = Vehicle.objects.create(
        owner=owner, year=2022, make="Toyota", model="Prius Prime", fuel_type="phev",
        distance_unit="km", volume_unit="l", economy_unit="l_100km",
    )  # fmt: skip

    services.import_run(user=owner, raw=exported, choices=plans.Choices(into=str(twin.pk)))

    def split(vehicle) -> list[tuple]:
        logs = FuelLog.objects.filter(vehicle=vehicle).order_by("filled_at", "id")
        fields = ("energy_distance_km", "charge_start_percent", "charge_end_percent", "station_id")
        return list(logs.values_list(*fields))

    assert split(twin) == split(phev)
    # Electricity: 1000 → 1600 km, 550 of them on the battery, 9 kWh: 1.64 kWh/100 km. Petrol:
    # 1000 → 1650 km, 50 (1600 - 1000 - 550) + 40 on petrol, 25 L: 27.78 L/100 km.
    economy = {
        log.energy: units.rounded(log.economy, 2) for log in FuelLog.objects.filter(vehicle=twin).complete_segments()
    }
    assert economy == {"electricity": Decimal("1.64"), "petrol": Decimal("27.78")}
    assert Station.objects.filter(owner=owner).count() == 1  # the name is the user's station already


def test_a_wrong_split_or_state_of_charge_is_rejected_by_line(phev):
    petrol = row()[:3] + ["petrol", "30", "L", "1.8", "", "", "yes", "no", "", "-5", "", "", ""]
    charge = row(date="2024-01-02T08:00:00+00:00", odometer="1100")[:3]
    charge += ["electricity", "8", "kWh", "0.3", "", "", "yes", "no", "", "", "90", "10", ""]
    assert [str(r) for r in into(phev, csv_text(petrol, charge)).rejected] == [
        "Line 2: Distance on this energy “-5”: A distance can't be negative.",
        "Line 3: Battery at end “10”: The end can't be below the start: a charge adds to it.",
    ]


def test_a_cell_larger_than_the_csv_modules_limit_is_a_clear_refusal(metric_car):
    with pytest.raises(plans.UnreadableFile, match="Line 2 cannot be read as CSV"):
        into(metric_car, csv_text(row(notes="x" * 200_000)))


@pytest.mark.parametrize(
    "odometer, quantity, price, reason",
    [
        ("999999999.999", "10", "1.5", "Odometer “999999999.999”: An odometer above 1,250,000 mi is not plausible."),
        ("1000", "99999999.999", "1.5", "Quantity “99999999.999”: A quantity above 500 gal is not plausible."),
        ("1000", "10", "99999999.999", "Price per gal “99999999.999”: A price above 100,000 a gal is not plausible."),
    ],
)
def test_a_row_too_large_for_its_column_is_rejected(vehicle, odometer, quantity, price, reason):
    text = csv_text(row(odometer=odometer, quantity=quantity, unit="gal", price=price), distance_unit="mi")
    assert f"Line 2: {reason}" in [str(r) for r in into(vehicle, text).rejected]


def test_the_same_fill_up_twice_in_one_file_is_imported_once(metric_car):
    plan = into(metric_car, csv_text(row(), row(), row(date="2024-01-02T08:00:00+00:00", odometer="1500")))
    [vehicle_plan] = plan.vehicles
    assert (vehicle_plan.lines, vehicle_plan.duplicates, plan.rejected) == ([2, 4], [3], [])


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "'=quoted"])
def test_a_formula_leaves_the_export_as_text_and_comes_back_as_it_was(owner_client, owner, metric_car, fill, text):
    log = fill(metric_car, 1000, 10)
    log.notes, log.fuel_grade = text, text
    log.save()
    metric_car.nickname = text
    metric_car.save()
    exported = b"".join(owner_client.get(f"/vehicles/{metric_car.pk}/fuel/export.csv").streaming_content)
    cells = list(csv.reader(io.StringIO(exported.decode())))[1]
    assert cells[1] == cells[8] == cells[11] == "'" + text
    FuelLog.objects.all().delete()
    services.import_run(user=owner, raw=exported, choices=plans.Choices())  # matched by its (formula) name
    assert FuelLog.objects.filter(vehicle=metric_car).values_list("notes", "fuel_grade").get() == (text, text)


def test_imports_are_counted_with_their_rows_rejections_and_time(owner, metric_car):
    def counts() -> tuple:
        value = REGISTRY.get_sample_value
        return (
            value("motovault_imports_total", {"kind": "history", "outcome": "stored"}) or 0,
            value("motovault_imports_total", {"kind": "history", "outcome": "rejected"}) or 0,
            value("motovault_import_rows_total", {"kind": "history", "result": "stored"}) or 0,
            value("motovault_import_rows_total", {"kind": "history", "result": "rejected"}) or 0,
            value("motovault_import_duration_seconds_count", {"kind": "history"}) or 0,
        )

    before = counts()
    choices = plans.Choices(into=str(metric_car.pk))
    services.import_run(
        user=owner, raw=csv_text(row(), row(date="2024-01-05T08:00", odometer="1500")).encode(), choices=choices
    )
    bad = csv_text(
        row(date="2024-02-01T08:00", odometer="2000", quantity="0"),
        row(date="2024-02-02T08:00", odometer="2100", price="-1"),
    )
    with pytest.raises(services.NotImported):
        services.import_run(user=owner, raw=bad.encode(), choices=choices)
    assert tuple(now - then for now, then in zip(counts(), before, strict=True)) == (1, 1, 2, 2, 2)
