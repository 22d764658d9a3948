"""Every form fed generated bad input: never a 500, never a partial write.

A POST either succeeds (a redirect, exactly one new row) or changes nothing at all."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuel_logs.models import FuelLog
from motovault.tests.boundaries import boundary_values
from vehicles.models import OdometerReading, Vehicle

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# What people and scripts really type, and the boundaries of every field (boundaries.py).
values = boundary_values()


def form_data(fields: list[str]):
    return st.fixed_dictionaries({field: values for field in fields})


def rows() -> tuple[int, int, int]:
    return Vehicle.objects.count(), OdometerReading.objects.count(), FuelLog.objects.count()


def assert_all_or_nothing(response, before: tuple, after: tuple) -> None:
    assert response.status_code < 500
    changed = [b != a for b, a in zip(before, after, strict=True)]
    if response.status_code in (301, 302, 303):
        assert sum(changed) <= 1 and all(a - b in (0, 1) for b, a in zip(before, after, strict=True))
    else:
        assert not any(changed), f"{response.status_code} but rows changed {before} -> {after}"


VEHICLE_FIELDS = [
    "year", "make", "model", "catalog_make", "catalog_model", "configuration", "vin", "vin_nonstandard",
    "fuel_type", "distance_unit", "volume_unit", "economy_unit", "tank_capacity", "purchase_date",
    "purchase_price", "purchase_odometer", "sold_date", "sold_price", "nickname",
]  # fmt: skip
FUEL_FIELDS = [
    "filled_at", "odometer", "energy", "quantity", "price", "total_cost", "fuel_grade", "is_full",
    "missed_previous", "notes", "entry_token",
]  # fmt: skip


@FUZZ
@given(data=form_data(VEHICLE_FIELDS))
def test_the_vehicle_form(owner_client, data):
    before = rows()
    response = owner_client.post("/vehicles/add/", data)
    assert_all_or_nothing(response, before, rows())


@FUZZ
@given(data=form_data(["date", "odometer", "notes"]))
def test_the_odometer_form(owner_client, vehicle, data):
    before = rows()
    response = owner_client.post(f"/vehicles/{vehicle.pk}/odometer/", data)
    assert_all_or_nothing(response, before, rows())


@FUZZ
@given(data=form_data(FUEL_FIELDS))
def test_the_fill_up_form(owner_client, vehicle, data):
    before = rows()
    response = owner_client.post(f"/vehicles/{vehicle.pk}/fuel/add/", data)
    assert_all_or_nothing(response, before, rows())
