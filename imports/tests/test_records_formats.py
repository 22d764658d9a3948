"""Each app's services, costs and readings, from sample files written to its format, imported into
a fresh account after (or with) its fill-ups, checked against values worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from costs.models import OtherCost
from maintenance.models import ServiceRecord
from vehicles.models import OdometerReading

pytestmark = pytest.mark.django_db


def services() -> list[tuple]:
    return [
        (s.vehicle.nickname, str(s.date), s.odometer_km, s.kind, s.shop, s.total_cost, s.notes,
         [(i.service_type, i.description, i.parts_cost) for i in s.items.order_by("id")])
        for s in ServiceRecord.objects.order_by("vehicle_id", "date")
    ]  # fmt: skip


def costs() -> list[tuple]:
    return [
        (c.vehicle.nickname, str(c.date), c.category, c.amount, c.notes, c.recurrence)
        for c in OtherCost.objects.order_by("vehicle_id", "date")
    ]


def test_fuelio_costs_by_their_categories_names(sample, run_import):
    result = run_import(sample("fuelio-backup.csv"))

    assert (result["stored"], result["records"]) == (4, 10)  # an income and a template are not costs
    assert services() == [
        ("Golf", "2024-01-10", Decimal("50300.000"), "service", "", Decimal("89.90"), "",
         [("Oil and filter", "Oil change", Decimal("89.90"))]),
        ("Golf", "2024-02-12", Decimal("51560.000"), "repair", "", Decimal("230.00"), "rear silencer",
         [("Exhaust", "", Decimal("230.00"))]),
        ("Golf", "2024-02-28", Decimal("51780.000"), "inspection", "", Decimal("95.00"), "",
         [("Inspection / MOT", "TÜV", Decimal("95.00"))]),
    ]  # fmt: skip
    # Repeating yearly and monthly in Fuelio, but each next payment (2025, Feb 2024) is long past:
    # kept as the one-offs the file holds, none made up.
    assert costs() == [
        ("Golf", "2024-01-01", "parking", Decimal("45.00"), "Garage rent", ""),
        ("Golf", "2024-01-02", "insurance", Decimal("420.00"), "Allianz 2024 · policy 123", ""),
        ("Golf", "2024-02-14", "wash", Decimal("12.00"), "Car wash", ""),  # "Other" named a car wash
    ]


def test_drivvo_services_and_expenses_in_portuguese_with_decimal_commas(sample, run_import):
    assert run_import(sample("drivvo-pt.csv"))["records"] == 9
    assert services() == [
        ("Drivvo vehicle", "2024-03-05", Decimal("10200.000"), "service", "Oficina do Zé", Decimal("180.00"), "",
         [("Oil and filter", "Troca de óleo", Decimal("180.00")), ("Oil and filter", "Filtro de óleo", 0)]),
        ("Drivvo vehicle", "2024-03-25", Decimal("10800.000"), "repair", "Auto Elétrica Silva", Decimal("1250.00"),
         "garantia 90 dias", [("Reparo do alternador", "", Decimal("1250.00"))]),
    ]  # fmt: skip
    assert costs() == [
        ("Drivvo vehicle", "2024-03-02", "tax", Decimal("1340.50"), "IPVA · parcela única", ""),
        ("Drivvo vehicle", "2024-03-06", "parking", Decimal("12.00"), "Estacionamento · Shopping", ""),
        ("Drivvo vehicle", "2024-03-20", "fines", Decimal("195.23"), "Multa · Excesso de velocidade", ""),
    ]


def test_fuelly_services_go_to_the_cars_of_its_fuel_ups_in_their_miles(sample, run_import):
    run_import(sample("fuelly-fuelups.csv"))
    result = run_import(sample("fuelly-services.csv"))

    assert [(v["name"], v["new"], v["services"], v["costs"]) for v in result["vehicles"]] == [
        ("Civic", False, 2, 1), ("Tundra", False, 1, 1)
    ]  # fmt: skip
    # 9,950 mi, 10,550 mi and 45,100 mi at 1.609344 km a mile.
    assert services() == [
        ("Civic", "2024-02-10", Decimal("16012.973"), "service", "", Decimal("1250.00"), "",
         [("Brakes", "Brake pads", Decimal("1250.00")), ("Brakes", "Brake rotors", 0), ("Brake fluid", "", 0)]),
        ("Civic", "2024-03-18", Decimal("16978.579"), "service", "", Decimal("89.95"), "full synthetic dealer",
         [("Oil and filter", "Engine oil", Decimal("89.95")), ("Oil and filter", "Oil filter", 0)]),
        ("Tundra", "2024-03-05", Decimal("72581.414"), "service", "", Decimal("120.00"), "",
         [("Tyre rotation", "Tire rotation", Decimal("120.00")), ("Alignment", "", 0)]),
    ]  # fmt: skip
    assert costs() == [
        ("Civic", "2024-03-01", "insurance", Decimal("412.00"), "six months", ""),
        ("Tundra", "2024-01-15", "parking", Decimal("35.00"), "Parking permit", ""),
    ]


def test_spritmonitor_costs_by_their_type_codes_day_first_with_a_currency_per_row(owner, sample, run_import):
    from imports import plan as plans

    run_import(sample("spritmonitor-de.csv"))
    preview = plans.preview(owner, sample("spritmonitor-costs-de.csv"), plans.Choices())
    assert preview["currencies"] == {"EUR": 6, "CHF": 1} and preview["skipped"] == ["1 refund(s) (money received)"]
    assert run_import(sample("spritmonitor-costs-de.csv"))["records"] == 7

    assert [(date, kind, total, items[0][0]) for _, date, _, kind, _, total, _, items in services()] == [
        ("2024-01-15", "service", Decimal("60.00"), "Tyres"),
        ("2024-02-05", "inspection", Decimal("129.50"), "HU/AU"),
        ("2024-03-15", "service", Decimal("289.90"), "Inspektion 60.000 km"),
    ]
    assert ServiceRecord.objects.get(date=datetime.date(2024, 3, 15)).odometer_km == 13600  # "13.600": thousands
    assert [(date, category, amount) for _, date, category, amount, _, _ in costs()] == [
        ("2024-01-10", "other", Decimal("5.00")),  # a type code Spritmonitor added after this reader
        ("2024-02-10", "tolls", Decimal("40.00")),
        ("2024-02-20", "parking", Decimal("3.50")),
        ("2024-03-02", "insurance", Decimal("412.00")),
    ]


def test_lubelogger_service_tax_and_odometer_files_in_the_servers_locale(sample, run_import):
    run_import(sample("lubelogger-fuel.csv"))
    run_import(sample("lubelogger-service.csv"))  # 4/20/2024 decides: month first
    run_import(sample("lubelogger-tax.csv"))  # "1.234,56 €": a decimal comma
    run_import(sample("lubelogger-odometer.csv"), date_order="mdy")  # 1/2 and 1/3 decide nothing: asked

    assert [(date, total, items[0][0]) for _, date, _, _, _, total, _, items in services()] == [
        ("2024-01-12", Decimal("89.99"), "Oil and filter"),
        ("2024-03-02", Decimal("1234.56"), "Brakes"),
        ("2024-04-20", Decimal("45.00"), "Service"),  # no description: the kind's name
    ]
    assert [(date, category, amount) for _, date, category, amount, _, _ in costs()] == [
        ("2024-01-15", "tax", Decimal("1234.56")),
        ("2024-03-01", "registration", Decimal("45.00")),
    ]
    # 29,942 and 29,990 mi (the vehicle's miles) in km.
    assert list(OdometerReading.objects.order_by("date").values_list("date", "odometer_km", "notes")) == [
        (datetime.date(2024, 1, 2), Decimal("48186.978"), "Commute work"),
        (datetime.date(2024, 1, 3), Decimal("48264.227"), ""),
    ]
