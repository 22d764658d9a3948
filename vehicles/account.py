"""The garage's part of a user's export and account deletion (see motovault/accountdata.py)."""

from collections.abc import Iterator

from django.db.models.fields.files import FieldFile

from motovault.accountdata import CsvFile, model_rows

from .models import OdometerReading, Vehicle


def vehicle_files(user) -> Iterator[CsvFile]:
    yield "vehicles.csv", model_rows(Vehicle.objects.filter(owner=user).order_by("pk"))


def vehicle_photos(user) -> Iterator[FieldFile]:
    for vehicle in Vehicle.objects.filter(owner=user).exclude(photo="").only("photo"):
        yield vehicle.photo


def reading_files(user) -> Iterator[CsvFile]:
    yield "odometer_readings.csv", model_rows(OdometerReading.objects.filter(owner=user).order_by("pk"))
