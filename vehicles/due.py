"""What is due next about a vehicle (reminders, expiring documents...), for the due list, the
vehicle page, the digest and the calendar feed.

A feature registers a function ``(user, vehicle_ids, today) -> Iterable[DueItem]`` in its
AppConfig.ready; it answers in a constant number of queries whatever the number of vehicles, and
says nothing about a trashed or sold vehicle.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum


class DueState(IntEnum):
    """Worst first when sorted descending."""

    OK = 0
    SOON = 1
    VERY_SOON = 2
    OVERDUE = 3


@dataclass(frozen=True)
class DueItem:
    vehicle_id: int
    # Stable and unique across features ("reminder:12", "document:7"): a notice goes once per key and due point.
    key: str
    title: str
    state: DueState
    due_date: datetime.date | None  # the date it falls due (or is predicted to)
    due_odometer_km: Decimal | None
    url: str  # where the user acts on it
    detail: str = ""  # why it is due: "every 10,000 km, whichever comes first: distance"


DueProvider = Callable[..., Iterable[DueItem]]

PROVIDERS: list[DueProvider] = []


def register(provider: DueProvider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
