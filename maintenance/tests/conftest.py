import datetime
from decimal import Decimal

import pytest

from maintenance.models import LineItem, Reminder, ServiceRecord
from maintenance.services import service_record_save
from vehicles.models import OdometerReading, Vehicle


@pytest.fixture
def car(owner):
    """Alice's car, in kilometres (the figures below are easier to follow in km)."""
    return Vehicle.objects.create(owner=owner, year=2018, make="Skoda", model="Octavia", nickname="Octy",
                                  distance_unit="km", volume_unit="l", economy_unit="l_100km")  # fmt: skip


@pytest.fixture
def reading():
    def make(vehicle, day: datetime.date, km) -> OdometerReading:
        return OdometerReading.objects.create(owner=vehicle.owner, vehicle=vehicle, date=day, odometer_km=Decimal(km))

    return make


@pytest.fixture
def service():
    def make(vehicle, day: datetime.date, km, *types: str, parts="50", labour="30", tax="0") -> ServiceRecord:
        record = ServiceRecord(
            owner=vehicle.owner, vehicle=vehicle, date=day, odometer_km=Decimal(km), tax=Decimal(tax)
        )
        items = [LineItem(service_type=t, parts_cost=Decimal(parts), labour_cost=Decimal(labour)) for t in types]
        return service_record_save(record=record, items=items)

    return make


@pytest.fixture
def reminder():
    def make(vehicle, **fields) -> Reminder:
        fields.setdefault("title", "Oil")
        return Reminder.objects.create(owner=vehicle.owner, vehicle=vehicle, **fields)

    return make
