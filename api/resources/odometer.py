"""Odometer readings, through the reading form the vehicle page uses (the odometer rules)."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from api.crud import RecordResource, record_router
from api.schemas import In, Quantity, quantity
from motovault import units
from vehicles.forms import OdometerReadingForm
from vehicles.models import OdometerReading, Vehicle


class ReadingOut(Schema):
    id: int
    vehicle: int = Field(alias="vehicle_id")
    date: datetime.date
    odometer: Quantity = Field(description="In the vehicle's distance unit.")
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_odometer(reading: OdometerReading) -> dict:
        unit = reading.vehicle.distance_unit
        return quantity(units.rounded(units.from_km(reading.odometer_km, unit), 1), unit)


class ReadingIn(In):
    date: datetime.date
    odometer: Decimal = Field(description="In the vehicle's distance unit.")
    notes: str = ""


def _form(data: dict, vehicle: Vehicle, reading: OdometerReading) -> OdometerReadingForm:
    return OdometerReadingForm(data, vehicle=vehicle, instance=reading)


readings = RecordResource(
    path="odometer-readings",
    noun="odometer_reading",
    model=OdometerReading,
    out=ReadingOut,
    into=ReadingIn,
    form=_form,
    trash=lambda reading: reading.soft_delete(),
    restore=lambda reading: reading.restore(),
    date_field="date",
)
router = record_router(readings)
