"""Reminder states on both sides of every threshold, by date, by distance and both; the day a
date falls due at midnight in two time zones; thresholds of one reminder never leak."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from maintenance import selectors
from maintenance.states import DEFAULT_THRESHOLDS, Thresholds, status
from vehicles.due import DueState

pytestmark = pytest.mark.django_db

D = datetime.date(2026, 6, 1)
T = DEFAULT_THRESHOLDS  # 30 and 7 days, 1,000 and 300 km


def by(due_date=None, due_km=None, odometer=None, thresholds=T):
    return status(due_date=due_date, due_km=due_km, today=D, odometer_km=odometer, rate=None, thresholds=thresholds)


@pytest.mark.parametrize(
    "days, state",
    [(31, DueState.OK), (30, DueState.SOON), (8, DueState.SOON), (7, DueState.VERY_SOON),
     (1, DueState.VERY_SOON), (0, DueState.VERY_SOON), (-1, DueState.OVERDUE)],
)  # fmt: skip
def test_by_date(days, state):
    found = by(due_date=D + datetime.timedelta(days=days))
    assert (found.state, found.trigger, found.days_left) == (state, "date", days)


@pytest.mark.parametrize(
    "left, state",
    [("1000.1", DueState.OK), ("1000", DueState.SOON), ("300.1", DueState.SOON), ("300", DueState.VERY_SOON),
     ("0", DueState.VERY_SOON), ("-0.1", DueState.OVERDUE)],
)  # fmt: skip
def test_by_distance(left, state):
    found = by(due_km=Decimal(50_000), odometer=Decimal(50_000) - Decimal(left))
    assert (found.state, found.trigger, found.km_left) == (state, "distance", Decimal(left))


def test_both_the_first_to_come_decides_and_says_which():
    # 20 days left (soon) and 200 km left (very soon): the distance triggered.
    found = by(due_date=D + datetime.timedelta(days=20), due_km=Decimal(10_000), odometer=Decimal(9_800))
    assert (found.state, found.trigger) == (DueState.VERY_SOON, "distance")
    # 3 days left (very soon) and 5,000 km left (ok): the date.
    found = by(due_date=D + datetime.timedelta(days=3), due_km=Decimal(10_000), odometer=Decimal(5_000))
    assert (found.state, found.trigger) == (DueState.VERY_SOON, "date")
    # Overdue by date, fine by distance: overdue.
    found = by(due_date=D - datetime.timedelta(days=1), due_km=Decimal(10_000), odometer=Decimal(1_000))
    assert (found.state, found.trigger) == (DueState.OVERDUE, "date")


def test_a_reminders_own_thresholds_apply_to_it_alone(owner, car, reminder):
    """The peer's bug: one reminder's thresholds leaked into the ones scored after it."""
    due = datetime.date(2026, 6, 20)  # 19 days from D
    reminder(car, title="Own", due_date=due, soon_days=10, very_soon_days=2)
    reminder(car, title="User's", due_date=due)
    items = {item.title.split(" · ")[0]: item.state for item in selectors.reminders_due(owner, [car.pk], D)}
    assert items == {"Own": DueState.OK, "User's": DueState.SOON}
    assert Thresholds(30, 7, Decimal(1000), Decimal(300)) == T


@pytest.mark.parametrize("zone", ["Pacific/Auckland", "America/Los_Angeles"])
def test_due_today_on_its_day_and_overdue_from_the_next_midnight_in_the_users_zone(owner, car, reminder, zone):
    from motovault import clock

    owner.time_zone = zone
    owner.save()
    reminder(car, due_date=datetime.date(2026, 3, 10))
    tz = clock.zone(owner)

    def state_at(local: datetime.datetime) -> DueState:
        with time_machine.travel(local.replace(tzinfo=tz), tick=False):
            today = clock.today(owner)
            return selectors.reminders_due(owner, [car.pk], today)[0].state, today

    assert state_at(datetime.datetime(2026, 3, 9, 23, 59, 59)) == (DueState.VERY_SOON, datetime.date(2026, 3, 9))
    assert state_at(datetime.datetime(2026, 3, 10, 0, 0)) == (DueState.VERY_SOON, datetime.date(2026, 3, 10))
    assert state_at(datetime.datetime(2026, 3, 10, 23, 59, 59)) == (DueState.VERY_SOON, datetime.date(2026, 3, 10))
    assert state_at(datetime.datetime(2026, 3, 11, 0, 0)) == (DueState.OVERDUE, datetime.date(2026, 3, 11))


def test_a_sold_or_trashed_vehicle_or_a_snoozed_or_done_reminder_falls_silent(owner, car, reminder):
    one = reminder(car, due_date=D)
    assert len(selectors.reminders_due(owner, [car.pk], D)) == 1
    one.snoozed_until = D + datetime.timedelta(days=1)
    one.save()
    assert selectors.reminders_due(owner, [car.pk], D) == []
    assert len(selectors.reminders_due(owner, [car.pk], D + datetime.timedelta(days=1))) == 1
    one.snoozed_until, one.done_on = None, D
    one.save()
    assert selectors.reminders_due(owner, [car.pk], D) == []
    one.done_on = None
    one.save()
    car.sold_date = D
    car.save()
    assert selectors.reminders_due(owner, [car.pk], D) == []
    car.sold_date = None
    car.soft_delete()
    assert selectors.reminders_due(owner, [car.pk], D) == []
