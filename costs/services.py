"""Every write to other costs. A recurring cost's occurrences are made here only: when the series
is saved (up to the owner's today) and by the hourly job (``tasks.py``) as each falls due. Pages
never write: a GET shows what is stored."""

import datetime

from django.db import transaction
from django.utils import timezone

from costs.models import OtherCost
from motovault import clock


def _index_of(series: OtherCost, day: datetime.date) -> int:
    """Which occurrence of ``series`` falls on ``day`` (its month counts: days are clamped)."""
    months = (day.year - series.date.year) * 12 + day.month - series.date.month
    return months // series.step_months


def _last_day(series: OtherCost, today: datetime.date) -> datetime.date:
    """The last day an occurrence may fall on now: today, the series' end, the vehicle's sale."""
    ends = [today, series.recurrence_until, series.vehicle.sold_date]
    return min(day for day in ends if day is not None)


def _plan(series: OtherCost) -> None:
    """``next_due`` of a series just saved: the first occurrence after the latest one made (trashed
    ones count: the owner deleted that payment, it is not made again), None once the series ends."""
    if not series.recurrence:
        series.next_due = None
        return
    made = series.occurrences.order_by("-date").values_list("date", flat=True).first()
    index = _index_of(series, made) + 1 if made and made > series.date else 1
    due = series.occurrence(index)
    series.next_due = due if series.recurrence_until is None or due <= series.recurrence_until else None


def _catch_up(series: OtherCost, today: datetime.date) -> int:
    """Make the occurrences of ``series`` due by ``today``; returns how many were made. The unique
    (series, date) makes a second run (another worker, a retried job) a no-op."""
    last = _last_day(series, today)
    due, made = series.next_due, []
    while due is not None and due <= last:
        made.append(
            OtherCost(
                owner_id=series.owner_id,
                entered_by_id=series.entered_by_id,
                vehicle_id=series.vehicle_id,
                category=series.category,
                amount=series.amount,
                notes=series.notes,
                date=due,
                series=series,
            )
        )
        due = series.occurrence(_index_of(series, due) + 1)
    OtherCost.objects.bulk_create(made, ignore_conflicts=True)
    ended = due is None or (series.recurrence_until is not None and due > series.recurrence_until)
    sold = series.vehicle.sold_date is not None and due is not None and due > series.vehicle.sold_date
    series.next_due = None if ended or sold else due
    return len(made)


@transaction.atomic
def cost_save(*, cost: OtherCost, today: datetime.date) -> OtherCost:
    """Create or edit a cost; a recurring one gets the occurrences already due by ``today`` (the
    owner's day). Editing a series changes the occurrences still to come, not those made."""
    cost.save()
    if cost.series_id is None:
        _plan(cost)
        _catch_up(cost, today)
        cost.save(update_fields=["next_due"])
    return cost


@transaction.atomic
def costs_import(*, costs: list[OtherCost]) -> int:
    """Store many costs at once (an import), each as the file paid it: a series keeps the
    ``next_due`` it comes with, so nothing already in the file is made again."""
    occurrences = [cost for cost in costs if cost.series is not None]
    OtherCost.objects.bulk_create([cost for cost in costs if cost.series is None], batch_size=1000)
    for cost in occurrences:
        cost.series = cost.series  # its series has its id now
    OtherCost.objects.bulk_create(occurrences, batch_size=1000)
    return len(costs)


@transaction.atomic
def cost_trash(*, cost: OtherCost) -> None:
    """To the trash; a trashed series makes no more occurrences until it is restored."""
    cost.soft_delete()


@transaction.atomic
def cost_restore(*, cost: OtherCost) -> None:
    cost.restore()


def occurrences_make(now: datetime.datetime | None = None) -> int:
    """Make every occurrence due by each owner's today; returns how many were made. Each series is
    taken in a transaction of its own with ``SKIP LOCKED``: two workers never wait on each other,
    and a series is never made twice (the unique constraint would refuse it anyway)."""
    now = now or timezone.now()
    horizon = (now + datetime.timedelta(days=1)).date()  # no time zone is more than a day ahead of UTC
    pending = OtherCost.objects.filter(
        next_due__lte=horizon, deleted_at__isnull=True, vehicle__deleted_at__isnull=True
    ).values_list("pk", flat=True)
    made = 0
    for pk in list(pending):
        with transaction.atomic():
            series = (
                OtherCost.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("vehicle", "owner")
                .filter(pk=pk, next_due__lte=horizon, deleted_at__isnull=True)
                .first()
            )
            if series is None:
                continue
            today = timezone.localdate(now, clock.zone(series.owner))
            if series.next_due <= today:
                made += _catch_up(series, today)
                series.save(update_fields=["next_due", "updated_at"])
    return made
