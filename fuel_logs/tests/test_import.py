"""CSV import: our own format, all or nothing, every rejected row named by line and reason."""

import csv
import io
from decimal import Decimal

import pytest

from fuel_logs.csv_io import header
from fuel_logs.models import FuelLog

pytestmark = pytest.mark.django_db

HEADER = ",".join(header("km"))


def upload(client, vehicle, text: str, name: str = "fuel.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(f"/vehicles/{vehicle.pk}/fuel/import/", {"file": file})


def test_an_export_imports_into_another_vehicle_with_the_same_figures(owner_client, vehicle, fill, owner):
    from motovault.units import to_km, to_litres
    from vehicles.models import Vehicle

    fill(vehicle, to_km(Decimal(10_000), "mi"), to_litres(Decimal(10), "us_gal"))
    fill(vehicle, to_km(Decimal(10_150), "mi"), to_litres(Decimal(5), "us_gal"), full=False)
    fill(vehicle, to_km(Decimal(10_300), "mi"), to_litres(Decimal(5), "us_gal"))
    exported = b"".join(owner_client.get(f"/vehicles/{vehicle.pk}/fuel/export.csv").streaming_content).decode()
    twin = Vehicle.objects.create(
        owner=owner, year=2012, make="Honda", model="Civic", distance_unit="mi", volume_unit="us_gal"
    )

    response = upload(owner_client, twin, exported)
    assert response.status_code == 302 and response["Location"] == f"/vehicles/{twin.pk}/fuel/"
    imported = FuelLog.objects.filter(vehicle=twin).order_by("filled_at")
    assert [log.is_full for log in imported] == [True, False, True]
    last = imported.last()
    assert round(last.economy, 1) == Decimal("30.0")  # 300 mi on 10 gal, computed on import
    assert last.owner == owner


def test_one_bad_row_and_nothing_is_saved_every_problem_listed(owner_client, metric_car):
    text = "\n".join(
        [
            HEADER,
            "2024-01-01T08:00,,1000,petrol,40,L,1.5,,,yes,no,",
            "2024-01-05T08:00,,1500,petrol,0,L,1.5,,,yes,no,",  # line 3: zero
            "2024-01-09T08:00,,2000,petrol,40,L,-1,,,yes,no,",  # line 4: negative price
            "2999-01-01T08:00,,2500,petrol,40,L,1.5,,,yes,no,",  # line 5: future
            '2024-01-12T08:00,,900,petrol,30,L,1.5,,,yes,no,"a note, with a comma"',  # line 6: goes down
            "2024-01-13T08:00,,3000,electricity,30,kWh,0.3,,,yes,no,",  # line 7: not this car's energy
            "2024-01-14T08:00,,3100,petrol,30,kWh,0.3,,,yes,no,",  # line 8: kWh of petrol
            "2024-01-15T08:00,,3200,petrol,30,L,,,,yes,no,",  # line 9: one of three
        ]
    )
    response = upload(owner_client, metric_car, text)
    assert response.status_code == 200
    assert [(r.line, r.reason) for r in response.context["rejected"]] == [
        (3, "Quantity: The quantity must be more than zero."),
        (4, "Price per L: A price can't be negative."),
        (5, "Date and time: That is in the future: a fill-up is logged once it has happened."),
        (6, "Odometer: lower than 1000 km on line 2, a day before."),
        (7, "Energy: Select a valid choice. electricity is not one of the available choices."),
        (8, "Quantity unit: 'kwh' is not a unit of petrol."),
        (9, "Row: Enter two of quantity, price and total cost: the third is worked out."),
    ]
    html = response.content.decode()
    assert "Nothing was imported." in html and "Line 6: Odometer" in html
    assert not FuelLog.objects.exists()


def test_rows_lower_than_the_vehicles_readings_are_rejected(owner_client, metric_car, fill):
    fill(metric_car, 5000, 40, day=0)
    response = upload(owner_client, metric_car, f"{HEADER}\n2024-02-01T08:00,,4000,petrol,40,L,1.5,,,yes,no,")
    [rejected] = response.context["rejected"]
    assert (rejected.line, rejected.reason) == (
        2,
        "Odometer: Lower than an earlier reading: 5,000 km on 01 Jan 2024 (fill-up).",
    )


def test_importing_the_same_file_twice_is_refused_the_second_time(owner_client, metric_car):
    text = f"{HEADER}\n2024-01-01T08:00:00+00:00,,1000,petrol,40,L,1.5,,,yes,no,"
    assert upload(owner_client, metric_car, text).status_code == 302
    response = upload(owner_client, metric_car, text)
    assert [r.reason for r in response.context["rejected"]] == [
        "Already logged: there is a fill-up of this energy at this time."
    ]
    assert FuelLog.objects.count() == 1


@pytest.mark.parametrize(
    "text, message",
    [
        ("date,odometer,quantity\n2024-01-01,1000,40", "The first line must name the columns"),
        (HEADER + "\n", "The file has no fill-ups."),
    ],
)
def test_a_file_we_cannot_read_says_why(owner_client, metric_car, text, message):
    response = upload(owner_client, metric_car, text)
    assert response.status_code == 200 and message in response.content.decode()


def test_a_file_that_is_not_text_says_why(owner_client, metric_car):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("fuel.csv", b"\xff\xfe\x00garbage", content_type="text/csv")
    response = owner_client.post(f"/vehicles/{metric_car.pk}/fuel/import/", {"file": file})
    assert "The file is not UTF-8 text." in response.content.decode()


def test_a_plug_in_hybrids_mixed_file(owner_client, phev):

    rows = [
        ["2024-01-01T08:00", "", "0", "petrol", "30", "L", "1.8", "", "", "yes", "no", ""],
        ["2024-01-01T09:00", "", "0", "electricity", "8", "kWh", "0.3", "", "", "yes", "no", ""],
        ["2024-01-10T08:00", "", "1000", "electricity", "150", "kWh", "", "45", "", "yes", "no", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER.split(","), *rows])
    assert upload(owner_client, phev, buffer.getvalue()).status_code == 302
    charge = FuelLog.objects.get(odometer_km=1000)
    # 1000 km between full charges, but a file without the split does not say how many were electric
    assert (charge.price_per_unit, charge.segment_odometer_km, charge.economy) == (Decimal("0.3"), 1000, None)


def test_a_file_too_large_is_refused_before_it_is_read(owner_client, metric_car, monkeypatch):
    from fuel_logs.forms import ImportForm

    monkeypatch.setattr(ImportForm, "MAX_BYTES", 100)
    response = upload(owner_client, metric_car, HEADER + "\n" + "2024-01-01T08:00,,1000,petrol,40,L,1.5,,,yes,no,")
    assert "larger than 5 MB" in response.content.decode()
    assert not FuelLog.objects.exists()


def test_imports_are_counted_with_their_rows_rejections_and_time(owner_client, metric_car):
    from prometheus_client import REGISTRY

    def counts() -> tuple:
        value = REGISTRY.get_sample_value
        return (
            value("motovault_imports_total", {"kind": "fuel_logs", "outcome": "stored"}) or 0,
            value("motovault_imports_total", {"kind": "fuel_logs", "outcome": "rejected"}) or 0,
            value("motovault_import_rows_total", {"kind": "fuel_logs", "result": "stored"}) or 0,
            value("motovault_import_rows_total", {"kind": "fuel_logs", "result": "rejected"}) or 0,
            value("motovault_import_duration_seconds_count", {"kind": "fuel_logs"}) or 0,
        )

    before = counts()
    good = (
        f"{HEADER}\n2024-01-01T08:00,,1000,petrol,40,L,1.5,,,yes,no,\n2024-01-05T08:00,,1500,petrol,35,L,1.5,,,yes,no,"
    )
    assert upload(owner_client, metric_car, good).status_code == 302
    bad = f"{HEADER}\n2024-02-01T08:00,,2000,petrol,0,L,1.5,,,yes,no,\n2024-02-02T08:00,,2100,petrol,30,L,-1,,,yes,no,"
    assert upload(owner_client, metric_car, bad).status_code == 200
    assert tuple(now - then for now, then in zip(counts(), before, strict=True)) == (1, 1, 2, 2, 2)
