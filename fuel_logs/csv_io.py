"""Our CSV format, out. The odometer's unit is in its header; a quantity's unit is in the row's own
"quantity unit" column (a plug-in hybrid's file mixes gallons and kWh), and the price is per that
unit. The imports app reads it back (``imports.formats``), with every other app's format."""

import csv
from collections.abc import Iterable, Iterator

from django.utils import timezone

from fuel_logs.forms import plain
from fuel_logs.models import FuelLog
from motovault import units
from motovault.cells import as_text

QUANTITY_UNIT, PRICE = "quantity unit", "price per unit"
COLUMNS = ["date", "vehicle", "odometer ({})", "energy", "quantity", QUANTITY_UNIT, PRICE, "total cost"]
COLUMNS += ["fuel grade", "full tank", "missed previous fill-up", "notes"]
# A plug-in hybrid's split and a charge's state of charge: last, so files from before them still read.
SPLIT, CHARGE_START, CHARGE_END = "distance on this energy ({})", "state of charge at start", "state of charge at end"
COLUMNS += [SPLIT, CHARGE_START, CHARGE_END]
STATION = "station"  # its name: an import makes it the user's station of that name
COLUMNS += [STATION]
YES, NO = "yes", "no"


def header(distance_unit: str) -> list[str]:
    return [column.format(units.DISTANCE_SYMBOLS[distance_unit]) for column in COLUMNS]


def export_rows(logs: Iterable[FuelLog], distance_unit: str) -> Iterator[list[str]]:
    """The header, then one row a fill-up; quantities and prices in each vehicle's own units.
    ``logs`` come with their vehicle and station (``select_related``)."""
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
            as_text(log.station.name) if log.station_id else "",
        ]


def _blank_or(value, write) -> str:
    return "" if value is None else write(value)


class Echo:
    """A file that hands back what is written to it, for streaming csv.writer's lines."""

    def write(self, value: str) -> str:
        return value


def stream(rows: Iterable[list[str]]) -> Iterator[str]:
    writer = csv.writer(Echo())
    return (writer.writerow(row) for row in rows)
