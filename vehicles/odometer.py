"""A vehicle's odometer readings come from every feature that records one.

Each feature registers its model here (in its AppConfig.ready) as a ``Source``: a model with
``vehicle`` and ``odometer_km`` fields and a date or date-time field. Readings must not go down
with time, so the current odometer is simply the highest live reading.
"""

import bisect
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import DateTimeField, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from motovault.units import from_km, rounded


@dataclass(frozen=True)
class Source:
    model_label: str
    date_field: str
    noun: str

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)

    @property
    def date_lookup(self) -> str:
        field = self.model._meta.get_field(self.date_field)
        return f"{self.date_field}__date" if isinstance(field, DateTimeField) else self.date_field

    def days(self, first: datetime.date, last: datetime.date) -> dict:
        """A filter for the records of the days ``first`` to ``last`` that an index on the date field
        answers: a moment is compared with the bounds of those days in the current time zone
        rather than cast to a date row by row."""
        field = self.model._meta.get_field(self.date_field)
        if not isinstance(field, DateTimeField):
            return {f"{self.date_field}__gte": first, f"{self.date_field}__lte": last}
        zone = timezone.get_current_timezone()
        since = datetime.datetime.combine(first, datetime.time(), zone)
        until = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), zone)
        return {f"{self.date_field}__gte": since, f"{self.date_field}__lt": until}

    def live(self, vehicle_ref) -> QuerySet:
        return self.model.objects.filter(vehicle=vehicle_ref, deleted_at__isnull=True)


SOURCES: list[Source] = [Source("vehicles.OdometerReading", "date", "odometer reading")]


def register(source: Source) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def annotate_current_odometer(vehicles: QuerySet) -> QuerySet:
    """One subquery a source, so a page of any number of vehicles costs one query. Each is the top
    of a (vehicle, odometer_km) index of live rows (ORDER BY ... LIMIT 1), which PostgreSQL reads
    as one index entry where a MAX() with GROUP BY would walk all of a vehicle's rows."""
    highest = [
        Subquery(source.live(OuterRef("pk")).order_by("-odometer_km").values("odometer_km")[:1]) for source in SOURCES
    ]
    return vehicles.annotate(current_odometer_km=Greatest("purchase_odometer_km", *highest))


def _describe(vehicle, km: Decimal, when, noun: str) -> str:
    reading = f"{rounded(from_km(km, vehicle.distance_unit), 0):,} {vehicle.distance_unit}"
    day = when.date() if isinstance(when, datetime.datetime) else when
    return f"{reading} on {day:%d %b %Y} ({noun})"


def odometer_conflict(
    vehicle, when: datetime.date, odometer_km: Decimal, *, exclude: Model | None = None
) -> str | None:
    """Why a reading of ``odometer_km`` on ``when`` contradicts the vehicle's other readings,
    naming the record it contradicts; None when it fits."""
    bought = vehicle.purchase_odometer_km
    if bought is not None and odometer_km < bought and (vehicle.purchase_date is None or when >= vehicle.purchase_date):
        purchased = _describe(vehicle, bought, vehicle.purchase_date or when, "purchase")
        return f"Lower than the odometer at purchase: {purchased}."
    for source in SOURCES:
        records = source.live(vehicle)
        if exclude is not None and isinstance(exclude, source.model):
            records = records.exclude(pk=exclude.pk)
        earlier = (
            records.filter(**{f"{source.date_lookup}__lt": when, "odometer_km__gt": odometer_km})
            .order_by("-odometer_km")
            .first()
        )
        if earlier:
            seen = _describe(vehicle, earlier.odometer_km, getattr(earlier, source.date_field), source.noun)
            return f"Lower than an earlier reading: {seen}."
        later = (
            records.filter(**{f"{source.date_lookup}__gt": when, "odometer_km__lt": odometer_km})
            .order_by("odometer_km")
            .first()
        )
        if later:
            seen = _describe(vehicle, later.odometer_km, getattr(later, source.date_field), source.noun)
            return f"Higher than a later reading: {seen}."
    return None


class Readings:
    """A vehicle's live readings of every source, read once (one query a source), to check many
    new readings at once as ``odometer_conflict`` checks one: an import of thousands of rows
    costs the same few queries as one."""

    def __init__(self, vehicle) -> None:
        self.vehicle = vehicle
        found: list[tuple[datetime.date, Decimal, str]] = []
        for source in SOURCES if vehicle.pk else []:
            for when, km in source.live(vehicle).values_list(source.date_field, "odometer_km"):
                found.append((when.date() if isinstance(when, datetime.datetime) else when, km, source.noun))
        found.sort(key=lambda reading: reading[0])
        self.seen = {(day, km) for day, km, _ in found}
        self.days = [reading[0] for reading in found]
        # The highest reading up to each position, and the lowest from each position on.
        self.highest, self.lowest = [], [None] * len(found)
        for reading in found:
            self.highest.append(max(self.highest[-1], reading, key=lambda r: r[1]) if self.highest else reading)
        for index in range(len(found) - 1, -1, -1):
            later = self.lowest[index + 1] if index + 1 < len(found) else None
            self.lowest[index] = found[index] if later is None or found[index][1] <= later[1] else later

    def highest_by(self, when: datetime.date) -> Decimal | None:
        """The highest reading on or before ``when``; None when there is none."""
        upto = bisect.bisect_right(self.days, when)
        return self.highest[upto - 1][1] if upto else None

    def has(self, when: datetime.date, odometer_km: Decimal) -> bool:
        """Whether a record of any source already reads ``odometer_km`` on ``when``."""
        return (when, odometer_km) in self.seen

    def conflict(self, when: datetime.date, odometer_km: Decimal) -> str | None:
        """As ``odometer_conflict``, against the readings read at the start."""
        vehicle, bought = self.vehicle, self.vehicle.purchase_odometer_km
        if (
            bought is not None
            and odometer_km < bought
            and (vehicle.purchase_date is None or when >= vehicle.purchase_date)
        ):
            purchased = _describe(vehicle, bought, vehicle.purchase_date or when, "purchase")
            return f"Lower than the odometer at purchase: {purchased}."
        before = bisect.bisect_left(self.days, when)
        if before and self.highest[before - 1][1] > odometer_km:
            day, km, noun = self.highest[before - 1]
            return f"Lower than an earlier reading: {_describe(vehicle, km, day, noun)}."
        after = bisect.bisect_right(self.days, when)
        if after < len(self.days) and self.lowest[after][1] < odometer_km:
            day, km, noun = self.lowest[after]
            return f"Higher than a later reading: {_describe(vehicle, km, day, noun)}."
        return None
