"""The readers of services, other costs and odometer readings: each format's sample (written from
its description, imports/tests/samples) is recognised from its headers and sections, and read into
exactly the cells the file holds, still text, for the plan to read with the file's decimal mark
and date order."""

from decimal import Decimal

import pytest

from imports import formats, reading
from imports.formats import Parsed, RawCost, RawItem, RawReading, RawService
from imports.reading import DAY_FIRST, UnreadableFile


def read(raw: bytes, forced: str = "") -> tuple[str, Parsed]:
    """The name of the reader that takes the file (the recognised one, or ``forced``) and what it reads."""
    tables = reading.open_tables(raw)
    reader = formats.recognise(tables, forced)
    return reader.name, reader.read(tables)


def items(*names: str) -> list[RawItem]:
    return [RawItem(name) for name in names]


def test_fuelly_services_every_car_newest_first_with_its_jobs_expenses_and_notes(sample):
    name, parsed = read(sample("fuelly-services.csv"))
    assert (name, parsed.fills, parsed.readings) == ("fuelly-services", [], [])
    assert {key: vehicle.distance_unit for key, vehicle in parsed.vehicles.items()} == {"Civic": "mi", "Tundra": "mi"}
    assert parsed.vehicles["Civic"].model == "Honda Civic"
    assert parsed.services == [
        RawService(
            2,
            "Civic",
            "2024-03-18",
            "10550",
            items("Engine oil", "Oil filter"),
            total="89.95",
            notes="full synthetic dealer",
            distance_unit="mi",
        ),
        RawService(
            5,
            "Civic",
            "2024-02-10",
            "9950",
            items("Brake pads", "Brake rotors", "Brake fluid"),
            total="1250.00",
            distance_unit="mi",
        ),
        RawService(
            6, "Tundra", "2024-03-05", "45100", items("Tire rotation", "Alignment"), total="120.00", distance_unit="mi"
        ),
    ]
    assert parsed.costs == [
        RawCost(3, "Civic", "2024-03-01", "412.00", "insurance", "Insurance", "six months"),
        RawCost(7, "Tundra", "2024-01-15", "35.00", "parking", "Parking permit"),
    ]
    assert parsed.skipped == ["1 note(s) of Fuelly’s services.csv (nothing was paid)"]


def test_fuelio_costs_by_their_category_names_recurring_and_odometer_zero_unknown(sample):
    name, parsed = read(sample("fuelio-backup.csv"))
    assert (name, len(parsed.fills)) == ("fuelio", 4)  # the fill-ups are read as before
    assert parsed.services == [
        RawService(20, "Golf", "2024-01-10", "50300", items("Oil change"), total="89.90", distance_unit="km"),
        RawService(
            23,
            "Golf",
            "2024-02-12",
            "51560",
            items("Exhaust"),
            kind="repair",
            total="230.00",
            notes="rear silencer",
            distance_unit="km",
        ),
        # Every 24 months: not a recurrence we keep, so the inspection comes once.
        RawService(
            27, "Golf", "2024-02-28", "51780", items("TÜV"), kind="inspection", total="95.00", distance_unit="km"
        ),
    ]
    assert parsed.costs == [
        RawCost(21, "Golf", "2024-01-02", "420.00", "insurance", "Allianz 2024", "policy 123", recurrence="yearly"),
        RawCost(22, "Golf", "2024-01-01", "45.00", "parking", "Garage rent", recurrence="monthly"),
        RawCost(24, "Golf", "2024-02-14", "12.00", "wash", "Car wash"),  # "Other": its title says what it is
    ]
    assert parsed.skipped == [
        "1 income(s) in Fuelio’s costs (money received is not a cost)",
        "1 cost template(s) of Fuelio (kept for quick entry, not paid)",
    ]


FUELIO_HEAD = [
    '"## Vehicle"',
    '"Name","DistUnit","FuelUnit","Make","Model","Year"',
    '"Polo","1","0","Volkswagen","Polo","2012"',
    '"## Log"',
    '"Data","Odo (mi)","Fuel (litres)","Full","Price (optional)","VolumePrice"',
    '"2024-03-01 10:00","20000","40","1","60.00","1.50"',
]


def test_fuelio_a_service_without_odometer_and_a_category_it_does_not_list():
    costs = [
        '"## Costs"',
        '"CostTitle","Date","Odo","CostTypeID","Notes","Cost","RepeatMonths","isIncome"',
        '"Brakes","2024-03-02","0","1","","150.00","0","0"',
        '"Mystery","2024-03-03","0","99","","7.00","6","0"',
    ]
    categories = ['"## CostCategories"', '"CostTypeID","Name"', '"1","Maintenance"']
    _, parsed = read("\n".join([*FUELIO_HEAD, *categories, *costs]).encode())
    # Odo 0 is Fuelio's "not entered": the plan finds the odometer; the units are the vehicle's (mi).
    assert parsed.services == [
        RawService(12, "Polo", "2024-03-02", "", items("Brakes"), total="150.00", distance_unit="mi")
    ]
    assert parsed.costs == [RawCost(13, "Polo", "2024-03-03", "7.00", "other", "Mystery")]


def test_fuelio_costs_without_a_cost_column_are_named_and_the_fill_ups_still_come():
    costs = ['"## Costs"', '"CostTitle","Date","Odo","CostTypeID"', '"Oil","2024-03-02","20100","1"']
    _, parsed = read("\n".join([*FUELIO_HEAD, *costs]).encode())
    assert (len(parsed.fills), parsed.services, parsed.costs) == (1, [], [])
    assert parsed.skipped == ["Fuelio’s costs: its “## Costs” section has no “Cost” column"]


def test_an_empty_section_reads_as_nothing():
    costs = ['"## CostCategories"', '"CostTypeID","Name"', '"## Costs"', '"CostTitle","Date","Odo","CostTypeID","Cost"']
    _, parsed = read("\n".join([*FUELIO_HEAD, *costs]).encode())
    assert (len(parsed.fills), parsed.services, parsed.costs, parsed.skipped) == (1, [], [], [])
    name, parsed = read(
        b"##Service\nOdometer;Date;Type of service;Total cost\n##Expense\nDate;Type of expense;Total cost\n"
    )
    assert (name, parsed.fills, parsed.services, parsed.costs, parsed.skipped) == ("drivvo", [], [], [], [])


def test_drivvo_services_and_expenses_in_portuguese(sample):
    name, parsed = read(sample("drivvo-pt.csv"))
    assert (name, len(parsed.fills), parsed.skipped) == ("drivvo", 4, [])
    assert parsed.services == [
        RawService(
            8,
            "",
            "25/03/2024",
            "10800",
            items("Reparo do alternador"),
            kind="repair",
            total="1.250,00",
            shop="Auto Elétrica Silva",
            notes="garantia 90 dias",
        ),
        RawService(
            9, "", "05/03/2024", "10200", items("Troca de óleo", "Filtro de óleo"), total="180,00", shop="Oficina do Zé"
        ),
    ]
    assert parsed.costs == [
        RawCost(12, "", "20/03/2024", "195,23", "fines", "Multa", "Excesso de velocidade"),
        RawCost(13, "", "06/03/2024", "12,00", "parking", "Estacionamento", "Shopping"),
        RawCost(14, "", "02/03/2024", "1.340,50", "tax", "IPVA", "parcela única"),
    ]


@pytest.mark.parametrize(
    "service, expense, tyres, insurance",
    [
        (
            "##Service\nOdometer;Date;Type of service;Total cost;Place",
            "##Expense\nDate;Type of expense;Total cost;Reason",
            "Tyres",
            "Insurance",
        ),
        (
            "##Servicio\nOdómetro;Fecha;Tipo de servicio;Costo total;Lugar",
            "##Gasto\nFecha;Tipo de gasto;Costo total;Razón",
            "Neumáticos",
            "Seguro",
        ),
        (
            "##Обслуживание\nПробег;Дата;Тип обслуживания;Общая стоимость;Место",
            "##Расход\nДата;Тип расхода;Стоимость;Причина",
            "Шины",
            "Страховка",
        ),
    ],
    ids=["english", "spanish", "russian"],
)
def test_drivvos_services_and_expenses_in_other_languages(service, expense, tyres, insurance):
    raw = f"{service}\n20100;02/01/2024;{tyres};320,00;Pneus Lda\n{expense}\n03/01/2024;{insurance};410,00;anual\n"
    name, parsed = read(raw.encode())
    assert name == "drivvo"
    assert parsed.services == [RawService(3, "", "02/01/2024", "20100", items(tyres), total="320,00", shop="Pneus Lda")]
    assert parsed.costs == [RawCost(6, "", "03/01/2024", "410,00", "insurance", insurance, "anual")]


def test_drivvo_services_without_an_odometer_column_are_named():
    _, parsed = read(b"##Service\nDate;Type of service;Total cost\n02/01/2024;Oil;80,00\n")
    assert (parsed.services, parsed.skipped) == ([], ["Drivvo’s “service” section: it has no “odometer” column"])


def test_spritmonitor_costs_their_type_codes_currencies_and_what_is_not_a_cost(sample):
    name, parsed = read(sample("spritmonitor-costs-de.csv"))  # cp1252, ";", decimal commas, day first
    assert (name, parsed.format, parsed.date_order, parsed.fills) == (
        "spritmonitor-costs",
        "Spritmonitor costs",
        DAY_FIRST,
        [],
    )
    assert read(sample("spritmonitor-de.csv"))[0] == "spritmonitor"  # its fill-ups are still its fill-ups
    assert parsed.services == [
        RawService(
            2,
            "",
            "15.03.2024",
            "13.600",
            items("Inspektion 60.000 km"),
            total="289,90",
            notes="inkl. Ölwechsel",
            currency="EUR",
        ),
        RawService(
            6,
            "",
            "05.02.2024",
            "13.200",
            items("HU/AU"),
            kind="inspection",
            total="129,50",
            notes="TÜV Süd",
            currency="EUR",
        ),
        # No title: the type's name is the job's.
        RawService(
            8,
            "",
            "15.01.2024",
            "12.580",
            items("Tyre change"),
            total="60,00",
            notes="Winterreifen montiert",
            currency="EUR",
        ),
    ]
    assert parsed.costs == [
        RawCost(3, "", "02.03.2024", "412,00", "insurance", "Haftpflicht 2024", currency="EUR"),
        RawCost(4, "", "20.02.2024", "3,50", "parking", "Parkhaus Zentrum", currency="EUR"),
        RawCost(5, "", "10.02.2024", "40,00", "tolls", "Vignette", "Schweiz", currency="CHF"),
        RawCost(9, "", "10.01.2024", "5,00", "other", "Unbekannt", currency="EUR"),  # a type code we do not know
    ]
    assert parsed.skipped == ["1 refund(s) (money received)"]


def test_spritmonitors_english_costs_export():
    raw = b"Date;Odometer;Trip;Type;Name;Costs;Currency;Note\n03.02.2024;45200;;2;Clutch;1.180,00;GBP;\n"
    name, parsed = read(raw)
    assert (name, parsed.costs) == ("spritmonitor-costs", [])
    assert parsed.services == [
        RawService(2, "", "03.02.2024", "45200", items("Clutch"), kind="repair", total="1.180,00", currency="GBP")
    ]


def test_lubelogger_service_records_read_as_services_unless_repairs_or_upgrades_are_chosen(sample):
    name, parsed = read(sample("lubelogger-service.csv"))
    assert (name, parsed.format, parsed.fills) == ("lubelogger-service", "LubeLogger service records", [])
    assert parsed.services == [
        RawService(2, "", "1/12/2024", "30150", items("Oil Change"), total="$89.99", notes="5W-30 full synthetic oil"),
        RawService(
            3,
            "",
            "3/2/2024",
            "31020",
            items("Brake pads and rotors"),
            total="$1,234.56",
            notes="front axle brakes warranty",
        ),
        RawService(4, "", "4/20/2024", "31800", [], total="$45.00"),  # no description: the plan names its one item
    ]
    for chosen, kind in (("lubelogger-repair", "repair"), ("lubelogger-upgrade", "upgrade")):
        name, again = read(sample("lubelogger-service.csv"), chosen)
        assert (name, {service.kind for service in again.services}) == (chosen, {kind})
        assert [service.items for service in again.services] == [service.items for service in parsed.services]


def test_lubelogger_taxes_keep_the_servers_money_as_text_for_the_plan(sample):
    name, parsed = read(sample("lubelogger-tax.csv"))
    assert (name, parsed.format) == ("lubelogger-tax", "LubeLogger taxes")
    assert parsed.costs == [
        RawCost(2, "", "15.01.2024", "1.234,56 €", "tax", "Kfz-Steuer 2024", "Lastschrift"),
        RawCost(3, "", "01.03.2024", "45,00 €", "registration", "Zulassung verlängert", "behörde"),
    ]
    # What the plan will make of them, with the file's decimal mark (and of the service file's):
    assert reading.number_style([cost.amount for cost in parsed.costs]) == ","
    assert reading.parse_number("1.234,56 €", ",") == Decimal("1234.56")
    assert reading.parse_number("$1,234.56", ".") == Decimal("1234.56")


def test_lubelogger_odometer_records_are_readings(sample):
    name, parsed = read(sample("lubelogger-odometer.csv"))
    assert (name, parsed.services, parsed.costs) == ("lubelogger-odometer", [], [])
    assert parsed.readings == [
        RawReading(2, "", "1/2/2024", "29942", "Commute work"),
        RawReading(3, "", "1/3/2024", "29990"),
    ]


def test_lubeloggers_other_records_are_not_taken_for_taxes():
    supplies = (
        b"Date,PartNumber,PartSupplier,PartQuantity,Description,Notes,Cost,Tags\n1/2/2024,X1,Acme,1,Wipers,,$20.00,\n"
    )
    assert formats.recognise(reading.open_tables(supplies)) is None


@pytest.mark.parametrize(
    "chosen, raw, missing",
    [
        ("lubelogger-tax", b"Date,Description,Amount\n1/2/2024,Tax,$10.00\n", "Cost"),
        ("lubelogger-odometer", b"Date,Notes\n1/2/2024,trip\n", "Odometer"),
        ("lubelogger-repair", b"Date,Description,Cost\n1/2/2024,Brakes,$10.00\n", "Odometer"),
        ("fuelly-services", b"car_name, odometer, price\nCivic, 1000, 10\n", "service_date"),
        ("spritmonitor-costs", "Datum;Kosten;Währung\n01.02.2024;10,00;EUR\n".encode(), "cost type"),
    ],
)
def test_a_format_chosen_for_a_file_without_its_columns_is_refused_naming_the_column(chosen, raw, missing):
    with pytest.raises(UnreadableFile, match=f"no “{missing}” column"):
        read(raw, chosen)


@pytest.mark.parametrize(
    "name, kind, category",
    [
        ("Oil change", "service", "other"),
        ("Motor oil", "service", "other"),  # "mot" is a word of its own (the MOT), not the start of "motor"
        ("MOT", "inspection", "other"),
        ("Revisão dos 20.000 km", "service", "other"),
        ("Ölwechsel", "service", "other"),
        ("Hauptuntersuchung", "inspection", "other"),
        ("Техосмотр", "inspection", "other"),
        ("Ремонт подвески", "repair", "other"),
        ("Reparación de frenos", "repair", "other"),
        ("Мойка машины", None, "wash"),  # "шин" inside "машины" is not tyres
        ("Parking tax", None, "parking"),
        ("Parking fine", None, "fines"),
        ("Kfz-Steuer", None, "tax"),
        ("Licenciamento", None, "registration"),
        ("Pedágio", None, "tolls"),
        ("Leasing rate", None, "financing"),
        ("ОСАГО", None, "insurance"),
        ("Car wash", None, "wash"),
        ("Snacks for the road", None, "other"),
        ("", None, "other"),
    ],
)
def test_the_names_of_services_and_costs_in_the_apps_languages(name, kind, category):
    assert (formats.service_kind(name), formats.category_of(name)) == (kind, category)


def test_every_reader_can_be_chosen_with_a_label_of_its_own():
    names = [reader.name for reader in formats.READERS]
    assert [name for name, _ in formats.FORMAT_CHOICES] == names and len(set(names)) == len(names)
    assert len({label for _, label in formats.FORMAT_CHOICES}) == len(names)
    assert {"fuelly-services", "spritmonitor-costs", "lubelogger-repair", "lubelogger-tax"} <= set(names)
