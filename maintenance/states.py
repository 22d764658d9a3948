"""How due a reminder is, worked out from plain values: no query, no clock (``today`` is given),
so a page load can never move anything and the edges are easy to test.

A date is "due today" on that date (due very soon) and overdue from the next day; a distance is
due at its odometer and overdue past it. With both, the worse one decides ("whichever comes
first"), and the result says which.
"""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from vehicles.due import DueState


@dataclass(frozen=True)
class Thresholds:
    soon_days: int
    very_soon_days: int
    soon_km: Decimal
    very_soon_km: Decimal

    def overridden_by(self, reminder) -> "Thresholds":
        """This reminder's own thresholds where it has them: a new value, never a change to the
        user's (one reminder's thresholds must not leak into the next one scored)."""

        def own(name: str):
            value = getattr(reminder, name)
            return getattr(self, name) if value is None else value

        return Thresholds(own("soon_days"), own("very_soon_days"), own("soon_km"), own("very_soon_km"))


DEFAULT_THRESHOLDS = Thresholds(30, 7, Decimal(1000), Decimal(300))


@dataclass(frozen=True)
class Rate:
    """A vehicle's driving rate: ``km_per_day`` as of the reading on ``as_of`` at ``odometer_km``."""

    km_per_day: Decimal
    as_of: datetime.date
    odometer_km: Decimal


@dataclass(frozen=True)
class Status:
    state: DueState
    trigger: str  # "date", "distance" or "" (nothing due to go by)
    days_left: int | None
    km_left: Decimal | None
    predicted: datetime.date | None  # when the distance will be reached at the current rate


def by_date(days_left: int, t: Thresholds) -> DueState:
    if days_left < 0:
        return DueState.OVERDUE
    if days_left <= t.very_soon_days:
        return DueState.VERY_SOON
    if days_left <= t.soon_days:
        return DueState.SOON
    return DueState.OK


def by_distance(km_left: Decimal, t: Thresholds) -> DueState:
    if km_left < 0:
        return DueState.OVERDUE
    if km_left <= t.very_soon_km:
        return DueState.VERY_SOON
    if km_left <= t.soon_km:
        return DueState.SOON
    return DueState.OK


def predict(due_km: Decimal, rate: Rate | None) -> datetime.date | None:
    """The day the odometer reaches ``due_km`` at ``rate`` (rounded up to a whole day)."""
    if rate is None or rate.km_per_day <= 0:
        return None
    days = math.ceil(max(due_km - rate.odometer_km, Decimal(0)) / rate.km_per_day)
    return rate.as_of + datetime.timedelta(days=days)


def status(
    *,
    due_date: datetime.date | None,
    due_km: Decimal | None,
    today: datetime.date,
    odometer_km: Decimal | None,
    rate: Rate | None,
    thresholds: Thresholds,
) -> Status:
    date_state = distance_state = None
    days_left = km_left = predicted = None
    if due_date is not None:
        days_left = (due_date - today).days
        date_state = by_date(days_left, thresholds)
    if due_km is not None and odometer_km is not None:
        km_left = due_km - odometer_km
        distance_state = by_distance(km_left, thresholds)
        predicted = predict(due_km, rate)
        if predicted is not None and due_date is not None:
            predicted = min(predicted, due_date)
    if date_state is None and distance_state is None:
        return Status(DueState.OK, "", days_left, km_left, predicted)
    if distance_state is None or (date_state is not None and date_state >= distance_state):
        return Status(date_state, "date", days_left, km_left, predicted)
    return Status(distance_state, "distance", days_left, km_left, predicted)
