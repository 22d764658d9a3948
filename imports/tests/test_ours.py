"""Our own fill-ups export, read back from a vehicle's page: units per row, formulas kept as text,
values too large for their column, cells too large for the CSV module."""

import csv
import io
from decimal import Decimal

import pytest
from prometheus_client import REGISTRY

from fuel_logs.csv_io import header
from fuel_logs.models import FuelLog
from imports import plan as plans
from imports import services

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
    from vehicles.models import Vehicle

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
    assert (charge.price_per_unit, charge.economy, charge.economy_symbol) == (Decimal("0.3"), Decimal(15), "kWh/100 km")
    wrong = ["2024-02-01T08:00", "", "2000", "petrol", "30", "kWh", "0.3", "", "", "yes", "no", ""]
    assert [str(r) for r in into(phev, csv_text(wrong)).rejected] == [
        "Line 2: Quantity unit “kWh”: expected a unit of petrol"
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
