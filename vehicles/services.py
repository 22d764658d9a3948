"""Writes to vehicles that reach beyond one row: the records of every feature, stored files."""

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Model

from .models import Vehicle, VehicleRecord


def record_models() -> list[type[Model]]:
    """Every model of any feature that holds records of a vehicle."""
    return [model for model in apps.get_models() if issubclass(model, VehicleRecord)]


def record_counts(vehicles: list[Vehicle]) -> dict[int, int]:
    """How many records (live or trashed) each vehicle has: one query a record model."""
    counts = dict.fromkeys((vehicle.pk for vehicle in vehicles), 0)
    for model in record_models():
        rows = model.objects.filter(vehicle__in=counts).values("vehicle").annotate(n=Count("pk"))
        for row in rows:
            counts[row["vehicle"]] += row["n"]
    return counts


@transaction.atomic
def vehicle_purge(*, vehicle: Vehicle, with_records: bool) -> None:
    """Destroy a trashed vehicle for good. Without ``with_records`` a vehicle that still has
    records is refused (ProtectedError): the owner must say the records go too."""
    if with_records:
        for model in record_models():
            model.objects.filter(vehicle=vehicle).delete()
    photo = vehicle.photo
    vehicle.delete()
    if photo:
        transaction.on_commit(lambda: photo.storage.delete(photo.name))
