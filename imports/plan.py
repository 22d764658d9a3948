"""What an import will do, before anything is saved: per vehicle of the file, the fill-ups to
create (checked as the fill-up form checks one), those already there (skipped), and every row
rejected with its line, its value and what was expected. The same plan is built again when the
person confirms, so what is stored is what the data then allows, all of it or nothing.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import groupby

from django.core.exceptions import ValidationError
from django.utils import timezone

from costs.models import OtherCost
from documents.models import Document
from fuel_logs.forms import FuelLogForm, plain
from fuel_logs.models import FuelLog, energies_for
from imports import export_documents, formats, reading, sections
from imports.formats import FileVehicle, Parsed, RawFill
from imports.reading import UnreadableFile
from imports.sections import Checker, Records
from maintenance.models import Reminder, ServiceRecord
from motovault import clock, units
from stations.models import Station
from vehicles.models import FuelType, OdometerReading, Vehicle
from vehicles.odometer import Readings

NEW = "new"


class UnknownColumns(UnreadableFile):
    """A file of no format we know: the person may say which column holds what."""


# A number that reads as a whole thousand with one mark or as a small decimal with the other.
_EITHER_WAY = re.compile(r"^\D*\d{1,3}[.,]\d{3}\D*$")
FUEL_TYPES = {
    "diesel": FuelType.DIESEL,
    "electricity": FuelType.ELECTRIC,
    "e85": FuelType.FLEX,
    "lpg": FuelType.LPG,
    "cng": FuelType.CNG,
}


@dataclass
class Choices:
    """What the person decided on the preview (empty: as the file decides)."""

    format: str = ""
    date_order: str = ""
    decimal_mark: str = ""
    vehicles: dict[str, str] = field(default_factory=dict)  # the file's vehicle key -> NEW or a vehicle's pk
    mapping: dict[str, str] = field(default_factory=dict)  # our field -> the file's header (any CSV)
    into: str = ""  # the vehicle the import was started from: a file of one vehicle goes there


@dataclass
class Rejection:
    line: int
    what: str
    value: str
    expected: str

    def __str__(self) -> str:
        value = f" “{self.value}”" if self.value else ""
        return f"Line {self.line}: {self.what}{value}: {self.expected}"


@dataclass(frozen=True)
class Place:
    """Where a fill-up was bought, as the file says: a name, and where it is when the file knows."""

    name: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def _degrees(cell: str, limit: int) -> Decimal | None:
    """A coordinate as a station keeps it, or None (blank, not a number, out of range)."""
    try:
        value = Decimal(cell.strip())
    except InvalidOperation:
        return None
    return value.quantize(Decimal("0.000001")) if value.is_finite() and abs(value) <= limit else None


def _place(fill: RawFill) -> Place | None:
    name = " ".join(fill.station.split())[:120]
    if not name:
        return None
    latitude, longitude = _degrees(fill.latitude, 90), _degrees(fill.longitude, 180)
    if latitude is None or longitude is None or latitude == longitude == 0:  # 0, 0: the app's "unknown"
        return Place(name)
    return Place(name, latitude, longitude)


@dataclass
class VehiclePlan:
    file_vehicle: FileVehicle
    vehicle: Vehicle  # unsaved when it is to be created
    logs: list[FuelLog] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # the line of each of ``logs``
    places: list[Place | None] = field(default_factory=list)  # where each of ``logs`` was bought
    duplicates: list[int] = field(default_factory=list)  # lines already logged, skipped
    records: Records = field(default_factory=Records)  # services, other costs, odometer readings

    @property
    def new(self) -> bool:
        return self.vehicle.pk is None

    @property
    def paid_differences(self) -> int:
        """Rows whose total is not quantity × price: the total is kept, as what was paid."""
        return sum(1 for log in self.logs if log.paid_difference is not None)


@dataclass
class Plan:
    format: str
    vehicles: list[VehiclePlan] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)  # "date_order", "decimal_mark"
    date_order: str | None = None
    decimal_mark: str = "."
    skipped: list[str] = field(default_factory=list)
    currencies: dict[str, int] = field(default_factory=dict)  # rows paid in another currency than the user's
    documents: list[export_documents.PlannedDocument] = field(default_factory=list)  # our export's, with their files
    stations: list[Station] = field(default_factory=list)  # our export's, that the user has no station of that name

    @property
    def count(self) -> int:
        return sum(len(vp.logs) + vp.records.count for vp in self.vehicles) + len(self.documents) + len(self.stations)

    def summary(self, shown: int = 200) -> dict:
        """What the preview shows, as plain values: the page's, and what a big file's check in the
        worker keeps on its batch. ``shown``: how many rejections are listed (all are counted)."""
        return {
            "format": self.format,
            "count": self.count,
            "records": self.documents
            or self.stations
            or any(vehicle_plan.records.count for vehicle_plan in self.vehicles),
            "documents": len(self.documents),
            "stations": len(self.stations),
            "ready": self.ready,
            "questions": self.questions,
            "skipped": self.skipped,
            "currencies": self.currencies,
            "rejected": [str(rejection) for rejection in self.rejected[:shown]],
            "rejected_count": len(self.rejected),
            "vehicles": [
                {
                    "key": vehicle_plan.file_vehicle.key,
                    "name": vehicle_plan.file_vehicle.name,
                    "target": str(vehicle_plan.vehicle),
                    "target_pk": vehicle_plan.vehicle.pk,
                    "count": len(vehicle_plan.logs),
                    "services": len(vehicle_plan.records.services),
                    "costs": len(vehicle_plan.records.costs),
                    "readings": len(vehicle_plan.records.readings),
                    "reminders": len(vehicle_plan.records.reminders),
                    "estimated": vehicle_plan.records.estimated,
                    "continued": vehicle_plan.records.continued,
                    "duplicates": sorted(vehicle_plan.duplicates),
                    "paid_differences": vehicle_plan.paid_differences,
                }
                for vehicle_plan in self.vehicles
            ],
        }

    @property
    def blocked(self) -> bool:
        """Rows rejected or a question open: nothing of the file can be stored as it is."""
        return bool(self.rejected or self.questions)

    @property
    def ready(self) -> bool:
        return not self.blocked and self.count > 0


def preview(user, raw: bytes, choices: Choices) -> dict:
    """The plan's summary, or why the file cannot be read (and whether choosing its columns would)."""
    try:
        return build(user, raw, choices).summary()
    except UnreadableFile as problem:
        return {"problem": str(problem), "unknown_columns": isinstance(problem, UnknownColumns)}


def first_rows(raw: bytes, count: int = 5) -> tuple[list[str], list[list[str]]]:
    """The first table's headers and first rows, for mapping the columns of a file we do not know."""
    found = reading.open_tables(raw)
    return (found[0].header, [cells for _, cells in found[0].rows[:count]]) if found else ([], [])


def build(user, raw: bytes, choices: Choices) -> Plan:
    """The plan for ``raw`` with ``choices``; UnreadableFile when the file as a whole cannot be read."""
    tables = reading.open_tables(raw)
    if not tables or not any(table.rows for table in tables):
        raise UnreadableFile("The file has no rows under a header line.")
    if choices.mapping:
        required = formats.REQUIRED_MAPPED.get(choices.mapping.get("rows") or "fills", ())
        missing = [formats.MAPPED_FIELDS[name] for name in required if not choices.mapping.get(name)]
        if missing:
            raise UnreadableFile(f"Choose the column of: {', '.join(missing)}.")
        parsed = formats.mapped_reader(choices.mapping)(tables)
    else:
        reader = formats.recognise(tables, choices.format)
        if reader is None:
            raise UnknownColumns(
                "This file’s columns are not a format we know (Fuelly, Fuelio, Drivvo, Spritmonitor, LubeLogger"
                " or our export): choose which of its columns hold what."
            )
        parsed = reader.read(tables)
    plan = Plan(parsed.format, skipped=parsed.skipped)
    _settle_questions(plan, parsed, choices)
    with timezone.override(clock.zone(user)):
        garage = list(Vehicle.objects.for_user(user).order_by("pk"))
        by_key: dict[str, VehiclePlan] = {}
        for key, file_vehicle in parsed.vehicles.items():
            chosen = choices.vehicles.get(key) or (choices.into if len(parsed.vehicles) == 1 else "")
            vehicle = _target(user, garage, file_vehicle, chosen, parsed)
            by_key[key] = VehiclePlan(file_vehicle, vehicle)
        plan.vehicles = list(by_key.values())
        if not plan.questions:
            for vehicle_plan in plan.vehicles:
                _check(plan, vehicle_plan, parsed, user)
            _check_documents(plan, parsed, raw, by_key, user)
            plan.stations = _stations(parsed, user)
    plan.rejected.sort(key=lambda rejection: rejection.line)
    return plan


def _settle_questions(plan: Plan, parsed: Parsed, choices: Choices) -> None:
    """The date order and the decimal mark: chosen, else fixed by the format, else decided by
    the file's own cells; asked when nothing decides and it matters."""
    others = (*parsed.services, *parsed.costs, *parsed.readings)
    dates = [fill.date for fill in parsed.fills] + [row.date for row in others]
    plan.date_order = choices.date_order or parsed.date_order or reading.date_order(dates)
    if plan.date_order is None and reading.needs_date_order(dates):
        plan.questions.append("date_order")
    numbers = [cell for fill in parsed.fills for cell in (fill.odometer, fill.quantity, fill.price, fill.total) if cell]
    numbers += [cell for row in parsed.services for cell in (row.odometer, row.total, row.tax) if cell]
    numbers += [cell for row in parsed.services for item in row.items for cell in (item.parts, item.labour) if cell]
    numbers += [row.amount for row in parsed.costs if row.amount] + [
        row.odometer for row in parsed.readings if row.odometer
    ]
    mark = choices.decimal_mark or parsed.decimal_mark or reading.number_style(numbers)
    if mark is None and any(_EITHER_WAY.match(cell) for cell in numbers):
        plan.questions.append("decimal_mark")
    plan.decimal_mark = mark or "."


def _target(user, garage: list[Vehicle], file_vehicle: FileVehicle, chosen: str, parsed: Parsed) -> Vehicle:
    """The user's vehicle the rows go to: as chosen, else the one of the same name (or the only
    one, for a file of one unnamed vehicle), else a new one described by the file."""
    if chosen and chosen != NEW:
        found = next((v for v in garage if str(v.pk) == chosen), None)
        if found is not None:
            return found
    nickname = (file_vehicle.key or f"{parsed.format} vehicle")[:60]  # of the vehicle it makes
    if not chosen:
        names = {file_vehicle.name.strip().lower(), nickname.lower()}  # the second: a file imported before
        for vehicle in garage:
            if names & {str(vehicle).lower(), vehicle.nickname.lower(), f"{vehicle.make} {vehicle.model}".lower()}:
                return vehicle
        if not file_vehicle.key and len(parsed.vehicles) == 1 and len(garage) == 1:
            return garage[0]
    energies = {fill.energy for fill in parsed.fills if fill.vehicle == file_vehicle.key and fill.energy}
    fuel_type = FuelType.PLUG_IN_HYBRID if {"petrol", "electricity"} <= energies else FuelType.GASOLINE
    if len(energies - {"petrol"}) == 1 and fuel_type == FuelType.GASOLINE:
        fuel_type = FUEL_TYPES[(energies - {"petrol"}).pop()]
    year = int(file_vehicle.year) if file_vehicle.year.isdigit() else timezone.localdate().year
    vehicle = Vehicle(
        owner=user,
        year=year,
        make=(file_vehicle.make or "Unknown")[:100],
        model=(file_vehicle.model or "Unknown")[:100],
        nickname=nickname,
        fuel_type=fuel_type,
        distance_unit=file_vehicle.distance_unit or user.distance_unit,
        volume_unit=file_vehicle.volume_unit or user.volume_unit,
        economy_unit=user.economy_unit,
    )
    for name, value in file_vehicle.details.items():  # typed: the rows are checked against them
        try:
            setattr(vehicle, name, Vehicle._meta.get_field(name).to_python(value))
        except ValidationError:
            setattr(vehicle, name, value)  # full_clean() says what is wrong with it when it is saved
    return vehicle


def _number(fill: RawFill, cell: str, what: str, mark: str, plan: Plan) -> str | None:
    """The cell as the plain number the fill-up form reads, or None (and a rejection)."""
    try:
        value = reading.parse_number(cell, mark)
    except ValueError:
        expected = "expected a number" + (" with a decimal comma" if mark == "," else "")
        plan.rejected.append(Rejection(fill.line, what, cell, expected))
        return None
    return "" if value is None else str(value)


def _check(plan: Plan, vehicle_plan: VehiclePlan, parsed: Parsed, user) -> None:
    vehicle, key = vehicle_plan.vehicle, vehicle_plan.file_vehicle.key
    fills = [fill for fill in parsed.fills if fill.vehicle == key]
    readings = Readings(vehicle)
    unit = vehicle.distance_unit
    existing = set()
    if not vehicle_plan.new:
        logs = FuelLog.objects.for_user(user).filter(vehicle=vehicle)
        for filled_at, km, energy in logs.values_list("filled_at", "odometer_km", "energy"):
            existing.add((timezone.localdate(filled_at), units.rounded(units.from_km(km, unit), 1), energy))
    usual = energies_for(vehicle)[0].value
    accepted: list[tuple[int, FuelLog]] = []
    places: dict[int, Place] = {}  # by id() of the fill-up
    checkers: dict[tuple, FuelLogForm] = {}  # one form per set of units, checking row after row
    for fill in fills:
        units_of_row = (fill.distance_unit or "", fill.volume_unit or "")
        if units_of_row not in checkers:
            checkers[units_of_row] = FuelLogForm(
                vehicle=vehicle, distance_unit=units_of_row[0], volume_unit=units_of_row[1], readings=readings
            )
        log = _fill_up(plan, checkers[units_of_row], fill, usual)
        if log is None:
            continue
        key = (timezone.localdate(log.filled_at), units.rounded(units.from_km(log.odometer_km, unit), 1), log.energy)
        if key in existing:
            vehicle_plan.duplicates.append(fill.line)
            continue
        existing.add(key)
        _count_currency(plan, fill.currency, user)
        accepted.append((fill.line, log))
        if place := _place(fill):
            places[id(log)] = place
    accepted.sort(key=lambda item: (item[1].filled_at, item[1].odometer_km))
    odometers = [(timezone.localdate(log.filled_at), log.odometer_km, line) for line, log in accepted]
    odometers += _check_records(plan, vehicle_plan, parsed, user, readings)
    plan.rejected += _backwards(odometers, vehicle)
    vehicle_plan.lines = [line for line, _ in accepted]
    vehicle_plan.logs = [log for _, log in accepted]
    vehicle_plan.places = [places.get(id(log)) for _, log in accepted]


def _fill_up(plan: Plan, form: FuelLogForm, fill: RawFill, usual: str) -> FuelLog | None:
    """The row as an unsaved fill-up, checked by the fill-up form; None when rejected."""
    plan.rejected += [
        Rejection(fill.line, what, value, f"expected {expected}") for what, value, expected in fill.problems
    ]
    if fill.problems:
        return None
    try:
        when = reading.parse_datetime(fill.date, plan.date_order, fill.time)
    except ValueError as problem:
        plan.rejected.append(Rejection(fill.line, "Date", fill.date, f"expected {problem}"))
        return None
    amounts = {
        what: _number(fill, cell, what, plan.decimal_mark, plan)
        for what, cell in (
            ("Odometer", fill.odometer),
            ("Quantity", fill.quantity),
            ("Price", fill.price),
            ("Total", fill.total),
            ("Distance on this energy", fill.energy_distance),
        )
    }
    if None in amounts.values():
        return None
    data = {
        "filled_at": when.isoformat(sep="T"),
        "odometer": amounts["Odometer"],
        "energy": fill.energy or usual,
        "quantity": amounts["Quantity"],
        "price": amounts["Price"],
        "total_cost": amounts["Total"],
        "fuel_grade": fill.grade[:40],
        "is_full": fill.full,
        "missed_previous": fill.missed,
        "notes": fill.notes,
        "energy_distance": amounts["Distance on this energy"],
        "charge_start_percent": fill.charge_start,
        "charge_end_percent": fill.charge_end,
    }
    if not form.check_another(data):
        for name, errors in form.errors.items():
            label = "Row" if name == "__all__" else form.fields[name].label.split(" (")[0]
            plan.rejected.append(Rejection(fill.line, label, str(data.get(name, "")), " ".join(errors)))
        return None
    log = form.save(commit=False)
    log.owner = form.vehicle.owner
    return log


def _check_records(plan: Plan, vehicle_plan: VehiclePlan, parsed: Parsed, user, readings: Readings) -> list[tuple]:
    """The vehicle's services, other costs and odometer readings of the file, checked, with what
    is stored already skipped (a row matches one stored record: two tolls of a day in the file
    are two, and the same file imported again adds neither). Returns (day, km, line) of those
    with an odometer, for the file's order check."""
    vehicle, key, records = vehicle_plan.vehicle, vehicle_plan.file_vehicle.key, vehicle_plan.records

    def reject(line: int, what: str, value: str, expected: str) -> None:
        plan.rejected.append(Rejection(line, what, value, expected))

    def new(counter: Counter, found: tuple, line: int) -> bool:
        if counter[found]:
            counter[found] -= 1
            vehicle_plan.duplicates.append(line)
            return False
        return True

    check = Checker(
        vehicle, readings, date_order=plan.date_order, decimal_mark=plan.decimal_mark, reject=reject, ours=parsed.ours
    )
    stored = _stored(vehicle, user, parsed)
    costs, series = {}, []  # our export's costs by their id there, and the series each is of
    for raw in (row for row in parsed.services if row.vehicle == key):
        checked = check.service(raw)
        if checked and new(stored["services"], (checked[0].date, checked[0].total_cost), raw.line):
            records.services.append((raw.line, *checked))
            if raw.ref:
                records.by_ref[raw.ref] = checked[0]
            _count_currency(plan, raw.currency, user)
    for raw in (row for row in parsed.costs if row.vehicle == key):
        cost = check.cost(raw)
        if cost and new(stored["costs"], (cost.date, cost.category, cost.amount), raw.line):
            records.costs.append((raw.line, cost))
            costs[raw.ref] = cost
            series.append((raw.series, cost))
            _count_currency(plan, raw.currency, user)
    for raw in (row for row in parsed.readings if row.vehicle == key):
        found = check.odometer_reading(raw)
        if found and readings.has(found.date, found.odometer_km):  # a fill-up's or a service's already
            vehicle_plan.duplicates.append(raw.line)
        elif found and new(stored["readings"], (found.date, found.odometer_km), raw.line):
            records.readings.append((raw.line, found))
    for raw in (row for row in parsed.reminders if row.vehicle == key):
        reminder = check.reminder(raw, records.by_ref)
        if reminder and new(stored["reminders"], _reminder_key(reminder), raw.line):
            records.reminders.append(reminder)
    for ref, cost in series:
        cost.series = costs.get(ref) if ref else None
    if not any(costs):  # another app's file: its repeating costs go on from their last payment
        records.continued = sections.continue_series(records.costs, timezone.localdate())
    odometers = [(r.date, r.odometer_km, line) for line, r, _ in records.services if r.odometer_km is not None]
    odometers += [(r.date, r.odometer_km, line) for line, r in records.readings]
    known = [(day, km) for day, km, _ in odometers]
    known += [(timezone.localdate(log.filled_at), log.odometer_km) for log in vehicle_plan.logs]
    records.estimated = sections.estimate_odometers(records.services, known, readings)
    return odometers


def _check_documents(plan: Plan, parsed: Parsed, raw: bytes, by_key: dict[str, VehiclePlan], user) -> None:
    """Our export's documents, each with its file in the archive; one whose bytes a vehicle it
    goes to has already is skipped as a duplicate."""
    if not parsed.documents:
        return
    inside = export_documents.members(raw)
    existing = [vp.vehicle for vp in plan.vehicles if not vp.new]
    stored = set(
        Document.objects.for_user(user).filter(links__vehicle__in=existing).values_list("sha256", "links__vehicle_id")
    )

    def reject(line: int, what: str, value: str, expected: str) -> None:
        plan.rejected.append(Rejection(line, what, value, expected))

    for raw_document in parsed.documents:
        found = export_documents.planned(raw_document, by_key, inside, reject)
        if found is None:
            continue
        if any((found.document.sha256, vp.vehicle.pk) in stored for vp in found.vehicles):
            found.vehicles[0].duplicates.append(found.line)
        else:
            plan.documents.append(found)


STATION_FIELDS = ("name", "brand", "address", "latitude", "longitude", "place_id", "is_favourite", "notes")


def _stations(parsed: Parsed, user) -> list[Station]:
    """Our export's stations, where they are and what they are called, but those the user has one
    of that name already (a fill-up names its station by name: it will name that one)."""
    if not parsed.stations:
        return []
    names = {name.casefold() for name in Station.objects.for_user(user).values_list("name", flat=True)}
    found = []
    for facts in parsed.stations:
        station = Station(owner=user)
        for name in STATION_FIELDS:
            model_field = Station._meta.get_field(name)
            try:
                value = model_field.to_python(facts.get(name, "")) if facts.get(name) else model_field.get_default()
            except ValidationError:
                value = model_field.get_default()  # a coordinate that does not read: the station without it
            setattr(station, name, value)
        station.name = " ".join(station.name.split())[:120]
        if station.name and station.name.casefold() not in names:
            names.add(station.name.casefold())
            found.append(station)
    return found


def _stored(vehicle: Vehicle, user, parsed: Parsed) -> dict[str, Counter]:
    """What the vehicle holds already, as the duplicate rule compares it: of the kinds of records
    the file has (a file of fill-ups reads none of them)."""
    live = {"vehicle": vehicle}
    queries = {
        "services": lambda: ServiceRecord.objects.for_user(user).filter(**live).values_list("date", "total_cost"),
        "costs": lambda: OtherCost.objects.for_user(user).filter(**live).values_list("date", "category", "amount"),
        "readings": lambda: OdometerReading.objects.for_user(user).filter(**live).values_list("date", "odometer_km"),
        "reminders": lambda: map(_reminder_key, Reminder.objects.for_user(user).filter(**live)),
    }
    return {
        name: Counter(query() if vehicle.pk is not None and getattr(parsed, name) else ())
        for name, query in queries.items()
    }


def _reminder_key(reminder: Reminder) -> tuple:
    return (reminder.title, reminder.service_type, reminder.due_date, reminder.due_odometer_km)


def _count_currency(plan: Plan, currency: str, user) -> None:
    if currency and currency.upper() != user.currency:
        plan.currencies[currency.upper()] = plan.currencies.get(currency.upper(), 0) + 1


def _backwards(odometers: list[tuple], vehicle: Vehicle) -> list[Rejection]:
    """Rows whose odometer is lower than a reading of an earlier day in the same file.
    ``odometers``: (day, km, line) of every row that reads the odometer."""
    rejected, highest = [], None
    odometers = sorted(odometers, key=lambda item: (item[0], item[1]))
    for _, day in groupby(odometers, lambda item: item[0]):
        day = list(day)
        for _, km, line in day:
            if highest is not None and km < highest[1]:
                reading_there = plain(units.from_km(highest[1], vehicle.distance_unit), 1)
                value = str(plain(units.from_km(km, vehicle.distance_unit), 1))
                expected = f"lower than {reading_there} {vehicle.distance_unit} on line {highest[2]}, a day before"
                rejected.append(Rejection(line, "Odometer", value, expected))
        top = max(day, key=lambda item: item[1])
        if highest is None or top[1] > highest[1]:
            highest = top
    return rejected
