"""Alice's and Charlie's accounts, each with one of every record and a photo."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create, fuel_log_trash
from vehicles.models import OdometerReading, Vehicle

START = timezone.make_aware(datetime.datetime(2025, 3, 1, 9, 0))


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def populate(user, nickname: str, photo: bytes) -> Vehicle:
    """A vehicle with a photo, a reading, three fill-ups (one in the trash)."""
    vehicle = Vehicle.objects.create(
        owner=user, year=2019, make="Skoda", model="Octavia", nickname=nickname, distance_unit="km", volume_unit="l"
    )
    vehicle.photo.save("car.jpg", ContentFile(photo))
    OdometerReading.objects.create(owner=user, vehicle=vehicle, date=datetime.date(2025, 1, 1), odometer_km=900)
    for i in range(3):
        log, _ = fuel_log_create(
            log=FuelLog(
                owner=user, vehicle=vehicle, filled_at=START + datetime.timedelta(days=7 * i),
                odometer_km=Decimal(1000 + 500 * i), quantity=Decimal("35.5"), price_per_unit=Decimal("1.799"),
                total_cost=Decimal("63.86"), notes=f"{nickname} fill {i}",
            )
        )  # fmt: skip
    fuel_log_trash(log=log)
    return vehicle


@pytest.fixture
def both(media, owner, other_user):
    return populate(owner, "AliceCar", b"alice-photo-bytes"), populate(other_user, "CharlieCar", b"charlie-photo")
