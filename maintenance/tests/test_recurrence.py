"""A service record of a reminder's type completes it and sets the next due point: from the
record (rolling) or from the due point it replaces (fixed); reading never moves anything."""

import datetime
from decimal import Decimal

import pytest

from maintenance import selectors
from maintenance.models import Reminder, Schedule
from maintenance.services import add_months, reminder_done, reminder_save
from vehicles.due import DueState

pytestmark = pytest.mark.django_db


def fresh(reminder: Reminder) -> Reminder:
    return Reminder.objects.get(pk=reminder.pk)


def test_rolling_counts_from_the_service(car, reminder, service):
    oil = reminder(car, service_type="Oil and filter", interval_km=Decimal(10_000), interval_months=12,
                   due_date=datetime.date(2026, 5, 1), due_odometer_km=Decimal(40_000))  # fmt: skip
    service(car, datetime.date(2026, 3, 15), 38_500, "oil and FILTER")  # the type matched whatever its case
    oil = fresh(oil)
    # 15 Mar 2026 + 12 months; 38,500 + 10,000 km.
    assert (oil.due_date, oil.due_odometer_km) == (datetime.date(2027, 3, 15), Decimal(48_500))
    assert (oil.last_done_on, oil.last_done_km, oil.done_on) == (datetime.date(2026, 3, 15), Decimal(38_500), None)


def test_fixed_counts_from_the_due_point_it_replaces(car, reminder, service):
    reg = reminder(car, service_type="Registration", interval_months=12, due_date=datetime.date(2026, 3, 1),
                   schedule=Schedule.FIXED)  # fmt: skip
    service(car, datetime.date(2026, 2, 20), 10_000, "Registration")  # early: the next is still 1 March
    assert fresh(reg).due_date == datetime.date(2027, 3, 1)
    service(car, datetime.date(2028, 4, 2), 20_000, "Registration")  # a year late: the next 1 March ahead
    assert fresh(reg).due_date == datetime.date(2029, 3, 1)


def test_fixed_by_distance_steps_past_the_odometer(car, reminder, service):
    belt = reminder(car, service_type="Timing belt", interval_km=Decimal(60_000), due_odometer_km=Decimal(120_000),
                    schedule=Schedule.FIXED)  # fmt: skip
    service(car, datetime.date(2026, 1, 10), 185_000, "Timing belt")  # 120,000 -> 180,000 -> 240,000
    assert fresh(belt).due_odometer_km == Decimal(240_000)


def test_a_fixed_month_end_stays_the_month_end():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)


def test_a_one_off_is_done_and_an_older_service_moves_nothing(car, reminder, service):
    once = reminder(car, service_type="Brakes", due_date=datetime.date(2026, 6, 1))
    service(car, datetime.date(2026, 5, 1), 5_000, "Brakes")
    assert fresh(once).done_on == datetime.date(2026, 5, 1)
    oil = reminder(car, service_type="Oil and filter", interval_months=6, due_date=datetime.date(2026, 12, 1))
    reminder_done(reminder=oil, on=datetime.date(2026, 6, 1), odometer_km=Decimal(6_000))
    service(car, datetime.date(2026, 4, 1), 4_000, "Oil and filter")  # logged late, before it was done
    assert fresh(oil).due_date == datetime.date(2026, 12, 1)


def test_a_past_due_recurring_reminder_stays_put_however_often_it_is_read(owner, car, reminder):
    """The peer's bug: each page load pushed an overdue reminder one interval further."""
    late = reminder(car, interval_months=1, due_date=datetime.date(2026, 1, 1), schedule=Schedule.FIXED)
    today = datetime.date(2026, 6, 1)
    for _ in range(3):
        [item] = selectors.reminders_due(owner, [car.pk], today)
        assert (item.state, item.due_date) == (DueState.OVERDUE, datetime.date(2026, 1, 1))
    assert fresh(late).due_date == datetime.date(2026, 1, 1)


def test_a_new_recurring_reminder_without_due_point_starts_from_today_and_the_odometer(car):
    new = Reminder(owner=car.owner, vehicle=car, title="Tyres", interval_km=Decimal(20_000), interval_months=24)
    reminder_save(reminder=new, today=datetime.date(2026, 2, 10), odometer_km=Decimal(33_000))
    assert (fresh(new).due_date, fresh(new).due_odometer_km) == (datetime.date(2028, 2, 10), Decimal(53_000))


def test_trashing_the_service_puts_the_reminder_back_and_restoring_moves_it_again(car, reminder, service):
    from maintenance.services import service_record_restore, service_record_save, service_record_trash

    oil = reminder(car, service_type="Oil and filter", interval_km=Decimal(10_000), due_odometer_km=Decimal(40_000))
    record = service(car, datetime.date(2026, 3, 15), 38_500, "Oil and filter")
    assert fresh(oil).due_odometer_km == Decimal(48_500)
    service_record_trash(record=record)
    back = fresh(oil)
    assert (back.due_odometer_km, back.last_done_on, back.completed_by) == (Decimal(40_000), None, None)
    service_record_restore(record=record)
    assert fresh(oil).due_odometer_km == Decimal(48_500)
    record.odometer_km = Decimal(39_000)  # an edit: applied again from where it stood before
    service_record_save(record=record, items=list(record.items.all()))
    assert fresh(oil).due_odometer_km == Decimal(49_000)
