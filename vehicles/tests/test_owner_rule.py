"""A record's owner is its vehicle's owner, and PostgreSQL refuses anything else, whatever the path."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from fuel_logs.models import FuelLog
from vehicles import owner_rule
from vehicles.models import OdometerReading
from vehicles.services import record_models

pytestmark = pytest.mark.django_db


def test_every_record_table_has_the_rule():
    """A new kind of record without it could be filed under another user's vehicle: this names it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT conname FROM pg_constraint WHERE contype = 'f'")
        installed = {row[0] for row in cursor.fetchall()}
    models = record_models()
    assert {OdometerReading, FuelLog} <= set(models)
    for model in models:
        assert owner_rule.constraint_name(model._meta.db_table) in installed, model


def records(owner, vehicle) -> list:
    return [
        OdometerReading(owner=owner, vehicle=vehicle, date=datetime.date(2024, 1, 1), odometer_km=Decimal(10)),
        FuelLog(
            owner=owner, vehicle=vehicle, filled_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
            odometer_km=Decimal(10), quantity=Decimal(30), price_per_unit=Decimal("1.5"), total_cost=Decimal("45.00"),
        ),
    ]  # fmt: skip


@pytest.mark.parametrize("kind", [0, 1], ids=["odometer reading", "fill-up"])
def test_a_record_of_another_users_vehicle_is_refused(vehicle, other_user, kind):
    record = records(other_user, vehicle)[kind]
    with pytest.raises(IntegrityError, match="owner_is_vehicle_owner"), transaction.atomic():
        record.save()


@pytest.mark.parametrize("kind", [0, 1], ids=["odometer reading", "fill-up"])
def test_moving_a_record_to_another_owner_is_refused_even_in_bulk(owner, vehicle, other_user, kind):
    record = records(owner, vehicle)[kind]
    record.save()
    with pytest.raises(IntegrityError, match="owner_is_vehicle_owner"), transaction.atomic():
        type(record).objects.filter(pk=record.pk).update(owner=other_user)
    with pytest.raises(IntegrityError, match="owner_is_vehicle_owner"), transaction.atomic():
        type(record).objects.bulk_create([records(other_user, vehicle)[kind]])
    with pytest.raises(IntegrityError, match="owner_is_vehicle_owner"), transaction.atomic():
        vehicle.owner = other_user
        vehicle.save()  # the vehicle alone cannot leave its records behind
