"""One reader a format, each recognised by the file's sections and headers, never by where a
column stands. A reader turns tables into ``Parsed``: the file's vehicles, its fill-ups,
services, other costs and odometer readings with their cells still text (numbers and dates are
read in ``plan.py``, once the file's decimal mark and date order are known). What a file holds
that we do not import (incomes, templates, notes) is listed in ``Parsed.skipped``.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from fuel_logs.csv_io import CHARGE_END, CHARGE_START, QUANTITY_UNIT, SPLIT, STATION
from imports.reading import DAY_FIRST, Table, UnreadableFile, parse_yes
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


# What the name of a cost's category or type stands for, in the apps' languages (English,
# Portuguese, Spanish, German, Russian): a pattern searched in the lower-case name; ``\b`` where a
# short word would match inside another ("mot" in "motor", "шин" in "машина"). First match wins.
SERVICE_WORDS = [  # -> a service of this kind (maintenance.models.Kind)
    ("inspection", r"inspec|inspeç|vistoria|t[üu]v\b|hauptuntersuchung|\bmot\b|\bitv\b|техосмотр"),
    ("repair", r"repair|repar|consert|ремонт"),
    (
        "service",
        r"servic|serviç|maint|manuten|manten|revis|wartung|inspektion|обслуж|\bто\b"
        r"|\boil|óleo|oleo|aceite|öl|масл|tyre|tire|pneu|\bneum|llanta|reifen|\bшин|filt|фильтр"
        r"|brake|freio|\bfren|brems|тормоз",
    ),
]
COST_WORDS = [  # -> a category of other cost (costs.models.Category); "other" when none matches
    ("fines", r"\bfine|multa|infra[cç]|bu[ßs]geld|strafzettel|verwarn|штраф"),
    ("parking", r"park|estacion|aparca|parqu|стоянк|парков"),
    ("tolls", r"\btoll|ped[áa]gio|peaje|maut|vinheta|vi[ñn]eta|vignette|платн"),
    ("financing", r"financ|finanz|loan|\bleas|kredit|credit|cr[ée]dito|empr[ée]stimo|pr[ée]stamo|кредит|лизинг"),
    ("insurance", r"insur|assur|seguro|versicher|страх|осаго|каско"),
    ("registration", r"regist|licen[cs]|matr[íi]cul|zulassung|регистрац"),
    ("tax", r"\btax|impost|\bipva|impuest|tenencia|steuer|налог|пошлин"),
    ("wash", r"wash|\blav|clean|\blimp|w[äa]sch|pflege|reinig|\bcare\b|мойк|чистк"),
]


def _named(table: list[tuple[str, str]], name: str) -> str | None:
    name = name.strip().lower()
    return next((meaning for meaning, pattern in table if re.search(pattern, name)), None)


def service_kind(name: str) -> str | None:
    """The kind of service a category's or a type's name stands for; None when it names no
    service, maintenance, repair, tyres or inspection."""
    return _named(SERVICE_WORDS, name)


def category_of(name: str) -> str:
    """The category of other cost a name stands for (insurance, tax, parking...); "other" when
    it names none we know."""
    return _named(COST_WORDS, name) or "other"


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
class RawDocument:
    """A document of our export: its columns as written, the file vehicles it is filed under
    (their keys), its stored file inside the archive under ``documents/``."""

    line: int
    fields: dict[str, str]
    vehicles: list[str]
    fill_up: tuple[str, str] | None = None  # a receipt's fill-up: its vehicle's key and its time


@dataclass
class Parsed:
    format: str
    vehicles: dict[str, FileVehicle] = field(default_factory=dict)
    fills: list[RawFill] = field(default_factory=list)
    services: list[RawService] = field(default_factory=list)
    costs: list[RawCost] = field(default_factory=list)
    readings: list[RawReading] = field(default_factory=list)
    reminders: list[RawReminder] = field(default_factory=list)
    documents: list[RawDocument] = field(default_factory=list)
    stations: list[dict[str, str]] = field(default_factory=list)  # our export's live stations, their columns
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


Columns = dict[str, tuple[str, ...]]  # what a column holds -> the headers it may have, as the app writes them


def _cells(table: Table, columns: Columns) -> Callable[[list[str], str], str]:
    """A row's cell holding ``what`` (one of ``columns``), its column found once for the table."""
    index = {what: table.column(*headers) for what, headers in columns.items()}
    return lambda cells, what: _cell(cells, index[what])


def _lacking(table: Table, columns: Columns, *required: str) -> str | None:
    """The header of the first ``required`` column the table does not have, else None."""
    return next((columns[what][0] for what in required if table.column(*columns[what]) is None), None)


def _require(table: Table, columns: Columns, what: str, *required: str) -> None:
    """A file of one table that lacks a column it cannot do without (a format chosen for a file
    of another) is refused as a whole, naming the column."""
    missing = _lacking(table, columns, *required)
    if missing:
        raise UnreadableFile(f"This file has no “{missing}” column, which {what} always has: is it the right format?")


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _known(odometer: str) -> str:
    """An odometer cell, "" where the app writes 0 for one not entered."""
    return "" if odometer.strip().strip("0.,") == "" else odometer


def _listed(cell: str) -> list[str]:
    """The names in a comma-separated cell ("Oil change, Air filter")."""
    return [name.strip() for name in cell.split(",") if name.strip()]


def _visit(jobs: list[str], line: int, vehicle: str, date: str, odometer: str, **more) -> RawService:
    """A service of these jobs (an item each), of the kind their names say (a repair, an
    inspection), else a service."""
    items = [RawItem(job) for job in jobs]
    return RawService(line, vehicle, date, odometer, items, kind=service_kind(" ".join(jobs)) or "service", **more)


def _spent(parsed: Parsed, category: str, cost: RawCost, odometer: str, distance_unit: str | None) -> None:
    """A row of an app that keeps services and other costs in one list: a service when its
    category's name says so, else ``cost`` in the category its name (or else its title) means."""
    kind = service_kind(category)
    if kind is None:
        named = category_of(category)
        cost.category = named if named != "other" else category_of(cost.title)
        parsed.costs.append(cost)
        return
    parsed.services.append(
        RawService(
            cost.line,
            cost.vehicle,
            cost.date,
            odometer,
            items=[RawItem(cost.title)] if cost.title else [],
            kind=kind,
            total=cost.amount,
            notes=cost.notes,
            currency=cost.currency,
            distance_unit=distance_unit,
        )
    )


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


# Fuelly services.csv: every car in one file, newest first; a row is a service, an expense or a
# note (``service_type``), its jobs a comma-separated list of keys ("engine_oil,oil_filter") and
# ``price`` what the visit cost.

FUELLY_SERVICES = {
    "car": ("car_name",),
    "model": ("model",),
    "date": ("service_date",),
    "odometer": ("odometer",),
    "type": ("service_type",),
    "jobs": ("sub_service_types", "services"),
    "price": ("price", "cost"),
    "notes": ("notes",),
    "tags": ("tags",),
}


def _fuelly_services_read(tables: list[Table]) -> Parsed:
    table = _table(tables, "")
    _require(table, FUELLY_SERVICES, "Fuelly’s services.csv", "car", "date", "odometer")
    parsed = Parsed("Fuelly services")
    distance = "mi" if "miles" in table.names else "km" if {"km", "kilometers"} & set(table.names) else None
    cell = _cells(table, FUELLY_SERVICES)
    notes_only = 0
    for line, cells in table.rows:
        key = parsed.vehicle(cell(cells, "car"), model=cell(cells, "model"), distance_unit=distance)
        jobs = [job.replace("_", " ").capitalize() for job in _listed(cell(cells, "jobs"))]
        notes = _joined(cell(cells, "notes"), cell(cells, "tags"))
        row_type = cell(cells, "type").lower()
        if row_type == "note":
            notes_only += 1
        elif row_type == "expense":
            title = ", ".join(jobs)
            parsed.costs.append(
                RawCost(line, key, cell(cells, "date"), cell(cells, "price"), category_of(title), title, notes)
            )
        else:
            parsed.services.append(
                _visit(
                    jobs,
                    line,
                    key,
                    cell(cells, "date"),
                    cell(cells, "odometer"),
                    total=cell(cells, "price"),
                    notes=notes,
                    distance_unit=distance,
                )
            )
    if notes_only:
        parsed.skipped.append(f"{notes_only} note(s) of Fuelly’s services.csv (nothing was paid)")
    return parsed


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
    _fuelio_costs(parsed, tables, key, distance)
    return parsed


# Fuelio's costs: each names its category by id (``## CostCategories`` names them, in the
# person's language); a repeat every 1 or 12 months is a recurring cost; an odometer of 0 is one
# not entered; incomes and templates are not costs.

FUELIO_COSTS = {
    "title": ("CostTitle",),
    "date": ("Date",),
    "odometer": ("Odo",),
    "category": ("CostTypeID",),
    "notes": ("Notes",),
    "cost": ("Cost",),
    "months": ("RepeatMonths",),
    "income": ("isIncome",),
    "template": ("isTemplate",),
}
FUELIO_REPEATS = {"1": "monthly", "12": "yearly"}


def _fuelio_costs(parsed: Parsed, tables: list[Table], key: str, distance: str) -> None:
    costs = _table(tables, "costs")
    if costs is None:
        return
    missing = _lacking(costs, FUELIO_COSTS, "date", "cost", "category")
    if missing:
        parsed.skipped.append(f"Fuelio’s costs: its “## Costs” section has no “{missing}” column")
        return
    categories = _fuelio_categories(_table(tables, "costcategories"))
    cell = _cells(costs, FUELIO_COSTS)
    incomes = templates = 0
    for line, cells in costs.rows:
        if cell(cells, "template") == "1":
            templates += 1
            continue
        if cell(cells, "income") == "1":
            incomes += 1
            continue
        category = categories.get(cell(cells, "category"), "")
        cost = RawCost(
            line,
            key,
            cell(cells, "date"),
            cell(cells, "cost"),
            title=cell(cells, "title") or category,
            notes=cell(cells, "notes"),
            recurrence=FUELIO_REPEATS.get(cell(cells, "months"), ""),
        )
        _spent(parsed, category, cost, _known(cell(cells, "odometer")), distance)
    if incomes:
        parsed.skipped.append(f"{incomes} income(s) in Fuelio’s costs (money received is not a cost)")
    if templates:
        parsed.skipped.append(f"{templates} cost template(s) of Fuelio (kept for quick entry, not paid)")


def _fuelio_categories(table: Table | None) -> dict[str, str]:
    """Fuelio's cost categories' names by their id."""
    if table is None:
        return {}
    col = table.column
    return {_cell(cells, col("costtypeid")): _cell(cells, col("name")) for _, cells in table.rows}


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
DRIVVO_SERVICE_SECTIONS = ("service", "serviço", "servicio", "обслуживание")
DRIVVO_EXPENSE_SECTIONS = ("expense", "despesa", "gasto", "расход")
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
    sections = (*DRIVVO_FUEL_SECTIONS, *DRIVVO_SERVICE_SECTIONS, *DRIVVO_EXPENSE_SECTIONS)
    return any(t.section in sections for t in tables)


def _drivvo_read(tables: list[Table]) -> Parsed:
    parsed = Parsed("Drivvo")
    key = parsed.vehicle("", distance_unit="km", volume_unit="l")  # its export says no units: the app's metric ones
    table = _table(tables, *DRIVVO_FUEL_SECTIONS)
    if table is not None:
        _drivvo_fills(parsed, table, key)
    for section in tables:
        if section.section in DRIVVO_SERVICE_SECTIONS:
            _drivvo_services(parsed, section, key)
        elif section.section in DRIVVO_EXPENSE_SECTIONS:
            _drivvo_expenses(parsed, section, key)
    return parsed


def _drivvo_fills(parsed: Parsed, table: Table, key: str) -> None:
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


# A Drivvo service names its type(s), comma-separated ("Troca de óleo, Filtro de ar"), and the
# place it was done; an expense its type (insurance, parking...) and why.

DRIVVO_SERVICE = {
    "odometer": DRIVVO["odometer"],
    "date": DRIVVO["date"],
    "types": (
        "type of service",
        "service type",
        "services",
        "tipo de serviço",
        "tipo de servico",
        "tipo de servicio",
        "тип обслуживания",
        "вид обслуживания",
    ),
    "total": DRIVVO["total"],
    "place": ("place", "local", "lugar", "место"),
    "notes": DRIVVO["notes"],
}
DRIVVO_EXPENSE = {
    "date": DRIVVO["date"],
    "type": ("type of expense", "expense type", "tipo de despesa", "tipo de gasto", "тип расхода", "вид расхода"),
    "total": DRIVVO["total"],
    "reason": ("reason", "motivo", "razão", "razon", "razón", "причина"),
    "notes": DRIVVO["notes"],
}


def _drivvo_services(parsed: Parsed, table: Table, key: str) -> None:
    missing = _lacking(table, DRIVVO_SERVICE, "date", "odometer")
    if missing:
        parsed.skipped.append(f"Drivvo’s “{table.section}” section: it has no “{missing}” column")
        return
    cell = _cells(table, DRIVVO_SERVICE)
    for line, cells in table.rows:
        parsed.services.append(
            _visit(
                _listed(cell(cells, "types")),
                line,
                key,
                cell(cells, "date"),
                cell(cells, "odometer"),
                total=cell(cells, "total"),
                shop=cell(cells, "place"),
                notes=cell(cells, "notes"),
            )
        )


def _drivvo_expenses(parsed: Parsed, table: Table, key: str) -> None:
    missing = _lacking(table, DRIVVO_EXPENSE, "date", "total")
    if missing:
        parsed.skipped.append(f"Drivvo’s “{table.section}” section: it has no “{missing}” column")
        return
    cell = _cells(table, DRIVVO_EXPENSE)
    for line, cells in table.rows:
        name = cell(cells, "type")
        notes = _joined(cell(cells, "reason"), cell(cells, "notes"))
        parsed.costs.append(
            RawCost(line, key, cell(cells, "date"), cell(cells, "total"), category_of(name), name, notes)
        )


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


# Spritmonitor's costs export: the same conventions as its fill-ups; the cost type is a code
# (its English names here) that says a service (maintenance, repair, tyres, oil, the TÜV) or a
# cost of a category; a purchase price is the vehicle's and a refund money received: not costs.

SPRIT_COSTS = {
    "date": SPRIT["date"],
    "odometer": SPRIT["odometer"],
    "type": ("cost type", "costtype", "kostenart", "kostentyp", "type", "art"),
    "title": ("name", "title", "bezeichnung", "titel"),
    "amount": ("costs", "cost", "total price", "kosten", "gesamtpreis", "betrag"),
    "currency": SPRIT["currency"],
    "note": SPRIT["note"],
}
SPRIT_COST_TYPES = {
    "1": "Maintenance",
    "2": "Repair",
    "3": "Tyre change",
    "4": "Oil change",
    "5": "Insurance",
    "6": "Tax",
    "7": "Inspection (TÜV)",
    "8": "Tuning",
    "9": "Accessories",
    "11": "Miscellaneous",
    "12": "Care",
    "13": "Payment",
    "14": "Registration",
    "15": "Financing",
    "17": "Fine",
    "18": "Parking",
    "19": "Toll",
    "20": "Spare parts",
    "21": "Basic charging fee",
}
SPRIT_NOT_COSTS = {"10": "purchase price(s) (the vehicle’s own field)", "16": "refund(s) (money received)"}


def _sprit_costs_recognise(tables: list[Table]) -> bool:
    """Its columns, and no quantity (its fill-ups have a type and a total price too)."""
    table = _table(tables, "")
    return (
        table is not None
        and table.column(*SPRIT["quantity"]) is None
        and all(table.column(*SPRIT_COSTS[name]) is not None for name in ("date", "type", "amount", "currency"))
    )


def _sprit_costs_read(tables: list[Table]) -> Parsed:
    table = _table(tables, "")
    _require(table, SPRIT_COSTS, "Spritmonitor’s costs export", "date", "type", "amount")
    parsed = Parsed("Spritmonitor costs", date_order=DAY_FIRST)
    key = parsed.vehicle("", distance_unit="km", volume_unit="l")
    cell = _cells(table, SPRIT_COSTS)
    not_costs = dict.fromkeys(SPRIT_NOT_COSTS, 0)
    for line, cells in table.rows:
        code = cell(cells, "type")
        if code in not_costs:
            not_costs[code] += 1
            continue
        type_name = SPRIT_COST_TYPES.get(code, code)
        cost = RawCost(
            line,
            key,
            cell(cells, "date"),
            cell(cells, "amount"),
            title=cell(cells, "title") or type_name,
            notes=cell(cells, "note"),
            currency=cell(cells, "currency").upper(),
        )
        _spent(parsed, type_name, cost, cell(cells, "odometer"), None)
    parsed.skipped += [f"{count} {SPRIT_NOT_COSTS[code]}" for code, count in not_costs.items() if count]
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


# Its service, repair and upgrade records share one shape (Date, Description, Cost, Notes,
# Odometer, Tags) and the export's file name is a random id: a file of them reads as services
# unless the person chooses repairs or upgrades. Taxes are the same without the odometer; an
# odometer record is read at its end (its InitialOdometer is the record before's end).

LUBE_RECORD = {
    "date": ("Date",),
    "description": ("Description",),
    "cost": ("Cost",),
    "notes": ("Notes",),
    "odometer": ("Odometer",),
    "tags": ("Tags",),
}


def _lube_records_recognise(tables: list[Table]) -> bool:
    table = _table(tables, "")
    return _has(table, "date", "description", "cost", "odometer") and "initialodometer" not in table.names


def _chosen_only(tables: list[Table]) -> bool:
    """A format the file cannot tell from another of the same columns: read when chosen."""
    return False


def _lube_records(kind: str, what: str) -> Callable[[list[Table]], Parsed]:
    def read(tables: list[Table]) -> Parsed:
        table = _table(tables, "")
        _require(table, LUBE_RECORD, f"LubeLogger’s {what}", "date", "odometer", "cost")
        parsed = Parsed(f"LubeLogger {what}")
        key = parsed.vehicle("")
        cell = _cells(table, LUBE_RECORD)
        for line, cells in table.rows:
            description = cell(cells, "description")
            parsed.services.append(
                RawService(
                    line,
                    key,
                    cell(cells, "date"),
                    cell(cells, "odometer"),
                    items=[RawItem(description)] if description else [],
                    kind=kind,
                    total=cell(cells, "cost"),
                    notes=_joined(cell(cells, "notes"), cell(cells, "tags")),
                )
            )
        return parsed

    return read


def _lube_taxes_recognise(tables: list[Table]) -> bool:
    table = _table(tables, "")
    others = ("odometer", "initialodometer", "partnumber", "fuelconsumed")  # its other records' columns
    return _has(table, "date", "description", "cost") and not any(name in table.names for name in others)


def _lube_taxes_read(tables: list[Table]) -> Parsed:
    """Its tax records hold registration fees too: a description that names another category
    keeps it; the export does not say which recur."""
    table = _table(tables, "")
    _require(table, LUBE_RECORD, "LubeLogger’s taxes", "date", "cost")
    parsed = Parsed("LubeLogger taxes")
    key = parsed.vehicle("")
    cell = _cells(table, LUBE_RECORD)
    for line, cells in table.rows:
        description = cell(cells, "description")
        named = category_of(description)
        parsed.costs.append(
            RawCost(
                line,
                key,
                cell(cells, "date"),
                cell(cells, "cost"),
                category=named if named != "other" else "tax",
                title=description,
                notes=_joined(cell(cells, "notes"), cell(cells, "tags")),
            )
        )
    return parsed


def _lube_odometer_recognise(tables: list[Table]) -> bool:
    return _has(_table(tables, ""), "date", "initialodometer", "odometer")


def _lube_odometer_read(tables: list[Table]) -> Parsed:
    table = _table(tables, "")
    _require(table, LUBE_RECORD, "LubeLogger’s odometer records", "date", "odometer")
    parsed = Parsed("LubeLogger odometer records")
    key = parsed.vehicle("")
    cell = _cells(table, LUBE_RECORD)
    for line, cells in table.rows:
        parsed.readings.append(
            RawReading(
                line,
                key,
                cell(cells, "date"),
                cell(cells, "odometer"),
                _joined(cell(cells, "notes"), cell(cells, "tags")),
            )
        )
    return parsed


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
        elif table.section not in READ_WITH_OTHERS and table.rows:
            parsed.skipped.append(f"the export’s {table.section}")
    _export_documents(
        parsed,
        _table(tables, "documents.csv"),
        _table(tables, "document_vehicles.csv"),
        _table(tables, "document_fill-ups.csv"),
    )
    stations = _table(tables, "stations/stations.csv")
    for _, cells in stations.rows if stations else ():
        facts = dict(zip(stations.names, (from_text(cell.strip()) for cell in cells), strict=False))
        if not facts.get("deleted_at"):
            parsed.stations.append(facts)
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


def _export_documents(parsed: Parsed, documents: Table | None, links: Table | None, receipts: Table | None) -> None:
    """The export's live documents with the live vehicles they are filed under (and the fill-up
    a receipt is of); one filed under none of those (its vehicles trashed) stays behind, said in
    ``skipped``."""
    if documents is None:
        return
    filed: dict[str, list[str]] = {}
    for _, facts in _live_rows(parsed, links) if links else ():
        filed.setdefault(facts.get("document_id", ""), []).append(f"vehicle-{facts['vehicle_id']}")
    fill_ups = {
        facts.get("document_id", ""): (f"vehicle-{facts['vehicle_id']}", facts.get("filled_at", ""))
        for _, facts in (_live_rows(parsed, receipts) if receipts else ())
    }
    behind = 0
    for line, cells in documents.rows:
        facts = dict(zip(documents.names, (from_text(cell.strip()) for cell in cells), strict=False))
        if facts.get("deleted_at"):
            continue
        if vehicles := filed.get(facts.get("id", "")):
            parsed.documents.append(RawDocument(line, facts, vehicles, fill_ups.get(facts.get("id", ""))))
        else:
            behind += 1
    if behind:
        parsed.skipped.append(f"{behind} document(s) filed only under vehicles that were in the trash")


# The export's files read along with another (a service's items, a document's vehicles).
READ_WITH_OTHERS = (
    "vehicles.csv", "maintenance/service-items.csv", "documents.csv", "document_vehicles.csv", "document_fill-ups.csv",
    "stations/stations.csv", "stations/fill-up-stations.csv",  # the fill-ups' own files name their station
)  # fmt: skip
EXPORT_RECORDS = {
    "odometer_readings.csv": _export_readings,
    "maintenance/services.csv": _export_services,
    "costs/other-costs.csv": _export_costs,
    "maintenance/reminders.csv": _export_reminders,
}


# Any CSV: the person says what its rows are and maps our fields to the file's columns.

ROW_KINDS = {
    "fills": "Fill-ups and charges",
    "services": "Services",
    "costs": "Other costs",
    "readings": "Odometer readings",
}
MAPPED_FIELDS = {
    "date": "Date (and time)",
    "odometer": "Odometer",
    "quantity": "Quantity (fill-ups)",
    "price": "Price per unit (fill-ups)",
    "total": "Total cost (or a cost's amount)",
    "vehicle": "Vehicle",
    "energy": "Fuel / energy (fill-ups)",
    "full": "Full tank, yes/no (fill-ups)",
    "missed": "Missed previous, yes/no (fill-ups)",
    "service_type": "What was done (services)",
    "shop": "Shop (services)",
    "category": "Kind of cost (costs: insurance, tax, parking...)",
    "notes": "Notes",
}
REQUIRED_MAPPED = {
    "fills": ("date", "odometer"),
    "services": ("date", "total"),
    "costs": ("date", "total"),
    "readings": ("date", "odometer"),
}


def mapped_reader(mapping: dict[str, str]) -> Callable[[list[Table]], Parsed]:
    """A reader of the first table with ``mapping`` ({our field: the file's header}, and "rows":
    what its rows are, one of ``ROW_KINDS``)."""

    def read(tables: list[Table]) -> Parsed:
        table = tables[0]
        parsed = Parsed("CSV (your column mapping)")
        index = {name: table.column(header) for name, header in mapping.items() if header and name in MAPPED_FIELDS}
        kind = mapping.get("rows") or "fills"
        for line, cells in table.rows:
            key = parsed.vehicle(_cell(cells, index.get("vehicle")))
            get = defaultdict(str, {name: _cell(cells, column) for name, column in index.items()})
            if kind == "services":
                what = get["service_type"]
                items = [RawItem(name.strip()) for name in re.split(r"[,;/+]", what) if name.strip()]
                parsed.services.append(
                    RawService(line, key, get["date"], get["odometer"], items, kind=service_kind(what) or "service",
                               total=get["total"], shop=get["shop"], notes=get["notes"])
                )  # fmt: skip
            elif kind == "costs":
                category = get["category"]
                parsed.costs.append(
                    RawCost(line, key, get["date"], get["total"], category=category_of(category), title=category,
                            notes=get["notes"])
                )  # fmt: skip
            elif kind == "readings":
                parsed.readings.append(RawReading(line, key, get["date"], get["odometer"], notes=get["notes"]))
            else:
                parsed.fills.append(_mapped_fill(line, key, get))
        return parsed

    return read


def _mapped_fill(line: int, key: str, get: dict[str, str]) -> RawFill:
    energy = get["energy"]
    fill = RawFill(
        line, key, get["date"], get["odometer"], quantity=get["quantity"], price=get["price"], total=get["total"],
        energy=energy_of(energy) if energy else None, notes=get["notes"],
    )  # fmt: skip
    fill.full = _yes(fill, MAPPED_FIELDS["full"], get["full"], True)
    fill.missed = _yes(fill, MAPPED_FIELDS["missed"], get["missed"], False)
    return fill


READERS = [
    Reader("export", "MotoVault account export (zip)", _export_recognise, _export_read),
    Reader("ours", "MotoVault export", _ours_recognise, _ours_read),
    Reader("fuelio", "Fuelio backup (fill-ups and costs)", _fuelio_recognise, _fuelio_read),
    Reader("drivvo", "Drivvo (fill-ups, services and expenses)", _drivvo_recognise, _drivvo_read),
    Reader("fuelly", "Fuelly fuel-ups (fuelups.csv)", _fuelly_recognise, _fuelly_read),
    Reader("fuelly-services", "Fuelly services (services.csv)", _fuelly_services_recognise, _fuelly_services_read),
    Reader("spritmonitor-costs", "Spritmonitor costs", _sprit_costs_recognise, _sprit_costs_read),
    Reader("spritmonitor", "Spritmonitor fill-ups", _sprit_recognise, _sprit_read),
    Reader("lubelogger", "LubeLogger fuel", _lube_recognise, _lube_read),
    Reader(
        "lubelogger-service",
        "LubeLogger service records",
        _lube_records_recognise,
        _lube_records("service", "service records"),
    ),
    Reader("lubelogger-repair", "LubeLogger repairs", _chosen_only, _lube_records("repair", "repairs")),
    Reader("lubelogger-upgrade", "LubeLogger upgrades", _chosen_only, _lube_records("upgrade", "upgrades")),
    Reader("lubelogger-tax", "LubeLogger taxes", _lube_taxes_recognise, _lube_taxes_read),
    Reader("lubelogger-odometer", "LubeLogger odometer records", _lube_odometer_recognise, _lube_odometer_read),
]
FORMAT_CHOICES = [(reader.name, reader.label) for reader in READERS]


def recognise(tables: list[Table], forced: str = "") -> Reader | None:
    """The reader for these tables: the one named when the person chose, else the first that
    recognises them."""
    if forced:
        return next((r for r in READERS if r.name == forced), None)
    return next((r for r in READERS if r.recognise(tables)), None)
