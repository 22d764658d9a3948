"""Fill-ups in a user's export: one file a vehicle in the format the fill-up import reads back
(it imports into one vehicle), in that vehicle's units; trashed fill-ups in files of their own."""

from collections.abc import Iterator

from motovault.accountdata import CsvFile
from vehicles.models import Vehicle

from . import csv_io
from .models import FuelLog


def fuel_log_files(user) -> Iterator[CsvFile]:
    for vehicle in Vehicle.objects.filter(owner=user, fuellogs__isnull=False).distinct().order_by("pk"):
        logs = FuelLog.objects.filter(vehicle=vehicle).select_related("vehicle", "station").order_by("filled_at", "id")
        live = logs.filter(deleted_at__isnull=True)
        yield f"fuel_logs/vehicle-{vehicle.pk}.csv", csv_io.export_rows(live.iterator(2000), vehicle.distance_unit)
        trashed = logs.filter(deleted_at__isnull=False)
        if trashed.exists():
            rows = csv_io.export_rows(trashed.iterator(2000), vehicle.distance_unit)
            yield f"fuel_logs/vehicle-{vehicle.pk}-trash.csv", rows
