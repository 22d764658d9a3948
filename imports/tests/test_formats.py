"""Each format from a sample written from its description (imports/tests/samples), imported into
a fresh account, with the economy worked out by hand."""

from decimal import Decimal

import pytest

from fuel_logs.models import FuelLog
from motovault import units
from stations.models import Station
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db


def stations(user) -> dict[str, tuple]:
    """The user's stations by name: (latitude, longitude)."""
    return {
        name: (lat, lon)
        for name, lat, lon in Station.objects.filter(owner=user).values_list("name", "latitude", "longitude")
    }


def figures(vehicle, energy="petrol") -> list[tuple]:
    """(odometer in the vehicle's unit, economy in ``unit``) of each complete segment, in order."""
    logs = FuelLog.objects.filter(vehicle=vehicle, energy=energy).complete_segments().order_by("odometer_km")
    return [(units.rounded(log.odometer, 0), units.rounded(log.economy, 2)) for log in logs.select_related("vehicle")]


def test_fuelly_every_car_newest_first_unit_prices(owner, sample, run_import):
    result = run_import(sample("fuelly-fuelups.csv"))
    assert result["stored"] == 6
    civic = Vehicle.objects.get(owner=owner, nickname="Civic")
    assert (civic.distance_unit, civic.volume_unit, civic.model) == ("mi", "us_gal", "Honda Civic")
    # 10000 full, 10150 full (150 mi on 6 gal: 25 mpg), 10300 partial 5 gal, 10600 full 10 gal:
    # 10150 → 10600 is 450 mi on 5 + 10 = 15 gal: 30 mpg.
    assert figures(civic) == [(Decimal(10150), Decimal("25.00")), (Decimal(10600), Decimal("30.00"))]
    first = FuelLog.objects.get(vehicle=civic, notes="first fill-up")
    # The unit price is the pump's; the total is worked out: 12 gal × 3.199 = 38.39.
    assert (units.rounded(first.price_display, 3), first.total_cost) == (Decimal("3.199"), Decimal("38.39"))
    formula = FuelLog.objects.get(vehicle=civic, notes__startswith="=")
    assert formula.notes == '=HYPERLINK("x") commute'  # kept as text; the export quotes it again
    tundra = Vehicle.objects.get(owner=owner, nickname="Tundra")
    assert figures(tundra) == [(Decimal(45300), Decimal("15.00"))]  # 300 mi on 20 gal
    # The brand is the station's: one station a name, with the coordinates of the row that has them.
    assert stations(owner) == {
        "Shell": (None, None),
        "Chevron": (Decimal("37.774929"), Decimal("-122.419416")),
        "Costco": (None, None),
    }
    assert (first.station.name, first.fuel_grade) == ("Shell", "")
    assert FuelLog.objects.filter(station__name="Shell").count() == 3


def test_fuelio_sections_units_in_headers_total_is_what_was_paid(owner, sample, run_import):
    result = run_import(sample("fuelio-backup.csv"))
    golf = Vehicle.objects.get(owner=owner)
    assert (result["stored"], golf.make, golf.model, golf.year, golf.distance_unit) == (
        4,
        "Volkswagen",
        "Golf",
        2016,
        "km",
    )
    golf.economy_unit = "l_100km"
    golf.save()
    # 50000 → 50600 on 36 L: 6.00 L/100 km; 50600 → 51500 on 30 + 34 L: 64 / 9 = 7.11 L/100 km.
    assert figures(golf) == [(Decimal(50600), Decimal("6.00")), (Decimal(51500), Decimal("7.11"))]
    discounted = FuelLog.objects.get(vehicle=golf, odometer_km=50600)
    # 36 L at 1.54 is 55.44; 54.00 was paid: kept, with the difference.
    assert (discounted.total_cost, discounted.paid_difference) == (Decimal("54.00"), Decimal("-1.44"))
    assert FuelLog.objects.get(vehicle=golf, odometer_km=51500).segment_cost == Decimal("100.90")  # 46.50 + 54.40
    # The row's StationID names one of the favourite stations: its name and coordinates come along.
    assert stations(owner) == {"Aral Hauptstraße": (Decimal("52.520008"), Decimal("13.404954"))}
    assert FuelLog.objects.get(station__isnull=False).odometer_km == 51500


def test_drivvo_portuguese_decimal_commas_and_a_flex_cars_two_fuels(owner, sample, run_import):
    assert run_import(sample("drivvo-pt.csv"))["stored"] == 4
    car = Vehicle.objects.get(owner=owner)
    assert car.fuel_type == "flex"
    car.economy_unit = "l_100km"
    car.save()
    # Ethanol: full at 10500, full at 10900 with 20 L: a 400 km segment. A vehicle on two energies
    # has a per-energy economy only with the split (how far each drove), which Drivvo does not write.
    closing = FuelLog.objects.get(vehicle=car, energy="e85", odometer_km=10900)
    assert (closing.segment_odometer_km, closing.segment_quantity, closing.economy) == (400, 20, None)
    assert figures(car, "e85") == figures(car, "petrol") == []
    ethanol = FuelLog.objects.get(vehicle=car, energy="e85", odometer_km=10500)
    assert (ethanol.total_cost, ethanol.quantity, ethanol.filled_at.day) == (Decimal("119.70"), Decimal(30), 15)
    assert (ethanol.station.name, closing.station.name) == ("Posto Shell", "Posto Ipiranga")
    assert set(stations(owner)) == {"Posto Shell", "Posto Ipiranga"}


def test_spritmonitor_cp1252_day_first_decimal_comma_and_its_types(owner, sample, run_import):
    owner.currency = "EUR"
    owner.save()
    assert run_import(sample("spritmonitor-de.csv"))["stored"] == 4
    car = Vehicle.objects.get(owner=owner)
    car.economy_unit = "l_100km"
    car.save()
    # Type 3 (first fill-up) at 12000; full at 12600 with 39 L: 6.50 L/100 km; partial 20 L at
    # 13050; full at 13400 with 25.10 L: 800 km on 45.10 L = 5.64 L/100 km.
    assert figures(car) == [(Decimal(12600), Decimal("6.50")), (Decimal(13400), Decimal("5.64"))]
    first = FuelLog.objects.get(vehicle=car, odometer_km=12000)
    assert (first.notes, first.missed_previous, first.fuel_grade) == ("Erste Füllung", True, "Super E10")


def test_lubelogger_money_as_the_server_wrote_it_and_month_first_dates(owner, sample, run_import):
    assert run_import(sample("lubelogger-fuel.csv"))["stored"] == 4
    car = Vehicle.objects.get(owner=owner)  # the file has no units: the account's (mi, US gal)
    # 30000 → 30350 on 11.7 gal: 29.91 mpg; 30700 missed the fill-up before it: no figure;
    # 30700 → 31000 on 10 gal: 30 mpg.
    assert figures(car) == [(Decimal(30350), Decimal("29.91")), (Decimal(31000), Decimal("30.00"))]
    assert FuelLog.objects.get(vehicle=car, notes="new tyres on the bill").total_cost == Decimal("1035.00")
    assert FuelLog.objects.get(vehicle=car, notes="Road trip trip").filled_at.date().isoformat() == "2024-01-19"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_every_common_encoding_reads_the_same(owner, sample, run_import, encoding):
    text = sample("spritmonitor-de.csv").decode("cp1252")
    run_import(text.encode(encoding))
    assert FuelLog.objects.get(odometer_km=12000).notes == "Erste Füllung"


NO_RECORDS = {"services": 0, "costs": 0, "readings": 0, "reminders": 0}


def test_any_csv_through_a_column_mapping(owner, run_import):
    metric_car = Vehicle.objects.create(
        owner=owner, year=2019, make="Skoda", model="Octavia", distance_unit="km", volume_unit="l"
    )
    text = "Wann;Km;Liter;Bezahlt;Voll\n01.02.2024;1000;40;60,00;ja\n15.02.2024;1500;30;45,00;ja\n"
    mapping = {"date": "Wann", "odometer": "Km", "quantity": "Liter", "total": "Bezahlt", "full": "Voll"}
    result = run_import(text.encode(), mapping=mapping, date_order="dmy", vehicles={"": str(metric_car.pk)})
    assert result["vehicles"] == [
        {"vehicle": metric_car.pk, "name": str(metric_car), "stored": 2, "new": False, "duplicates": 0} | NO_RECORDS
    ]
    last = FuelLog.objects.get(odometer_km=1500)
    assert (last.segment_distance_km, last.segment_quantity, last.price_per_unit) == (500, 30, Decimal("1.5"))


@pytest.mark.parametrize(
    "section, header, full, empty",
    [
        ("##Refuelling", "Odometer;Date;Fuel;Price;Total cost;Quantity;Full tank?", "Yes", "No"),
        ("##Refuelling", "Odómetro;Fecha;Combustible;Precio;Valor total;Cantidad;¿Tanque lleno?", "Sí", "No"),
        ("##Refuelling", "Пробег;Дата;Топливо;Цена;Общая стоимость;Количество;Полный бак", "Да", "Нет"),
    ],
    ids=["english", "spanish", "russian"],
)
def test_drivvos_other_languages(owner, run_import, section, header, full, empty):
    rows = [f"20000;02/01/2024;Diesel;1,80;72,00;40;{full}", f"20300;14/01/2024;Diesel;1,70;;20;{empty}"]
    rows.append(f"20800;28/01/2024;Diesel;1,75;52,50;;{full}")
    run_import("\n".join([section, header, *rows]).encode())
    car = Vehicle.objects.get(owner=owner)
    assert car.fuel_type == "diesel"
    car.economy_unit = "l_100km"
    car.save()
    # 800 km on 20 (partial, its total worked out: 34.00) + 30 L (worked out from 52.50 / 1.75).
    assert figures(car, "diesel") == [(Decimal(20800), Decimal("6.25"))]
    assert FuelLog.objects.get(odometer_km=20300).total_cost == Decimal("34.00")


def test_fuelio_bi_fuel_two_tanks_two_chains(owner, run_import):
    log = "\n".join(
        [
            '"## Vehicle"',
            '"Name","DistUnit","FuelUnit","Make","Model","Year","TankCount","Tank1Type","Tank2Type"',
            '"Dacia","0","0","Dacia","Duster","2020","2","100","400"',
            '"## Log"',
            '"Data","Odo (km)","Fuel (litres)","Full","Price (optional)","Missed","TankNumber","FuelType",'
            '"VolumePrice"',
            '"2024-03-01 10:00","20000","40","1","60.00","0","1","110","1.50"',
            '"2024-03-01 10:10","20000","35","1","28.00","0","2","400","0.80"',
            '"2024-03-20 10:00","20700","42","1","63.00","0","2","400","1.50"',
            '"2024-04-02 10:00","21000","30","1","45.00","0","1","110","1.50"',
        ]
    )
    assert run_import(log.encode())["stored"] == 4
    duster = Vehicle.objects.get(owner=owner)
    duster.economy_unit = "l_100km"
    duster.save()
    assert duster.fuel_type == "lpg"
    # LPG: 20000 → 20700 on 42 L; petrol: 20000 → 21000 on 30 L: a chain each. Without the split
    # (how far each tank drove), a vehicle on two energies has no per-energy economy.
    lpg = FuelLog.objects.get(vehicle=duster, energy="lpg", odometer_km=20700)
    petrol = FuelLog.objects.get(vehicle=duster, energy="petrol", odometer_km=21000)
    assert (lpg.segment_odometer_km, lpg.segment_quantity) == (700, 42)
    assert (petrol.segment_odometer_km, petrol.segment_quantity) == (1000, 30)
    assert figures(duster, "lpg") == figures(duster, "petrol") == []
