"""One reader a format, each recognised by the file's sections and headers, never by where a
column stands. A reader turns tables into ``Parsed``: the file's vehicles and its fill-ups with
their cells still text (numbers and dates are read in ``plan.py``, once the file's decimal mark
and date order are known). Sections a reader does not import yet (services, costs) are listed in
``Parsed.skipped``: reading them is adding a section reader, the rest stays as it is.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fuel_logs.csv_io import CHARGE_END, CHARGE_START, QUANTITY_UNIT, SPLIT, STATION
from imports.reading import DAY_FIRST, Table, parse_yes
from motovault.cells import from_text
from motovault.units import Energy, QuantityUnit, quantity_unit

ENERGY_WORDS = [  # (words found in a fuel's name, lower case) -> energy; first match wins
    (("electric", "elétric", "eléctric", "strom", "электр", "kwh", "charge"), Energy.ELECTRICITY),
    (("diesel", "gasóleo", "gasoleo", "gasoil", "дизел", "дт"), Energy.DIESEL),
    (("e85", "ethanol", "etanol", "álcool", "alcool", "alcohol", "этанол"), Energy.E85),
    (("lpg", "glp", "gpl", "autogas", "пропан", "газ"), Energy.LPG),
    (("cng", "gnv", "gnc", "erdgas", "natural gas", "gas natural", "метан"), Energy.CNG),
    (
        ("petrol", "gasoline", "gasolina", "benzin", "бензин", "super", "regular", "premium", "unleaded", "95", "98"),
        Energy.PETROL,
    ),
]


def energy_of(name: str) -> str | None:
    """The energy a fuel's name (in any of the apps' languages) stands for; None when unknown."""
    name = name.strip().lower()
    for words, energy in ENERGY_WORDS:
        if any(word in name for word in words):
            return energy.value
    return None


@dataclass
class FileVehicle:
    """A vehicle as the file describes it; ``key`` is how its rows name it."""

    key: str
    make: str = ""
    model: str = ""
    year: str = ""
    details: dict[str, str] = field(default_factory=dict)  # more of the vehicle's fields (our export)
    distance_unit: str | None = None  # "km" / "mi" when the file says
    volume_unit: str | None = None  # "l" / "us_gal" / "imp_gal" when the file says

    @property
    def name(self) -> str:
        if self.details:  # our export: the key is the vehicle's id there, not a name
            return self.details.get("nickname") or f"{self.year} {self.make} {self.model}"
        return self.key or " ".join(part for part in (self.year, self.make, self.model) if part) or "The file’s vehicle"


@dataclass
class RawFill:
    """One fill-up as the file writes it."""

    line: int
    vehicle: str
    date: str
    odometer: str
    quantity: str = ""
    price: str = ""  # per unit
    total: str = ""
    time: str = ""
    energy: str | None = None  # None: the vehicle's usual energy
    full: bool = True
    missed: bool = False
    grade: str = ""
    notes: str = ""
    currency: str = ""
    distance_unit: str | None = None  # None: the vehicle's
    volume_unit: str | None = None
    # A plug-in hybrid's split and a charge's state of charge (our export), as the file writes them
    energy_distance: str = ""
    charge_start: str = ""
    charge_end: str = ""
    # Where it was bought: becomes the user's station of that name (coordinates: the file's numbers)
    station: str = ""
    latitude: str = ""
    longitude: str = ""
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (what, value, expected)


@dataclass
class RawItem:
    """One job of a service as the file writes it; costs "" when the file gives only the visit's total."""

    service_type: str  # the file's name for it ("Oil Change"): plan.py maps it to ours
    description: str = ""
    parts: str = ""
    labour: str = ""


@dataclass
class RawService:
    """One service, repair or inspection as the file writes it. When the file gives one total
    for the visit, ``total`` holds it and the plan puts it on the first item."""

    line: int
    vehicle: str
    date: str
    odometer: str  # "" (or "0" where the format writes 0 for unknown): the plan says how it is found
    items: list[RawItem] = field(default_factory=list)  # none: one item of the kind's name
    kind: str = "service"  # maintenance.models.Kind: service, repair, upgrade, inspection
    total: str = ""
    tax: str = ""
    shop: str = ""
    notes: str = ""
    currency: str = ""
    distance_unit: str | None = None  # None: the vehicle's
    ref: str = ""  # our export's id of it, which its reminders name
    problems: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class RawCost:
    """Any other cost (insurance, tax, parking...) as the file writes it."""

    line: int
    vehicle: str
    date: str
    amount: str
    category: str = "other"  # costs.models.Category; ``category_of`` reads a file's own name for it
    title: str = ""  # the file's name for the cost: kept in the notes when it says more than the category
    notes: str = ""
    currency: str = ""
    recurrence: str = ""  # costs.models.Recurrence: "", "monthly", "yearly"
    # Our export's own schedule: the row's id, its series' id, where the series stands
    ref: str = ""
    series: str = ""
    next_due: str = ""
    until: str = ""
    problems: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class RawReading:
    """An odometer reading with nothing bought."""

    line: int
    vehicle: str
    date: str
    odometer: str
    notes: str = ""
    distance_unit: str | None = None
    problems: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class RawReminder:
    """A reminder of our export, its columns as the export writes them (canonical units)."""

    line: int
    vehicle: str
    fields: dict[str, str]


@dataclass
class Parsed:
    format: str
    vehicles: dict[str, FileVehicle] = field(default_factory=dict)
    fills: list[RawFill] = field(default_factory=list)
    services: list[RawService] = field(default_factory=list)
    costs: list[RawCost] = field(default_factory=list)
    readings: list[RawReading] = field(default_factory=list)
    reminders: list[RawReminder] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what the file holds that we do not import
    ours: bool = False  # our export: its service types are ours already, not another app's names
    date_order: str | None = None  # when the format fixes it
    decimal_mark: str | None = None  # when the format fixes it

    def vehicle(self, key: str, **facts) -> str:
        self.vehicles.setdefault(key, FileVehicle(key, **facts))
        return key


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _yes(fill: RawFill, what: str, cell: str, default: bool) -> bool:
    if not cell.strip():
        return default
    try:
        return parse_yes(cell)
    except ValueError as problem:
        fill.problems.append((what, cell, str(problem)))
        return default


def _volume(word: str) -> str | None:
    word = word.lower()
    if "kwh" in word:
        return None
    if "uk" in word or "imp" in word:
        return "imp_gal"
    if "gal" in word:
        return "us_gal"
    if word.startswith(("l", "lit")):
        return "l"
    return None


def _distance(word: str) -> str | None:
    word = word.lower()
    return "mi" if word.startswith("mi") else "km" if word.startswith("km") else None


@dataclass(frozen=True)
class Reader:
    name: str
    label: str
    recognise: Callable[[list[Table]], bool]
    read: Callable[[list[Table]], Parsed]


def _table(tables: list[Table], *sections: str) -> Table | None:
    return next((t for t in tables if t.section in sections), None)


def _has(table: Table | None, *names: str) -> bool:
    return table is not None and all(name in table.names for name in names)


# Fuelly: fuelups.csv, every car in one file, newest first; "price" is per unit; the economy,
# distance and volume columns are named after their units.


def _fuelly_recognise(tables: list[Table]) -> bool:
    return _has(_table(tables, ""), "car_name", "fuelup_date", "odometer")


def _fuelly_read(tables: list[Table]) -> Parsed:
    table = _table(tables, "")
    parsed = Parsed("Fuelly")
    distance = "mi" if "miles" in table.names else "km"
    volume_column = next((n for n in table.names if n in ("gallons", "litres", "liters", "imp gallons")), "")
    volume = _volume(volume_column) or "us_gal"
    col = table.column
    for line, cells in table.rows:
        key = parsed.vehicle(
            _cell(cells, col("car_name")), model=_cell(cells, col("model")), distance_unit=distance, volume_unit=volume
        )
        fill = RawFill(
            line,
            key,
            _cell(cells, col("fuelup_date")),
            _cell(cells, col("odometer")),
            quantity=_cell(cells, col(volume_column)),
            price=_cell(cells, col("price")),
            notes=" ".join(filter(None, (_cell(cells, col("notes")), _cell(cells, col("tags"))))),
            station=_cell(cells, col("brand")),
            latitude=_cell(cells, col("latitude")),
            longitude=_cell(cells, col("longitude")),
            distance_unit=distance,
            volume_unit=volume,
        )
        fill.full = not _yes(fill, "partial_fuelup", _cell(cells, col("partial_fuelup")), False)
        fill.missed = _yes(fill, "missed_fuelup", _cell(cells, col("missed_fuelup")), False)
        parsed.fills.append(fill)
    return parsed


def _fuelly_services_recognise(tables: list[Table]) -> bool:
    return _has(_table(tables, ""), "car_name", "service_date")


def _skipped_only(label: str, what: str) -> Callable[[list[Table]], Parsed]:
    def read(tables: list[Table]) -> Parsed:
        return Parsed(label, skipped=[what])

    return read


# Fuelio backup: sections; units inside the headers ("Odo (mi)", "Fuel (litres)"); "Price" is the
# total and "VolumePrice" the unit price; Full/Missed 0/1; the fuel type's hundreds name its family.

FUELIO_TYPES = {1: Energy.PETROL, 2: Energy.DIESEL, 3: Energy.E85, 4: Energy.LPG, 5: Energy.CNG, 6: Energy.ELECTRICITY}


def _fuelio_recognise(tables: list[Table]) -> bool:
    return _table(tables, "vehicle") is not None and _has(_table(tables, "log"), "data")


def _prefixed(table: Table, prefix: str) -> tuple[int | None, str]:
    """The column whose header starts with ``prefix``, and the unit in its parentheses."""
    for index, name in enumerate(table.names):
        if name.startswith(prefix):
            unit = re.search(r"\(([^)]*)\)", name)
            return index, unit[1] if unit else ""
    return None, ""


def _fuelio_read(tables: list[Table]) -> Parsed:
    parsed = Parsed("Fuelio")
    about, log = _table(tables, "vehicle"), _table(tables, "log")
    facts = dict(zip(about.names, (c.strip() for c in about.rows[0][1]), strict=False)) if about.rows else {}
    odometer, distance_word = _prefixed(log, "odo")
    quantity, volume_word = _prefixed(log, "fuel (")
    distance = _distance(distance_word) or ("mi" if facts.get("distunit") == "1" else "km")
    volume = _volume(volume_word) or {"1": "us_gal", "2": "imp_gal"}.get(facts.get("fuelunit", ""), "l")
    key = parsed.vehicle(
        facts.get("name", ""),
        make=facts.get("make", ""),
        model=facts.get("model", ""),
        year=facts.get("year", ""),
        distance_unit=distance,
        volume_unit=volume,
    )
    col = log.column
    favourites = _fuelio_stations(_table(tables, "favstations"))
    for line, cells in log.rows:
        favourite = favourites.get(_cell(cells, col("stationid (optional)", "stationid")), ("", "", ""))
        fill = RawFill(
            line,
            key,
            _cell(cells, col("data", "date")),
            _cell(cells, odometer),
            quantity=_cell(cells, quantity),
            total=_cell(cells, col("price (optional)", "price")),
            price=_cell(cells, col("volumeprice")),
            notes=_cell(cells, col("notes (optional)", "notes")),
            station=favourite[0] or _cell(cells, col("city (optional)", "city")),
            latitude=_cell(cells, col("latitude (optional)", "latitude")) or favourite[1],
            longitude=_cell(cells, col("longitude (optional)", "longitude")) or favourite[2],
            distance_unit=distance,
            volume_unit=volume,
        )
        fill.full = _yes(fill, "Full", _cell(cells, col("full")), True)
        fill.missed = _yes(fill, "Missed", _cell(cells, col("missed")), False)
        code = _cell(cells, col("fueltype"))
        if code.isdigit() and int(code) // 100 in FUELIO_TYPES:
            fill.energy = FUELIO_TYPES[int(code) // 100].value
        if fill.energy == Energy.ELECTRICITY:
            fill.volume_unit = None
        parsed.fills.append(fill)
    if _table(tables, "costs") is not None:
        parsed.skipped.append("Fuelio’s costs (they come with cost records)")
    return parsed


def _fuelio_stations(table: Table | None) -> dict[str, tuple[str, str, str]]:
    """Fuelio's favourite stations by their id: (name, latitude, longitude)."""
    if table is None:
        return {}
    col = table.column
    return {
        _cell(cells, col("stationid")): (
            _cell(cells, col("name")),
            _cell(cells, col("latitude")),
            _cell(cells, col("longitude")),
        )
        for _, cells in table.rows
        if _cell(cells, col("stationid")) not in ("", "0")
    }


# Drivvo: sections with localised names and headers (Portuguese, English, Spanish, Russian); a flex
# or bi-fuel vehicle's row repeats the fuel, price, quantity and total columns up to three times.

DRIVVO_FUEL_SECTIONS = (
    "refuelling",
    "refueling",
    "abastecimento",
    "abastecimentos",
    "repostaje",
    "заправка",
    "заправки",
)
DRIVVO_OTHER_SECTIONS = ("service", "serviço", "servicio", "обслуживание", "expense", "despesa", "gasto", "расход")
DRIVVO = {
    "odometer": ("odometer", "odômetro", "odometro", "odómetro", "пробег", "одометр"),
    "date": ("date", "data", "fecha", "дата"),
    "fuel": ("fuel", "combustível", "combustivel", "combustible", "топливо"),
    "price": ("price", "preço", "preco", "precio", "цена"),
    "total": ("total cost", "valor total", "costo total", "coste total", "общая стоимость", "стоимость"),
    "quantity": ("quantity", "liters", "litres", "quantidade", "litros", "cantidad", "количество", "объём"),
    "full": (
        "full tank?",
        "full tank",
        "tanque cheio?",
        "tanque cheio",
        "¿tanque lleno?",
        "tanque lleno",
        "полный бак",
    ),
    "missed": (
        "missed previous refuelling?",
        "esqueceu o último abastecimento?",
        "olvidó el repostaje anterior?",
        "пропущена предыдущая заправка",
    ),
    "notes": ("notes", "observação", "observacao", "notas", "observación", "примечание", "заметки"),
    "station": ("gas station", "posto", "gasolinera", "азс"),
}


def _drivvo_recognise(tables: list[Table]) -> bool:
    return any(t.section in DRIVVO_FUEL_SECTIONS for t in tables)


def _drivvo_read(tables: list[Table]) -> Parsed:
    parsed = Parsed("Drivvo")
    table = _table(tables, *DRIVVO_FUEL_SECTIONS)
    key = parsed.vehicle("", distance_unit="km", volume_unit="l")  # its export says no units: the app's metric ones
    col = table.column
    for line, cells in table.rows:
        for block in range(3):
            quantity = _cell(cells, col(*DRIVVO["quantity"], occurrence=block))
            total = _cell(cells, col(*DRIVVO["total"], occurrence=block))
            if block and not (quantity or total):
                continue
            fuel = _cell(cells, col(*DRIVVO["fuel"], occurrence=block))
            fill = RawFill(
                line,
                key,
                _cell(cells, col(*DRIVVO["date"])),
                _cell(cells, col(*DRIVVO["odometer"])),
                quantity=quantity,
                total=total,
                price=_cell(cells, col(*DRIVVO["price"], occurrence=block)),
                energy=energy_of(fuel) if fuel else None,
                grade=fuel,
                notes=_cell(cells, col(*DRIVVO["notes"])),
                station=_cell(cells, col(*DRIVVO["station"])),
            )
            fill.full = _yes(fill, "Full tank", _cell(cells, col(*DRIVVO["full"], occurrence=block)), True)
            fill.missed = _yes(fill, "Missed", _cell(cells, col(*DRIVVO["missed"])), False)
            parsed.fills.append(fill)
    parsed.skipped += [
        f"Drivvo’s “{t.section}” section (it comes with service and cost records)"
        for t in tables
        if t.section in DRIVVO_OTHER_SECTIONS
    ]
    return parsed


# Spritmonitor: ";" with a decimal comma (read from the cells: an English export may use points),
# day-first dates, a currency per row; the type column says
# a full (1), partial (2) or first fill-up (3: full, and the chain starts again there).

SPRIT = {
    "date": ("date", "datum"),
    "odometer": ("odometer", "kilometerstand", "km-stand"),
    "quantity": ("quantity", "menge", "tankmenge"),
    "total": ("total price", "gesamtpreis", "kosten"),
    "currency": ("currency", "währung", "waehrung"),
    "type": ("type", "tankart", "art"),
    "fuel": ("fuel", "kraftstoff", "sorte"),
    "note": ("note", "bemerkung", "notiz"),
}


def _sprit_recognise(tables: list[Table]) -> bool:
    table = _table(tables, "")
    return table is not None and all(table.column(*SPRIT[name]) is not None for name in ("date", "currency", "type"))


def _sprit_read(tables: list[Table]) -> Parsed:
    table = _table(tables, "")
    parsed = Parsed("Spritmonitor", date_order=DAY_FIRST)
    key = parsed.vehicle("", distance_unit="km", volume_unit="l")
    col = table.column
    for line, cells in table.rows:
        fuel = _cell(cells, col(*SPRIT["fuel"]))
        fill = RawFill(
            line,
            key,
            _cell(cells, col(*SPRIT["date"])),
            _cell(cells, col(*SPRIT["odometer"])),
            quantity=_cell(cells, col(*SPRIT["quantity"])),
            total=_cell(cells, col(*SPRIT["total"])),
            currency=_cell(cells, col(*SPRIT["currency"])).upper(),
            energy=energy_of(fuel) if fuel else None,
            grade=fuel if not fuel.isdigit() else "",
            notes=_cell(cells, col(*SPRIT["note"])),
        )
        kind = _cell(cells, col(*SPRIT["type"]))
        if kind not in ("1", "2", "3"):
            fill.problems.append(("Type", kind, "1 (full), 2 (partial) or 3 (first fill-up)"))
        fill.full, fill.missed = kind != "2", kind == "3"
        parsed.fills.append(fill)
    return parsed


# LubeLogger: one CSV a record type; dates and amounts in the server's locale; True/False.

LUBE_FUEL = ("date", "odometer", "fuelconsumed", "cost", "isfilltofull")


def _lube_recognise(tables: list[Table]) -> bool:
    return _has(_table(tables, ""), *LUBE_FUEL)


def _lube_read(tables: list[Table]) -> Parsed:
    table = _table(tables, "")
    parsed = Parsed("LubeLogger")
    key = parsed.vehicle("")
    col = table.column
    for line, cells in table.rows:
        fill = RawFill(
            line,
            key,
            _cell(cells, col("date")),
            _cell(cells, col("odometer")),
            quantity=_cell(cells, col("fuelconsumed")),
            total=_cell(cells, col("cost")),
            notes=" ".join(filter(None, (_cell(cells, col("notes")), _cell(cells, col("tags"))))),
        )
        fill.full = _yes(fill, "IsFillToFull", _cell(cells, col("isfilltofull")), True)
        fill.missed = _yes(fill, "MissedFuelUp", _cell(cells, col("missedfuelup")), False)
        parsed.fills.append(fill)
    return parsed


def _lube_others_recognise(tables: list[Table]) -> bool:
    table = _table(tables, "")
    return _has(table, "date", "description", "cost") or _has(table, "date", "initialodometer", "odometer")


# Ours: the fill-ups' export (one vehicle or the whole garage, with the vehicle's name per row).

OURS = ("date", "energy", "quantity unit", "price per unit", "total cost")


def _ours_recognise(tables: list[Table]) -> bool:
    table = _table(tables, "")
    return _has(table, *OURS) and any(n in table.names for n in ("odometer (km)", "odometer (mi)"))


def _ours_read(tables: list[Table]) -> Parsed:
    parsed = Parsed("MotoVault export", decimal_mark=".")
    _ours_rows(parsed, _table(tables, ""))
    return parsed


def _ours_rows(parsed: Parsed, table: Table, key: str | None = None) -> None:
    """One of our fill-up files: the rows name their vehicle, unless ``key`` says it for all."""
    distance = "mi" if "odometer (mi)" in table.names else "km"
    col = table.column
    for line, cells in table.rows:
        name = key if key is not None else from_text(_cell(cells, col("vehicle")))
        key_of_row = parsed.vehicle(name)
        unit = _cell(cells, col(QUANTITY_UNIT))
        fill = RawFill(
            line,
            key_of_row,
            _cell(cells, col("date")),
            _cell(cells, col(f"odometer ({distance})")),
            quantity=_cell(cells, col("quantity")),
            price=_cell(cells, col("price per unit")),
            total=_cell(cells, col("total cost")),
            energy=_cell(cells, col("energy")).lower() or None,
            grade=from_text(_cell(cells, col("fuel grade"))),
            notes=from_text(_cell(cells, col("notes"))),
            distance_unit=distance,
            volume_unit=_volume(unit) if unit else None,
            energy_distance=_cell(cells, col(SPLIT.format(distance))),
            charge_start=_cell(cells, col(CHARGE_START)),
            charge_end=_cell(cells, col(CHARGE_END)),
            station=from_text(_cell(cells, col(STATION))),
        )
        fill.full = _yes(fill, "full tank", _cell(cells, col("full tank")), True)
        fill.missed = _yes(fill, "missed previous fill-up", _cell(cells, col("missed previous fill-up")), False)
        if unit and fill.energy in Energy.values and not _unit_of(unit, fill.energy):
            fill.problems.append(("Quantity unit", unit, f"a unit of {fill.energy}"))
        parsed.fills.append(fill)


def _unit_of(unit: str, energy: str) -> bool:
    """Whether ``unit`` (as our export writes it: L, gal, gal (imp), kWh, kg) measures ``energy``."""
    canonical = quantity_unit(energy)
    if canonical == QuantityUnit.LITRE:
        return _volume(unit) is not None
    return unit.lower() == canonical.label.lower()


# Our account export (a zip): vehicles.csv describes each vehicle, fuel_logs/vehicle-<id>.csv holds
# its fill-ups (trashed ones in -trash files, not brought back). Other record types come with their
# importers.

VEHICLE_DETAILS = (
    "trim",
    "vin",
    "license_plate",
    "colour",
    "fuel_type",
    "economy_unit",
    "tank_capacity_l",
    "purchase_date",
    "purchase_price",
    "purchase_odometer_km",
    "sold_date",
    "sold_price",
)
FILL_UPS_FILE = re.compile(r"^fuel_logs/vehicle-(\d+)\.csv$")


def _export_recognise(tables: list[Table]) -> bool:
    return _table(tables, "vehicles.csv") is not None


def _export_read(tables: list[Table]) -> Parsed:
    parsed = Parsed("MotoVault account export", decimal_mark=".", ours=True)
    garage = _table(tables, "vehicles.csv")
    trashed = set()
    for _, cells in garage.rows:
        facts = dict(zip(garage.names, (from_text(cell) for cell in cells), strict=False))
        if facts.get("deleted_at"):
            trashed.add(f"vehicle-{facts.get('id', '')}")
            continue
        parsed.vehicle(
            f"vehicle-{facts.get('id', '')}",
            make=facts.get("make", ""),
            model=facts.get("model", ""),
            year=facts.get("year", ""),
            distance_unit=facts.get("distance_unit") or None,
            volume_unit=facts.get("volume_unit") or None,
            details={
                "nickname": facts.get("nickname", ""),
                **{name: facts[name] for name in VEHICLE_DETAILS if facts.get(name)},
            },
        )
    items = _table(tables, "maintenance/service-items.csv")
    for table in tables:
        match = FILL_UPS_FILE.match(table.section)
        if match and f"vehicle-{match[1]}" not in trashed:
            _ours_rows(parsed, table, key=f"vehicle-{match[1]}")
        elif table.section in EXPORT_RECORDS:
            EXPORT_RECORDS[table.section](parsed, _live_rows(parsed, table), items)
        elif table.section not in ("vehicles.csv", "maintenance/service-items.csv") and table.rows:
            parsed.skipped.append(f"the export’s {table.section}")
    if trashed:
        parsed.skipped.append(f"{len(trashed)} vehicle(s) that were in the trash")
    return parsed


def _live_rows(parsed: Parsed, table: Table) -> list[tuple[int, dict[str, str]]]:
    """The export's rows of a record type as {column: cell}, those of its live vehicles and not
    in the trash (what is trashed in the export stays behind)."""
    rows = []
    for line, cells in table.rows:
        facts = dict(zip(table.names, (from_text(cell.strip()) for cell in cells), strict=False))
        if not facts.get("deleted_at") and f"vehicle-{facts.get('vehicle_id', '')}" in parsed.vehicles:
            rows.append((line, facts))
    return rows


def _export_readings(parsed: Parsed, rows, _) -> None:
    for line, facts in rows:
        parsed.readings.append(
            RawReading(line, f"vehicle-{facts['vehicle_id']}", facts.get("date", ""), facts.get("odometer_km", ""),
                       notes=facts.get("notes", ""), distance_unit="km")
        )  # fmt: skip


def _export_services(parsed: Parsed, rows, items: Table | None) -> None:
    jobs: dict[str, list[RawItem]] = {}
    for _, cells in items.rows if items else ():
        facts = dict(zip(items.names, (from_text(cell.strip()) for cell in cells), strict=False))
        jobs.setdefault(facts.get("record_id", ""), []).append(
            RawItem(facts.get("service_type", ""), facts.get("description", ""),
                    parts=facts.get("parts_cost", ""), labour=facts.get("labour_cost", ""))
        )  # fmt: skip
    for line, facts in rows:
        parsed.services.append(
            RawService(line, f"vehicle-{facts['vehicle_id']}", facts.get("date", ""), facts.get("odometer_km", ""),
                       items=jobs.get(facts.get("id", ""), []), kind=facts.get("kind", ""), tax=facts.get("tax", ""),
                       shop=facts.get("shop", ""), notes=facts.get("notes", ""),
                       distance_unit="km", ref=facts.get("id", ""))
        )  # fmt: skip


def _export_costs(parsed: Parsed, rows, _) -> None:
    for line, facts in rows:
        parsed.costs.append(
            RawCost(line, f"vehicle-{facts['vehicle_id']}", facts.get("date", ""), facts.get("amount", ""),
                    category=facts.get("category", ""), notes=facts.get("notes", ""),
                    recurrence=facts.get("recurrence", ""), ref=facts.get("id", ""),
                    series=facts.get("series_id", ""), next_due=facts.get("next_due", ""),
                    until=facts.get("recurrence_until", ""))
        )  # fmt: skip


def _export_reminders(parsed: Parsed, rows, _) -> None:
    for line, facts in rows:
        parsed.reminders.append(RawReminder(line, f"vehicle-{facts['vehicle_id']}", facts))


EXPORT_RECORDS = {
    "odometer_readings.csv": _export_readings,
    "maintenance/services.csv": _export_services,
    "costs/other-costs.csv": _export_costs,
    "maintenance/reminders.csv": _export_reminders,
}


# Any CSV: the person maps our fields to the file's columns.

MAPPED_FIELDS = {
    "date": "Date (and time)",
    "odometer": "Odometer",
    "quantity": "Quantity",
    "price": "Price per unit",
    "total": "Total cost",
    "vehicle": "Vehicle",
    "energy": "Fuel / energy",
    "full": "Full tank (yes/no)",
    "missed": "Missed previous (yes/no)",
    "notes": "Notes",
}
REQUIRED_MAPPED = ("date", "odometer")


def mapped_reader(mapping: dict[str, str]) -> Callable[[list[Table]], Parsed]:
    """A reader of the first table with ``mapping`` ({our field: the file's header})."""

    def read(tables: list[Table]) -> Parsed:
        table = tables[0]
        parsed = Parsed("CSV (your column mapping)")
        index = {name: table.column(header) for name, header in mapping.items() if header}
        for line, cells in table.rows:
            key = parsed.vehicle(_cell(cells, index.get("vehicle")))
            energy = _cell(cells, index.get("energy"))
            fill = RawFill(
                line,
                key,
                _cell(cells, index.get("date")),
                _cell(cells, index.get("odometer")),
                quantity=_cell(cells, index.get("quantity")),
                price=_cell(cells, index.get("price")),
                total=_cell(cells, index.get("total")),
                energy=energy_of(energy) if energy else None,
                notes=_cell(cells, index.get("notes")),
            )
            fill.full = _yes(fill, MAPPED_FIELDS["full"], _cell(cells, index.get("full")), True)
            fill.missed = _yes(fill, MAPPED_FIELDS["missed"], _cell(cells, index.get("missed")), False)
            parsed.fills.append(fill)
        return parsed

    return read


READERS = [
    Reader("export", "MotoVault account export (zip)", _export_recognise, _export_read),
    Reader("ours", "MotoVault export", _ours_recognise, _ours_read),
    Reader("fuelio", "Fuelio backup", _fuelio_recognise, _fuelio_read),
    Reader("drivvo", "Drivvo", _drivvo_recognise, _drivvo_read),
    Reader("fuelly", "Fuelly fuel-ups", _fuelly_recognise, _fuelly_read),
    Reader(
        "fuelly-services",
        "Fuelly services",
        _fuelly_services_recognise,
        _skipped_only("Fuelly services", "Fuelly’s services.csv"),
    ),
    Reader("spritmonitor", "Spritmonitor", _sprit_recognise, _sprit_read),
    Reader("lubelogger", "LubeLogger fuel", _lube_recognise, _lube_read),
    Reader(
        "lubelogger-records",
        "LubeLogger service, tax or odometer records",
        _lube_others_recognise,
        _skipped_only("LubeLogger", "LubeLogger’s service, tax and odometer records"),
    ),
]
FORMAT_CHOICES = [
    (reader.name, reader.label) for reader in READERS if not reader.name.endswith(("-services", "-records"))
]


def recognise(tables: list[Table], forced: str = "") -> Reader | None:
    """The reader for these tables: the one named when the person chose, else the first that
    recognises them."""
    if forced:
        return next((r for r in READERS if r.name == forced), None)
    return next((r for r in READERS if r.recognise(tables)), None)
