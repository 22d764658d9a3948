"""The predicted date of a distance: the driving rate over the last 90 days, from the readings of
every feature, and never later than the reminder's own date."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create
from maintenance import selectors
from maintenance.states import Rate
from vehicles.due import DueState

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 1)


def fill_up(vehicle, day: datetime.date, km) -> None:
    when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    log = FuelLog(owner=vehicle.owner, vehicle=vehicle, filled_at=when, odometer_km=Decimal(km),
                  quantity=Decimal(40), price_per_unit=Decimal("1.5"), total_cost=Decimal(60))  # fmt: skip
    fuel_log_create(log=log)


def test_the_rate_spans_every_source_in_the_window(owner, car, reading, service):
    reading(car, datetime.date(2025, 11, 1), 5_000)  # before the 90 days (from 1 Dec 2025): not counted
    reading(car, datetime.date(2025, 12, 1), 10_000)  # first in the window
    fill_up(car, datetime.date(2026, 1, 15), 11_800)
    service(car, datetime.date(2026, 2, 20), 14_100, "Oil and filter")  # last in the window
    # 4,100 km over the 81 days from 1 Dec to 20 Feb: 50.617... km a day.
    assert selectors.driving_rates(owner, [car.pk], TODAY) == {
        car.pk: Rate(Decimal(4_100) / 81, datetime.date(2026, 2, 20), Decimal(14_100))
    }


def test_the_predicted_date_and_the_rate_it_assumes(owner, car, reading, reminder):
    reading(car, datetime.date(2025, 12, 1), 10_000)
    reading(car, datetime.date(2026, 2, 19), 13_280)  # 3,280 km in 80 days: 41 km a day
    reminder(car, title="Oil", interval_km=Decimal(10_000), due_odometer_km=Decimal(15_000))
    [item] = selectors.reminders_due(owner, [car.pk], TODAY)
    # 1,720 km left at 41 km a day: 41.95 days, so day 42 after 19 Feb: 2 April 2026.
    assert item.due_date == datetime.date(2026, 4, 2)
    assert item.state == DueState.OK  # 1,720 km left: more than 1,000
    assert "at your 41 km a day: about 2 Apr 2026" in item.detail


def test_never_later_than_the_reminders_own_date(owner, car, reading, reminder):
    reading(car, datetime.date(2025, 12, 1), 10_000)
    reading(car, datetime.date(2026, 2, 19), 13_280)
    reminder(car, title="Oil", interval_km=Decimal(10_000), interval_months=12,
             due_odometer_km=Decimal(15_000), due_date=datetime.date(2026, 3, 20))  # fmt: skip
    [item] = selectors.reminders_due(owner, [car.pk], TODAY)
    assert item.due_date == datetime.date(2026, 3, 20)
    assert "whichever comes first: date" in item.detail


def test_no_prediction_without_two_readings_in_the_window(owner, car, reading, reminder):
    reading(car, datetime.date(2026, 2, 1), 10_000)
    reminder(car, title="Oil", interval_km=Decimal(5_000), due_odometer_km=Decimal(15_000))
    [item] = selectors.reminders_due(owner, [car.pk], TODAY)
    assert item.due_date is None and "a day" not in item.detail
