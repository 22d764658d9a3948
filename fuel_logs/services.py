"""Every write to fill-ups: create, edit, import, trash and restore. Each keeps the stored economy
right in the same transaction, so no other code saves, trashes or restores a fill-up."""

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fuel_logs.models import FuelLog

# Rows are inserted this many at a time (the recompute's cost does not depend on the statistics).
BATCH = 5_000


def _batches(logs: Iterable[FuelLog]) -> Iterator[list[FuelLog]]:
    rows = iter(logs)
    while batch := list(islice(rows, BATCH)):
        yield batch


def _recompute(vehicle_ids: Iterable[int]) -> None:
    for vehicle_id in sorted(set(vehicle_ids)):
        FuelLog.objects.recompute_economy(vehicle_id=vehicle_id)


@transaction.atomic
def fuel_log_create(*, log: FuelLog) -> tuple[FuelLog, bool]:
    """Save a new fill-up, or, when its form was already posted (same ``entry_token``), return
    the fill-up that post stored. The second value says whether this call stored it."""
    if log.entry_token is not None:
        earlier = FuelLog.objects.for_user(log.owner).filter(entry_token=log.entry_token).first()
        if earlier is not None:
            return earlier, False
    try:
        with transaction.atomic():
            log.save()
    except IntegrityError:
        # The same form posted twice at once: the other request's row won the unique token.
        earlier = FuelLog.objects.for_user(log.owner).filter(entry_token=log.entry_token).first()
        if earlier is None:
            raise ValidationError("This form was already used; open a new one.") from None
        return earlier, False
    _recompute([log.vehicle_id])
    return log, True


@transaction.atomic
def fuel_log_update(*, log: FuelLog) -> FuelLog:
    """Save an edited fill-up: its vehicle's chains are recomputed (changing its energy moves it
    from one to another)."""
    log.save()
    _recompute([log.vehicle_id])
    return log


@transaction.atomic
def fuel_logs_import(*, logs: Iterable[FuelLog], progress: Callable[[int, int], None] | None = None) -> int:
    """Store checked fill-ups in batches, then compute each vehicle they touch once. Returns how
    many were stored; ``progress(done, total)`` is told after each batch and each vehicle."""
    logs = list(logs)
    stored, vehicle_ids = 0, set()
    for batch in _batches(logs):
        FuelLog.objects.bulk_create(batch)
        stored += len(batch)
        vehicle_ids |= {log.vehicle_id for log in batch}
        if progress:
            progress(stored, len(logs) + len(vehicle_ids))
    for done, vehicle_id in enumerate(sorted(vehicle_ids), start=1):
        FuelLog.objects.recompute_economy(vehicle_id=vehicle_id)
        if progress:
            progress(stored + done, len(logs) + len(vehicle_ids))
    return stored


@transaction.atomic
def fuel_log_trash(*, log: FuelLog) -> None:
    """Move a fill-up to the trash: its chain's economy is recomputed without it."""
    log.deleted_at = timezone.now()
    log.save(update_fields=["deleted_at", "updated_at"])
    _recompute([log.vehicle_id])


@transaction.atomic
def fuel_log_restore(*, log: FuelLog) -> None:
    """Bring a trashed fill-up back: its chain's economy is recomputed with it."""
    log.deleted_at = None
    log.save(update_fields=["deleted_at", "updated_at"])
    _recompute([log.vehicle_id])
