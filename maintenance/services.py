"""Every write of maintenance: service records with their items, reminders moving on when a
service of their type is logged, the user's thresholds, channels and calendar token."""

import calendar
import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from maintenance.models import (
    Channel,
    LineItem,
    Reminder,
    ReminderSettings,
    Schedule,
    ServiceRecord,
    new_calendar_token,
)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _next_fixed_date(anchor: datetime.date, months: int, done_on: datetime.date) -> datetime.date:
    """The first due date of a fixed schedule after ``done_on``, counted from ``anchor`` (never
    from a clamped date, so the 31st stays the month's end rather than drifting to the 28th)."""
    step = 1
    while (day := add_months(anchor, step * months)) <= done_on:
        step += 1
    return day


def advance(reminder: Reminder, *, on: datetime.date, odometer_km: Decimal | None) -> None:
    """Set what follows ``reminder`` being done on ``on`` at ``odometer_km`` (not saved): the next
    due point of a recurring one, from this service (rolling) or from the due point it replaces
    (fixed); a one-off is done."""
    reminder.last_done_on, reminder.last_done_km, reminder.snoozed_until = on, odometer_km, None
    if not reminder.recurring:
        reminder.done_on = on
        return
    fixed = reminder.schedule == Schedule.FIXED
    if reminder.interval_months is None:
        reminder.due_date = None
    elif fixed and reminder.due_date is not None:
        reminder.due_date = _next_fixed_date(reminder.due_date, reminder.interval_months, on)
    else:
        reminder.due_date = add_months(on, reminder.interval_months)
    if reminder.interval_km is None:
        reminder.due_odometer_km = None
    elif fixed and reminder.due_odometer_km is not None:
        due_km = reminder.due_odometer_km + reminder.interval_km
        while odometer_km is not None and due_km <= odometer_km:
            due_km += reminder.interval_km
        reminder.due_odometer_km = due_km
    elif odometer_km is not None:
        reminder.due_odometer_km = odometer_km + reminder.interval_km


# What a service changes on the reminder it completes, kept to put back.
MOVED = ("due_date", "due_odometer_km", "snoozed_until", "last_done_on", "last_done_km", "done_on")


def _complete_reminders(record: ServiceRecord, items: list[LineItem]) -> None:
    """A service of a reminder's type completes it, unless the reminder was done after it."""
    types = {item.service_type.casefold() for item in items}
    reminders = Reminder.objects.filter(
        vehicle_id=record.vehicle_id, deleted_at__isnull=True, done_on__isnull=True
    ).select_for_update()
    for reminder in reminders:
        if reminder.service_type.casefold() not in types:
            continue
        if reminder.last_done_on is not None and record.date < reminder.last_done_on:
            continue
        reminder.before_completion = {name: _plain(getattr(reminder, name)) for name in MOVED}
        reminder.completed_by = record
        advance(reminder, on=record.date, odometer_km=record.odometer_km)
        reminder.save()


def _plain(value):
    return None if value is None else str(value)


def _uncomplete_reminders(record: ServiceRecord) -> None:
    """Put back the reminders ``record`` moved on (it is trashed, or edited and applied again)."""
    for reminder in Reminder.objects.filter(completed_by=record).select_for_update():
        before = reminder.before_completion or {}
        for name in MOVED:
            field = Reminder._meta.get_field(name)
            setattr(reminder, name, None if before.get(name) is None else field.to_python(before[name]))
        reminder.completed_by, reminder.before_completion = None, None
        reminder.save()


@transaction.atomic
def service_record_save(*, record: ServiceRecord, items: list[LineItem]) -> ServiceRecord:
    """Save a new or edited record with its items (replacing the old ones), its total worked out
    again, and move on the reminders of the types it did."""
    items = [item for item in items if item.service_type]
    if record.pk:
        _uncomplete_reminders(record)
    record.total_cost = sum((item.parts_cost + item.labour_cost for item in items), Decimal(0)) + record.tax
    record.save()
    LineItem.objects.filter(record=record).delete()
    for item in items:
        item.pk, item.record = None, record
    LineItem.objects.bulk_create(items)
    _complete_reminders(record, items)
    return record


@transaction.atomic
def service_records_import(*, records: list[tuple[ServiceRecord, list[LineItem]]], complete: bool = True) -> int:
    """Store many records at once (an import), totals as given. With ``complete``, each vehicle's
    reminders move on for the latest service of their type, as if it had been logged last."""
    ServiceRecord.objects.bulk_create([record for record, _ in records], batch_size=1000)
    for record, items in records:
        for item in items:
            item.record = record
    LineItem.objects.bulk_create([item for _, items in records for item in items], batch_size=1000)
    if complete:
        latest: dict[tuple, tuple[ServiceRecord, LineItem]] = {}
        for record, items in records:
            for item in items:
                key = (record.vehicle_id, item.service_type.casefold())
                if key not in latest or (record.date, record.odometer_km) >= (
                    latest[key][0].date,
                    latest[key][0].odometer_km,
                ):
                    latest[key] = (record, item)
        for record, item in sorted(latest.values(), key=lambda pair: (pair[0].date, pair[0].odometer_km)):
            _complete_reminders(record, [item])
    return len(records)


@transaction.atomic
def reminders_import(*, reminders: list[Reminder]) -> int:
    """Store reminders as an export kept them (a backup coming back): due where they were due."""
    for reminder in reminders:
        reminder.completed_by = reminder.completed_by  # its service has its id now
    Reminder.objects.bulk_create(reminders, batch_size=1000)
    return len(reminders)


@transaction.atomic
def service_record_trash(*, record: ServiceRecord) -> None:
    """To the trash; the reminders it completed are due again as they were."""
    _uncomplete_reminders(record)
    record.soft_delete()


@transaction.atomic
def service_record_restore(*, record: ServiceRecord) -> None:
    """Back from the trash: it completes its reminders again."""
    record.restore()
    _complete_reminders(record, list(record.items.all()))


@transaction.atomic
def reminder_save(*, reminder: Reminder, today: datetime.date, odometer_km: Decimal | None) -> Reminder:
    """A new or edited reminder. A recurring one given no due point starts from today and the
    current odometer (``odometer_km``): the first due point is one interval on."""
    if reminder.interval_months is not None and reminder.due_date is None:
        reminder.due_date = add_months(today, reminder.interval_months)
    if reminder.interval_km is not None and reminder.due_odometer_km is None:
        reminder.due_odometer_km = (odometer_km or Decimal(0)) + reminder.interval_km
    reminder.save()
    return reminder


@transaction.atomic
def reminder_done(*, reminder: Reminder, on: datetime.date, odometer_km: Decimal | None) -> Reminder:
    """Marked done by hand (no service record): moved on like a service of its type would."""
    reminder.completed_by, reminder.before_completion = None, None
    advance(reminder, on=on, odometer_km=odometer_km)
    reminder.save()
    return reminder


@transaction.atomic
def reminder_snooze(*, reminder: Reminder, until: datetime.date) -> None:
    """Silent (no due list, no notice) until ``until``; its due point stays where it was."""
    reminder.snoozed_until = until
    reminder.save(update_fields=["snoozed_until", "updated_at"])


@transaction.atomic
def reminder_trash(*, reminder: Reminder) -> None:
    reminder.soft_delete()


@transaction.atomic
def reminder_restore(*, reminder: Reminder) -> None:
    reminder.restore()


def settings_for(user) -> ReminderSettings:
    """The user's settings row, made with the defaults on first use."""
    mine, _ = ReminderSettings.objects.get_or_create(owner=user)
    return mine


@transaction.atomic
def thresholds_update(*, user, soon_days: int, very_soon_days: int, soon_km: Decimal, very_soon_km: Decimal) -> None:
    mine = settings_for(user)
    mine.soon_days, mine.very_soon_days, mine.soon_km, mine.very_soon_km = (
        soon_days,
        very_soon_days,
        soon_km,
        very_soon_km,
    )
    mine.save()


@transaction.atomic
def calendar_token_regenerate(*, user) -> ReminderSettings:
    """A new secret feed URL; the old one answers 404 from now on."""
    mine = settings_for(user)
    mine.calendar_token = new_calendar_token()
    mine.save(update_fields=["calendar_token", "updated_at"])
    return mine


@transaction.atomic
def channel_delete(*, channel: Channel) -> None:
    """A channel is a setting, not a record: removed for good (the notices it still owed with it)."""
    channel.pending_notices.clear()
    channel.delete()


def channel_failed(channel: Channel, error: str) -> None:
    channel.failing_since = channel.failing_since or timezone.now()
    channel.last_error = error[:300]
    channel.save(update_fields=["failing_since", "last_error", "updated_at"])


def channel_succeeded(channel: Channel) -> None:
    channel.last_sent_at, channel.failing_since, channel.last_error = timezone.now(), None, ""
    channel.save(update_fields=["last_sent_at", "failing_since", "last_error", "updated_at"])
