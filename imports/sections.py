"""A file's records besides its fill-ups: services with their jobs, other costs and odometer
readings, checked as their forms check one (a date not in the future, amounts that read with the
file's decimal mark, an odometer in order with the vehicle's other readings), with what is stored
already skipped. ``plan.py`` calls these per vehicle of the file.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from costs.models import Category, OtherCost, Recurrence, add_months
from imports import reading
from imports.formats import RawCost, RawReading, RawReminder, RawService
from maintenance.models import BUILT_IN_TYPES, Kind, LineItem, Reminder, ServiceRecord, normalise_type
from motovault import units
from vehicles.models import OdometerReading, Vehicle
from vehicles.odometer import Readings

CENT = Decimal("0.01")
# A reminder's columns in our export that it comes back with (its vehicle and service are mapped).
REMINDER_FIELDS = (
    "title", "service_type", "interval_km", "interval_months", "due_date", "due_odometer_km", "schedule",
    "soon_days", "very_soon_days", "soon_km", "very_soon_km", "snoozed_until", "last_done_on", "last_done_km",
    "done_on", "notes",
)  # fmt: skip
# Other apps' names for our built-in service types, by the words in them (lower case); the first
# match wins, so the narrower names come first ("cabin air filter" before "air filter").
TYPE_WORDS = [
    (("cabin",), "Cabin filter"),
    (("air filter", "luftfilter", "filtro de ar", "filtro de aire", "воздушн"), "Air filter"),
    (("oil", "öl", "ölwechsel", "oleo", "óleo", "aceite", "масл"), "Oil and filter"),
    (("rotat", "rodízio", "rodizio", "rotación"), "Tyre rotation"),
    (("brake fluid", "bremsflüssigkeit", "fluido de freio", "líquido de frenos"), "Brake fluid"),
    (("brake", "bremse", "freio", "freno", "тормоз"), "Brakes"),
    (("tire", "tyre", "reifen", "pneu", "neumático", "шин"), "Tyres"),
    (("coolant", "antifreeze", "kühlmittel", "arrefecimento", "refrigerante", "антифриз"), "Coolant"),
    (("spark plug", "zündkerze", "vela", "bujía", "свеч"), "Spark plugs"),
    (("timing belt", "zahnriemen", "correia dentada", "correa de distribución", "грм"), "Timing belt"),
    (("transmission", "getriebe", "câmbio", "cambio", "transmisión", "трансмисс"), "Transmission fluid"),
    (("battery", "batterie", "bateria", "batería", "аккумулятор"), "Battery"),
    (("wiper", "wischer", "palheta", "escobilla", "дворник"), "Wiper blades"),
    (("inspection", "mot", "tüv", "hauptuntersuchung", "inspeção", "itv", "emission", "техосмотр"), "Inspection / MOT"),
    (("chain", "kette", "corrente", "cadena", "цеп"), "Chain and sprockets"),
]


def service_type(name: str) -> str:
    """Our type for another app's name of a job: a built-in one when its words say so (whole
    name or words in it), else the name itself as the user's own type."""
    own = normalise_type(name)[:60]
    if own in BUILT_IN_TYPES:
        return own
    lowered = f" {own.lower()} "
    for words, builtin in TYPE_WORDS:
        if any((f" {word} " if len(word) <= 3 else word) in lowered for word in words):
            return builtin
    return own


@dataclass
class Records:
    """What one vehicle of the file gets besides fill-ups, unsaved; each with its file line."""

    services: list[tuple[int, ServiceRecord, list[LineItem]]] = field(default_factory=list)
    costs: list[tuple[int, OtherCost]] = field(default_factory=list)
    readings: list[tuple[int, OdometerReading]] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)  # our export's, as they were
    estimated: list[int] = field(default_factory=list)  # lines of services the file gave no odometer
    continued: list[int] = field(default_factory=list)  # lines of costs that go on repeating
    by_ref: dict[str, ServiceRecord] = field(default_factory=dict)  # our export's services by their id there

    @property
    def count(self) -> int:
        return sum(self.counts().values())

    def counts(self) -> dict[str, int]:
        return {
            "services": len(self.services),
            "costs": len(self.costs),
            "readings": len(self.readings),
            "reminders": len(self.reminders),
        }

    def rows(self) -> list:
        """The vehicle's records of every kind (line items go with their service)."""
        return [
            *(record for _, record, _ in self.services),
            *(cost for _, cost in self.costs),
            *(reading for _, reading in self.readings),
            *self.reminders,
        ]

    def extend(self, other: "Records") -> None:
        self.services += other.services
        self.costs += other.costs
        self.readings += other.readings
        self.reminders += other.reminders


class Checker:
    """Reads one vehicle's rows of the other sections with the plan's date order and decimal mark;
    rows that do not read go to ``reject(line, what, value, expected)``."""

    def __init__(self, vehicle: Vehicle, readings: Readings, *, date_order, decimal_mark, reject, ours=False) -> None:
        self.vehicle, self.readings, self.ours = vehicle, readings, ours
        self.date_order, self.decimal_mark, self.reject = date_order, decimal_mark, reject
        self.today = timezone.localdate()

    def day(self, line: int, cell: str, what: str = "Date", ahead: bool = False) -> datetime.date | None:
        """The cell's date; None (rejected) when it does not read, or is ahead of today unless
        ``ahead`` (a schedule's next date)."""
        try:
            day = reading.parse_datetime(cell, self.date_order).date()
        except ValueError as problem:
            self.reject(line, what, cell, f"expected {problem}")
            return None
        if day > self.today and not ahead:
            self.reject(line, what, cell, "expected a date that has passed")
            return None
        return day

    def amount(self, line: int, cell: str, what: str) -> Decimal | None:
        """Money as the file writes it, to the cent; 0 for an empty cell; None (rejected) when it
        is not a number or is negative."""
        try:
            value = reading.parse_number(cell, self.decimal_mark)
        except ValueError:
            self.reject(
                line, what, cell, "expected an amount" + (" with a decimal comma" if self.decimal_mark == "," else "")
            )
            return None
        if value is not None and value < 0:
            self.reject(line, what, cell, "expected an amount of 0 or more")
            return None
        return (value or Decimal(0)).quantize(CENT)

    def km(self, line: int, cell: str, unit: str | None, unknown_zero: bool = False) -> Decimal | None | bool:
        """The odometer in km; None when the file gives none (blank, or 0 where ``unknown_zero``);
        False when it is rejected."""
        try:
            value = reading.parse_number(cell, self.decimal_mark)
        except ValueError:
            self.reject(line, "Odometer", cell, "expected a number")
            return False
        if value is None or (unknown_zero and value == 0):
            return None
        if value < 0:
            self.reject(line, "Odometer", cell, "expected an odometer of 0 or more")
            return False
        return units.to_km(value, unit or self.vehicle.distance_unit).quantize(Decimal("0.001"))

    def conflict(self, line: int, day: datetime.date, km: Decimal, cell: str) -> bool:
        problem = self.readings.conflict(day, km)
        if problem:
            self.reject(line, "Odometer", cell, problem)
        return bool(problem)

    def service(self, raw: RawService) -> tuple[ServiceRecord, list[LineItem]] | None:
        """The row as an unsaved record and its jobs; None when rejected. The odometer is None
        when the file gives none: the plan puts the reading before its date there."""
        for what, value, expected in raw.problems:
            self.reject(raw.line, what, value, f"expected {expected}")
        day = self.day(raw.line, raw.date)
        km = self.km(raw.line, raw.odometer, raw.distance_unit, unknown_zero=True)
        tax = self.amount(raw.line, raw.tax, "Tax")
        total = self.amount(raw.line, raw.total, "Total cost") if raw.total.strip() else None
        items = [self._item(raw.line, item) for item in raw.items]
        if raw.problems or None in (day, tax) or km is False or (raw.total.strip() and total is None) or None in items:
            return None
        if km is not None and self.conflict(raw.line, day, km, raw.odometer):
            return None
        kind = raw.kind if raw.kind in Kind.values else Kind.SERVICE
        if not items:
            items = [LineItem(service_type=Kind(kind).label)]
        if total is not None and not any(item.parts_cost or item.labour_cost for item in items):
            if total < tax:
                self.reject(raw.line, "Total cost", raw.total, f"expected at least the tax ({tax})")
                return None
            items[0].parts_cost = total - tax  # one total for the visit: on its first job
        record = ServiceRecord(
            vehicle=self.vehicle,
            date=day,
            odometer_km=km,
            kind=kind,
            shop=" ".join(raw.shop.split())[:120],
            tax=tax,
            notes=raw.notes.strip(),
        )
        record.total_cost = sum((item.parts_cost + item.labour_cost for item in items), Decimal(0)) + tax
        return record, items

    def _item(self, line: int, raw) -> LineItem | None:
        parts, labour = self.amount(line, raw.parts, "Parts"), self.amount(line, raw.labour, "Labour")
        if parts is None or labour is None:
            return None
        name = (normalise_type(raw.service_type)[:60] if self.ours else service_type(raw.service_type)) or "Service"
        description = raw.description.strip() or (
            raw.service_type.strip() if name != normalise_type(raw.service_type) else ""
        )
        return LineItem(service_type=name, description=description[:200], parts_cost=parts, labour_cost=labour)

    def cost(self, raw: RawCost) -> OtherCost | None:
        for what, value, expected in raw.problems:
            self.reject(raw.line, what, value, f"expected {expected}")
        day = self.day(raw.line, raw.date)
        amount = self.amount(raw.line, raw.amount, "Amount")
        if raw.problems or day is None or amount is None:
            return None
        category = raw.category if raw.category in Category.values else Category.OTHER
        title = " ".join(raw.title.split())
        said = [title] if title and title.casefold() not in Category(category).label.casefold() else []
        notes = " · ".join(said + ([raw.notes.strip()] if raw.notes.strip() else []))
        cost = OtherCost(vehicle=self.vehicle, date=day, amount=amount, category=category, notes=notes[:200])
        if raw.recurrence in (Recurrence.MONTHLY, Recurrence.YEARLY):
            cost.recurrence = raw.recurrence
        schedule = {"next_due": raw.next_due, "recurrence_until": raw.until}
        for name, cell in schedule.items():
            if cell.strip():
                when = self.day(raw.line, cell, OtherCost._meta.get_field(name).verbose_name.capitalize(), ahead=True)
                if when is None:
                    return None
                setattr(cost, name, when)
        return cost

    def reminder(self, raw: RawReminder, services: dict[str, ServiceRecord]) -> Reminder | None:
        """Our export's reminder as it was, the service that last moved it on included."""
        reminder = Reminder(vehicle=self.vehicle)
        for name in REMINDER_FIELDS:
            cell = raw.fields.get(name, "")
            model_field = Reminder._meta.get_field(name)
            try:
                setattr(reminder, name, model_field.to_python(cell) if cell else model_field.get_default())
            except ValidationError:
                self.reject(raw.line, model_field.verbose_name.capitalize(), cell, "expected a value of its kind")
                return None
        if reminder.due_date is None and reminder.due_odometer_km is None:
            self.reject(raw.line, "Reminder", reminder.name, "expected a due date or odometer")
            return None
        try:
            before = raw.fields.get("before_completion", "")
            reminder.before_completion = json.loads(before) if before else None
        except ValueError:
            reminder.before_completion = None
        reminder.completed_by = services.get(raw.fields.get("completed_by_id", ""))
        if reminder.completed_by is None:
            reminder.before_completion = None
        return reminder

    def odometer_reading(self, raw: RawReading) -> OdometerReading | None:
        for what, value, expected in raw.problems:
            self.reject(raw.line, what, value, f"expected {expected}")
        day = self.day(raw.line, raw.date)
        km = self.km(raw.line, raw.odometer, raw.distance_unit)
        if raw.problems or day is None or km is False:
            return None
        if km is None:
            self.reject(raw.line, "Odometer", raw.odometer, "expected the odometer reading")
            return None
        if self.conflict(raw.line, day, km, raw.odometer):
            return None
        return OdometerReading(vehicle=self.vehicle, date=day, odometer_km=km, notes=raw.notes.strip()[:200])


def continue_series(costs: list[tuple[int, OtherCost]], today: datetime.date) -> list[int]:
    """A repeating cost from another app repeats on from its last payment when that payment's next
    one is still ahead; every earlier payment is the one-off it was (the file holds each payment,
    and none is made up). Returns the lines of the costs that go on repeating."""
    latest: dict[tuple, tuple[int, OtherCost]] = {}
    for line, cost in costs:
        if cost.recurrence:
            key = (cost.category, cost.notes, cost.recurrence)
            if key not in latest or cost.date >= latest[key][1].date:
                latest[key] = (line, cost)
    continued = []
    for line, cost in costs:
        if cost.recurrence and latest[(cost.category, cost.notes, cost.recurrence)][1] is cost:
            due = add_months(cost.date, cost.step_months)
            if due > today:
                cost.next_due = due
                continued.append(line)
                continue
        cost.recurrence = Recurrence.NONE
    return continued


def estimate_odometers(
    services: list[tuple[int, ServiceRecord, list[LineItem]]], known, readings: Readings
) -> list[int]:
    """Services the file gives no odometer take the highest reading on or before their day (the
    file's and the vehicle's), 0 when there is none. ``known``: (day, km) of the file's rows."""
    estimated = []
    known = sorted(known)
    for line, record, _ in services:
        if record.odometer_km is not None:
            continue
        best = readings.highest_by(record.date)
        for day, km in known:
            if day > record.date:
                break
            best = km if best is None or km > best else best
        record.odometer_km = best if best is not None else Decimal(0)
        estimated.append(line)
    return estimated
