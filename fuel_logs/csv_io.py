"""Our CSV format, out and back in. The odometer's unit is in its header; a quantity's unit is in
the row's own "quantity unit" column (a plug-in hybrid's file mixes gallons and kWh), and the price
is per that unit. An import is checked whole: every rejected row is reported, or all are stored."""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

from django.utils import timezone

from fuel_logs.forms import FuelLogForm, plain
from fuel_logs.models import FuelLog
from motovault import units
from motovault.units import Energy, QuantityUnit, quantity_unit
from vehicles.models import Vehicle

QUANTITY_UNIT, PRICE = "quantity unit", "price per unit"
COLUMNS = ["date", "vehicle", "odometer ({})", "energy", "quantity", QUANTITY_UNIT, PRICE, "total cost"]
COLUMNS += ["fuel grade", "full tank", "missed previous fill-up", "notes"]
# A plug-in hybrid's split and a charge's state of charge: last, so files from before them still read.
SPLIT, CHARGE_START, CHARGE_END = "distance on this energy ({})", "state of charge at start", "state of charge at end"
COLUMNS += [SPLIT, CHARGE_START, CHARGE_END]
ODOMETER_HEADER = re.compile(r"^odometer \((km|mi)\)$")
MAX_ROWS = 5000
YES, NO = "yes", "no"
_VOLUME_BY_SYMBOL = {symbol.lower(): unit for unit, symbol in units.VOLUME_SYMBOLS.items()}
# A cell a spreadsheet would run as a formula (OWASP's list): exported behind a quote, read back without it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header(distance_unit: str) -> list[str]:
    return [column.format(units.DISTANCE_SYMBOLS[distance_unit]) for column in COLUMNS]


def export_rows(logs: Iterable[FuelLog], distance_unit: str) -> Iterator[list[str]]:
    """The header, then one row a fill-up; quantities and prices in each vehicle's own units."""
    yield header(distance_unit)
    for log in logs:
        yield [
            timezone.localtime(log.filled_at).isoformat(),
            as_text(str(log.vehicle)),
            str(plain(units.from_km(log.odometer_km, distance_unit), 1)),
            log.energy,
            str(plain(log.quantity_display, 3)),
            log.quantity_symbol,
            str(plain(log.price_display, 3)),
            f"{log.total_cost:.2f}",
            as_text(log.fuel_grade),
            YES if log.is_full else NO,
            YES if log.missed_previous else NO,
            as_text(log.notes),
            _blank_or(log.energy_distance_km, lambda km: str(plain(units.from_km(km, distance_unit), 1))),
            _blank_or(log.charge_start_percent, str),
            _blank_or(log.charge_end_percent, str),
        ]


def _blank_or(value, write) -> str:
    return "" if value is None else write(value)


def as_text(cell: str) -> str:
    """A cell of free text that a spreadsheet will show as text, never run as a formula (and a
    text that looked escaped already gets a quote too, so ``from_text`` gives it back as it was)."""
    return f"'{cell}" if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def from_text(cell: str) -> str:
    """A free-text cell as it was before ``as_text``."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS) else cell


class Echo:
    """A file that hands back what is written to it, for streaming csv.writer's lines."""

    def write(self, value: str) -> str:
        return value


def stream(rows: Iterable[list[str]]) -> Iterator[str]:
    writer = csv.writer(Echo())
    return (writer.writerow(row) for row in rows)


@dataclass
class Rejected:
    line: int
    reason: str


class UnreadableFile(Exception):
    """The file as a whole cannot be read (no header we know, too many rows, not text)."""


def parse(raw: bytes, vehicle: Vehicle) -> tuple[list[FuelLog], list[Rejected]]:
    """Every row of a file checked as the fill-up form checks it, against the vehicle's readings
    and against the file's other rows. Returns the fill-ups (unsaved) and every rejection."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile("The file is not UTF-8 text.") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    columns = [name.strip().lower() for name in next(reader, [])]
    distance_unit = next((m[1] for m in map(ODOMETER_HEADER.match, columns) if m), None)
    missing = {"date", "energy"} - set(columns)
    if distance_unit is None or missing:
        expected = ", ".join(header(vehicle.distance_unit))
        raise UnreadableFile(f"The first line must name the columns, as our export does: {expected}.")

    logs: list[tuple[int, FuelLog]] = []
    rejected: list[Rejected] = []
    line = 2
    for values in _rows(reader):
        start, line = line, reader.line_num + 1
        if not any(value.strip() for value in values):
            continue
        if len(logs) + len(rejected) >= MAX_ROWS:
            raise UnreadableFile(f"At most {MAX_ROWS} rows a file: split it and import each part.")
        row = dict(zip(columns, (value.strip() for value in values), strict=False))
        log, reasons = _check_row(row, vehicle, distance_unit)
        rejected += [Rejected(start, reason) for reason in reasons]
        if log is not None:
            logs.append((start, log))
    rejected += _check_against_each_other(logs, vehicle)
    return [log for _, log in logs], sorted(rejected, key=lambda rejection: rejection.line)


def _rows(reader) -> Iterator[list[str]]:
    """The reader's rows; a line the csv module cannot read makes the whole file unreadable."""
    try:
        yield from reader
    except csv.Error as problem:
        raise UnreadableFile(f"Line {reader.line_num} cannot be read as CSV: {problem}.") from None


def _check_row(row: dict, vehicle: Vehicle, distance_unit: str) -> tuple[FuelLog | None, list[str]]:
    energy = row.get("energy", "").lower()
    energy = next((choice.value for choice in Energy if energy in (choice.value, choice.label.lower())), energy)
    volume_unit, unit_problem = _volume_unit(row, energy, vehicle)
    if unit_problem:
        return None, [unit_problem]
    data = {
        "filled_at": row.get("date", ""),
        "odometer": row.get(f"odometer ({distance_unit})", ""),
        "energy": energy,
        "quantity": row.get("quantity", ""),
        "price": row.get(PRICE, ""),
        "total_cost": row.get("total cost", ""),
        "fuel_grade": from_text(row.get("fuel grade", "")),
        "is_full": row.get("full tank", YES).lower() != NO,
        "missed_previous": row.get("missed previous fill-up", NO).lower() == YES,
        "notes": from_text(row.get("notes", "")),
        "energy_distance": row.get(SPLIT.format(distance_unit), ""),
        "charge_start_percent": row.get(CHARGE_START, ""),
        "charge_end_percent": row.get(CHARGE_END, ""),
    }
    form = FuelLogForm(data, vehicle=vehicle, distance_unit=distance_unit, volume_unit=volume_unit)
    if not form.is_valid():
        return None, [_reason(form, name, errors) for name, errors in form.errors.items()]
    log = form.save(commit=False)
    log.owner = vehicle.owner
    return log, []


def _volume_unit(row: dict, energy: str, vehicle: Vehicle) -> tuple[str, str | None]:
    """The row's volume unit, or why its quantity unit does not fit its energy."""
    given = row.get(QUANTITY_UNIT, "").lower()
    canonical = quantity_unit(energy)
    if canonical == QuantityUnit.LITRE:
        if not given:
            return vehicle.volume_unit, None
        if given in _VOLUME_BY_SYMBOL:
            return _VOLUME_BY_SYMBOL[given], None
    elif given in ("", canonical.label.lower()):
        return vehicle.volume_unit, None
    return vehicle.volume_unit, f"Quantity unit: {given!r} is not a unit of {energy or 'this energy'}."


def _reason(form: FuelLogForm, name: str, errors: list[str]) -> str:
    label = "Row" if name == "__all__" else form.fields[name].label.split(" (")[0]
    return f"{label}: {' '.join(errors)}"


def _check_against_each_other(logs: list[tuple[int, FuelLog]], vehicle: Vehicle) -> list[Rejected]:
    """Odometers that go down from one day to a later one within the file, rows already logged
    (importing the same export twice must not double anything) and rows the file has twice."""
    rejected = []
    existing = set(FuelLog.objects.filter(vehicle=vehicle, deleted_at__isnull=True).values_list("filled_at", "energy"))
    in_file: dict[tuple, int] = {}  # the line of each fill-up seen in the file
    highest: tuple[int, FuelLog] | None = None  # the highest reading of the days before
    for _, day in groupby(sorted(logs, key=lambda item: item[1].filled_at), lambda item: _day(item[1])):
        day = list(day)
        for line, log in day:
            if (log.filled_at, log.energy) in existing:
                rejected.append(Rejected(line, "Already logged: there is a fill-up of this energy at this time."))
            first = in_file.setdefault((log.filled_at, log.energy), line)
            if first != line:
                reason = f"A fill-up of this energy at this time is in the file twice: the same as line {first}."
                rejected.append(Rejected(line, reason))
            if highest is not None and log.odometer_km < highest[1].odometer_km:
                reading = str(plain(units.from_km(highest[1].odometer_km, vehicle.distance_unit), 1))
                reason = f"Odometer: lower than {reading} {vehicle.distance_unit} on line {highest[0]}, a day before."
                rejected.append(Rejected(line, reason))
        top = max(day, key=lambda item: item[1].odometer_km)
        if highest is None or top[1].odometer_km > highest[1].odometer_km:
            highest = top
    return rejected


def _day(log: FuelLog):
    return timezone.localdate(log.filled_at)
