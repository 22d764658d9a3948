"""Reads of maintenance: service lists, driving rates, what is due. Each starts from
``for_user(user)`` and takes ``today``; none reads the clock."""

import datetime
from decimal import Decimal

from django.db.models import Count, F, Max, Min, Prefetch, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse

from maintenance.models import BUILT_IN_TYPES, LineItem, Reminder, ReminderSettings, ServiceRecord
from maintenance.states import DEFAULT_THRESHOLDS, Rate, Thresholds, status
from motovault import formats
from motovault.caching import per_user
from motovault.units import DISTANCE_SYMBOLS, from_km, rounded
from vehicles import due, odometer
from vehicles.costs import MonthCost
from vehicles.models import Vehicle

RATE_WINDOW_DAYS = 90


def thresholds(user) -> Thresholds:
    """The user's thresholds (the defaults until they set their own)."""
    mine = ReminderSettings.objects.for_user(user).first()
    if mine is None:
        return DEFAULT_THRESHOLDS
    return Thresholds(mine.soon_days, mine.very_soon_days, mine.soon_km, mine.very_soon_km)


def driving_rates(user, vehicle_ids: list[int], today: datetime.date) -> dict[int, Rate]:
    """Each vehicle's km a day over the last 90 days, from the readings of every odometer source
    (fill-ups, services, plain readings): the distance between the first and the last reading of
    the window over the days between them. One query a source. Readings never go down with time,
    so the lowest is the first and the highest the last."""
    start = today - datetime.timedelta(days=RATE_WINDOW_DAYS)
    spans: dict[int, list] = {}
    for source in odometer.SOURCES:
        day = source.date_lookup
        rows = (
            source.model.objects.filter(vehicle_id__in=vehicle_ids, deleted_at__isnull=True)
            .filter(**source.days(start, today))
            .values("vehicle_id")
            .annotate(first=Min(F(day)), last=Max(F(day)), low=Min("odometer_km"), high=Max("odometer_km"))
        )
        for row in rows:
            span = spans.setdefault(row["vehicle_id"], [row["first"], row["last"], row["low"], row["high"]])
            span[0], span[1] = min(span[0], row["first"]), max(span[1], row["last"])
            span[2], span[3] = min(span[2], row["low"]), max(span[3], row["high"])
    rates = {}
    for vehicle_id, (first, last, low, high) in spans.items():
        days = (last - first).days
        if days > 0 and high > low:
            rates[vehicle_id] = Rate((high - low) / days, last, high)
    return rates


def _distance(km: Decimal, unit: str) -> str:
    return f"{rounded(from_km(km, unit), 0):,} {DISTANCE_SYMBOLS[unit]}"


def describe(reminder: Reminder, found, rate: Rate | None, shown) -> str:
    """What the due list says about a reminder: its schedule, which limit triggered, and the
    prediction with the rate it assumes ("at your 41 km a day: about 14 Mar 2027")."""
    unit = reminder.vehicle.distance_unit
    every = []
    if reminder.interval_km is not None:
        every.append(_distance(reminder.interval_km, unit))
    if reminder.interval_months is not None:
        every.append(f"{reminder.interval_months} month{'s' if reminder.interval_months != 1 else ''}")
    parts = [f"every {' or '.join(every)}" if every else "once"]
    if reminder.due_date is not None and reminder.due_odometer_km is not None:
        parts.append(f"whichever comes first: {found.trigger or 'date'}")
    if found.days_left == 0 and found.trigger == "date":
        parts.append("due today")
    if reminder.due_odometer_km is not None:
        at = f"at {_distance(reminder.due_odometer_km, unit)}"
        if found.km_left is not None:
            at += f" ({_distance(abs(found.km_left), unit)} {'left' if found.km_left >= 0 else 'over'})"
        parts.append(at)
    if found.predicted is not None and rate is not None:
        per_day = f"{rounded(from_km(rate.km_per_day, unit), 0):,} {DISTANCE_SYMBOLS[unit]} a day"
        parts.append(f"at your {per_day}: about {formats.day(found.predicted, shown)}")
    return "; ".join(parts)


def reminders_due(user, vehicle_ids: list[int], today: datetime.date) -> list[due.DueItem]:
    """The due provider of reminders: live, not done, not snoozed past ``today``, of live vehicles
    not sold. A constant number of queries whatever the number of vehicles."""
    reminders = list(
        Reminder.objects.for_user(user)
        .filter(vehicle_id__in=vehicle_ids, vehicle__sold_date__isnull=True, done_on__isnull=True)
        .exclude(snoozed_until__gt=today)
        .select_related("vehicle")
    )
    if not reminders:
        return []
    ids = sorted({r.vehicle_id for r in reminders})
    odometers = dict(
        odometer.annotate_current_odometer(Vehicle.objects.filter(pk__in=ids)).values_list("pk", "current_odometer_km")
    )
    rates = driving_rates(user, ids, today)
    mine = thresholds(user)
    shown = formats.of(user)
    items = []
    for reminder in reminders:
        rate = rates.get(reminder.vehicle_id)
        found = status(
            due_date=reminder.due_date,
            due_km=reminder.due_odometer_km,
            today=today,
            odometer_km=odometers.get(reminder.vehicle_id),
            rate=rate,
            thresholds=mine.overridden_by(reminder),
        )
        dates = [day for day in (reminder.due_date, found.predicted) if day is not None]
        items.append(
            due.DueItem(
                vehicle_id=reminder.vehicle_id,
                key=f"reminder:{reminder.pk}",
                title=f"{reminder.name} · {reminder.vehicle}",
                state=found.state,
                due_date=min(dates) if dates else None,
                due_odometer_km=reminder.due_odometer_km,
                url=reverse("maintenance:reminder-edit", args=[reminder.pk]),
                detail=describe(reminder, found, rate, shown),
            )
        )
    return items


def sort_key(item: due.DueItem) -> tuple:
    """Soonest first: worst state, then the nearest date (an item without one after those with)."""
    return (-item.state, item.due_date is None, item.due_date or datetime.date.max, item.key)


@per_user("due-list")
def due_list(user, today: datetime.date, vehicle_id: int | None = None) -> list[due.DueItem]:
    """What is due next, from every registered provider (reminders, expiring documents...), for
    the user's live vehicles not sold (or the one asked for), soonest first."""
    vehicles = Vehicle.objects.for_user(user).filter(sold_date__isnull=True)
    if vehicle_id is not None:
        vehicles = vehicles.filter(pk=vehicle_id)
    ids = list(vehicles.values_list("pk", flat=True))
    if not ids:
        return []
    items = [item for provider in due.PROVIDERS for item in provider(user, ids, today)]
    return sorted(items, key=sort_key)


SERVICE_PAGE = 100


@per_user("service-page")
def service_page(
    user,
    vehicle_id: int | None = None,
    service_type: str = "",
    kind: str = "",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> dict:
    """The newest records the filters (checked: see forms.ServiceFilterForm) allow, with their
    items, and the count and total of all of them."""
    records = ServiceRecord.objects.for_user(user)
    if vehicle_id is not None:
        records = records.filter(vehicle_id=vehicle_id)
    if service_type:
        records = records.filter(items__service_type__iexact=service_type).distinct()
    if kind:
        records = records.filter(kind=kind)
    if start:
        records = records.filter(date__gte=start)
    if end:
        records = records.filter(date__lte=end)
    totals = ServiceRecord.objects.filter(pk__in=records.values("pk")).aggregate(
        count=Count("pk"), total=Sum("total_cost")
    )
    rows = list(
        records.select_related("vehicle", "entered_by")
        .prefetch_related(Prefetch("items", queryset=LineItem.objects.order_by("id")))
        .order_by("-date", "-odometer_km", "-id")[:SERVICE_PAGE]
    )
    return {
        "records": rows,
        "count": totals["count"],
        "total": totals["total"] or Decimal(0),
        "more": totals["count"] > SERVICE_PAGE,
    }


@per_user("service-types")
def service_types(user) -> list[str]:
    """The built-in types and the user's own (every other type they have used), for the form's
    suggestions and the list's filter."""
    used = (
        LineItem.objects.filter(record__in=ServiceRecord.objects.for_user(user))
        .values_list("service_type", flat=True)
        .distinct()
    )
    reminded = Reminder.objects.for_user(user).exclude(service_type="").values_list("service_type", flat=True)
    own = sorted({*used, *reminded} - set(BUILT_IN_TYPES), key=str.casefold)
    return [*BUILT_IN_TYPES, *own]


def service_grouped(user, vehicle_ids, start, end) -> QuerySet:
    """Service totals (parts, labour and tax) per vehicle and month, one query."""
    records = ServiceRecord.objects.for_user(user).filter(vehicle_id__in=vehicle_ids)
    if start is not None:
        records = records.filter(date__gte=start)
    if end is not None:
        records = records.filter(date__lte=end)
    rows = records.annotate(month=TruncMonth("date")).values("vehicle_id", "month")
    return rows.annotate(amount=Sum("total_cost")).order_by()


def service_months(user, vehicle_ids, start, end) -> list[MonthCost]:
    """The cost source: service totals per vehicle and month."""
    rows = service_grouped(user, vehicle_ids, start, end).order_by("vehicle_id", "month")
    return [MonthCost(row["vehicle_id"], row["month"], row["amount"]) for row in rows]


def trashed_services(user) -> list[ServiceRecord]:
    return list(
        ServiceRecord.objects.trashed_for_user(user)
        .filter(vehicle__deleted_at__isnull=True)
        .select_related("vehicle")
        .order_by("-deleted_at")
    )


def trashed_reminders(user) -> list[Reminder]:
    return list(
        Reminder.objects.trashed_for_user(user)
        .filter(vehicle__deleted_at__isnull=True)
        .select_related("vehicle")
        .order_by("-deleted_at")
    )


def next_reminder_facts(vehicles: list) -> dict[int, list[tuple[str, str]]]:
    """The garage card's "Next due": each vehicle's nearest dated reminder, in one query (the
    vehicles come from the user's garage, so their reminders are theirs)."""
    ids = [vehicle.pk for vehicle in vehicles if vehicle.sold_date is None]
    reminders = (
        Reminder.objects.filter(
            vehicle_id__in=ids, deleted_at__isnull=True, done_on__isnull=True, due_date__isnull=False
        )
        .order_by("vehicle_id", "due_date", "id")
        .distinct("vehicle_id")
    )
    return {r.vehicle_id: [("Next due", f"{r.name}, {formats.day(r.due_date)}")] for r in reminders}
