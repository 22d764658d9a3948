"""Service history and reminders for the demo garage and the benchmark, driven by the vehicles'
fill-ups: a service happens at a fill-up's date and odometer, so every reading stays in order."""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from fuel_logs.models import FuelLog
from maintenance.models import Kind, LineItem, Reminder, ReminderSettings, Schedule, ServiceRecord
from maintenance.services import service_record_save
from motovault.units import to_km
from vehicles.models import Vehicle

SHOPS = ["Garage Dupont", "QuickLube", "Main Street Motors", "", "Dealer service"]
# (type, every km, every months, parts, labour): what a year of a car's life usually holds.
ROUTINE = [
    ("Oil and filter", 7_500, 6, (35, 70), (25, 45)),
    ("Tyre rotation", 10_000, 12, (0, 0), (20, 35)),
    ("Air filter", 30_000, 24, (15, 30), (5, 15)),
    ("Brakes", 40_000, 48, (120, 260), (80, 160)),
    ("Coolant", 60_000, 60, (20, 40), (30, 60)),
]


def _stops(vehicle: Vehicle) -> list[tuple[datetime.date, Decimal]]:
    """(date, odometer) of each of the vehicle's fill-ups, in order."""
    logs = FuelLog.objects.filter(vehicle=vehicle, deleted_at__isnull=True).order_by("odometer_km", "filled_at")
    return [(filled_at.date(), km) for filled_at, km in logs.values_list("filled_at", "odometer_km")]


def _line(rng: random.Random, kind: str, parts: tuple[int, int], labour: tuple[int, int]) -> LineItem:
    return LineItem(
        service_type=kind, parts_cost=Decimal(rng.randint(*parts)), labour_cost=Decimal(rng.randint(*labour))
    )


def _history(rng: random.Random, vehicle: Vehicle, stops) -> list[tuple[ServiceRecord, list[LineItem]]]:
    """A service whenever a routine item's distance or months are reached, at that fill-up; the
    shop does whatever else is three quarters due at the same visit."""
    if not stops:
        return []
    last = {kind: stops[0] for kind, *_ in ROUTINE}
    records = []

    def share(day, km, kind, every_km, months) -> float:
        return max((km - last[kind][1]) / every_km, (day - last[kind][0]).days / (months * 30))

    for day, km in stops[1:]:
        if all(share(day, km, kind, every_km, months) < 1 for kind, every_km, months, *_ in ROUTINE):
            continue
        due = [
            (kind, parts, labour)
            for kind, every_km, months, parts, labour in ROUTINE
            if share(day, km, kind, every_km, months) >= 0.75
        ]
        items = []
        for kind, parts, labour in due:
            last[kind] = (day, km)
            items.append(_line(rng, kind, parts, labour))
        repair = rng.random() < 0.1
        record = ServiceRecord(
            owner_id=vehicle.owner_id,
            vehicle=vehicle,
            date=day,
            odometer_km=km,
            kind=Kind.REPAIR if repair else Kind.SERVICE,
            shop=rng.choice(SHOPS),
            tax=(sum(i.parts_cost + i.labour_cost for i in items) * Decimal("0.2")).quantize(Decimal("0.01")),
        )
        records.append((record, items))
    return records


def _reminders(vehicle: Vehicle, today: datetime.date, odometer: Decimal, plan: list) -> list[Reminder]:
    """The plan's distances are in the vehicle's unit (a round 7,500 mi, not 6,214)."""
    unit, rows = vehicle.distance_unit, []
    for fields, days, distance in plan:
        reminder = Reminder(owner_id=vehicle.owner_id, vehicle=vehicle, **fields)
        if reminder.interval_km is not None:
            reminder.interval_km = to_km(reminder.interval_km, unit)
        reminder.due_date = None if days is None else today + datetime.timedelta(days=days)
        reminder.due_odometer_km = None if distance is None else odometer + to_km(Decimal(distance), unit)
        rows.append(reminder)
    return rows


# Reminders in every state: (fields, days from today to the due date, km from the odometer).
DEMO_REMINDERS = [
    [
        ({"service_type": "Oil and filter", "interval_km": Decimal(7_500), "interval_months": 12}, 200, 500),  # soon
        ({"service_type": "Inspection / MOT", "interval_months": 12, "schedule": Schedule.FIXED}, 5, None),  # very soon
        ({"service_type": "Wiper blades", "interval_months": 12}, -10, None),  # overdue
    ],
    [
        ({"service_type": "Timing belt", "interval_km": Decimal(120_000)}, None, 45_000),  # ok
        ({"service_type": "Brake fluid", "interval_months": 24, "interval_km": Decimal(40_000)}, 90, -150),  # overdue
    ],
    [
        ({"service_type": "Registration", "interval_months": 12, "schedule": Schedule.FIXED}, 60, None),  # ok
        ({"service_type": "Cabin filter", "interval_months": 12}, 2, None),  # snoozed below
        ({"title": "Check the charging cable", "notes": "Once, before the road trip."}, 20, None),  # soon, one-off
    ],
]


@transaction.atomic
def seed_demo(vehicles: list[Vehicle], today: datetime.date) -> int:
    """The demo garage's service history (through the service, as a user's would be) and
    reminders in every state. Returns how many services."""
    rng = random.Random(42)
    count = 0
    for vehicle, plan in zip(vehicles, DEMO_REMINDERS, strict=False):
        for record, items in _history(rng, vehicle, _stops(vehicle)):
            service_record_save(record=record, items=items)
            count += 1
        odometer = Vehicle.objects.with_odometer().get(pk=vehicle.pk).current_odometer_km
        reminders = _reminders(vehicle, today, odometer, plan)
        for reminder in reminders:
            if reminder.service_type == "Cabin filter":
                reminder.snoozed_until = today + datetime.timedelta(days=14)
        Reminder.objects.bulk_create(reminders)
    return count


def seed_bench(vehicles: list[Vehicle], today: datetime.date, *, services: int, reminders: int) -> tuple[int, int]:
    """``services`` service records spread over ``vehicles`` (at their fill-ups), and ``reminders``
    reminders in every state, bulk inserted. Returns (services, reminders)."""
    rng = random.Random(1986)
    per_vehicle = max(services // len(vehicles), 1)
    records, items = [], []
    for vehicle in vehicles:
        stops = _stops(vehicle)
        chosen = sorted(rng.sample(range(len(stops)), min(per_vehicle, len(stops))))
        for index in chosen:
            day, km = stops[index]
            kinds = rng.sample(ROUTINE, rng.randint(1, 3))
            lines = [_line(rng, kind, parts, labour) for kind, _, _, parts, labour in kinds]
            total = sum(line.parts_cost + line.labour_cost for line in lines)
            record = ServiceRecord(
                owner_id=vehicle.owner_id,
                vehicle=vehicle,
                date=day,
                odometer_km=km,
                shop=rng.choice(SHOPS),
                total_cost=total,
            )
            records.append(record)
            items.append(lines)
    ServiceRecord.objects.bulk_create(records, batch_size=5_000)
    for record, lines in zip(records, items, strict=True):
        for line in lines:
            line.record = record
    LineItem.objects.bulk_create([line for lines in items for line in lines], batch_size=5_000)
    odometers = dict(
        Vehicle.objects.with_odometer().filter(pk__in=[v.pk for v in vehicles]).values_list("pk", "current_odometer_km")
    )
    plans = [plan for vehicle_plans in DEMO_REMINDERS for plan in vehicle_plans]
    rows = []
    for index in range(reminders):
        vehicle = vehicles[index % len(vehicles)]
        rows += _reminders(vehicle, today, odometers[vehicle.pk] or Decimal(0), [plans[index % len(plans)]])
    Reminder.objects.bulk_create(rows, batch_size=5_000)
    ReminderSettings.objects.get_or_create(owner_id=vehicles[0].owner_id)  # the calendar feed's token
    return len(records), len(rows)
