"""Writes to fill-ups. Each one keeps the stored economy right in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fuel_logs.models import FuelLog


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
    FuelLog.objects.recompute_economy(vehicle_id=log.vehicle_id, energy=log.energy)
    return log, True


@transaction.atomic
def fuel_log_update(*, log: FuelLog) -> FuelLog:
    """Save an edited fill-up. Changing its energy moves it from one chain to another: both are
    recomputed."""
    before = FuelLog.objects.filter(pk=log.pk).values_list("energy", flat=True).get()
    log.save()
    for energy in {before, log.energy}:
        FuelLog.objects.recompute_economy(vehicle_id=log.vehicle_id, energy=energy)
    return log


@transaction.atomic
def fuel_logs_import(*, logs: list[FuelLog]) -> list[FuelLog]:
    """Store checked fill-ups all together, then compute each chain they touch once."""
    created = FuelLog.objects.bulk_create(logs)
    for vehicle_id, energy in sorted({(log.vehicle_id, log.energy) for log in created}):
        FuelLog.objects.recompute_economy(vehicle_id=vehicle_id, energy=energy)
    return created
