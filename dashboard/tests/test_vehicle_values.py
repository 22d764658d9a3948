"""What the vehicle form takes for its cost of ownership, and what it refuses (nothing saved)."""

from decimal import Decimal

import pytest

from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db

BASE = {"year": "2020", "make": "Mazda", "model": "3", "fuel_type": "gasoline", "distance_unit": "km",
        "volume_unit": "l", "economy_unit": "l_100km", "depreciation": "value"}  # fmt: skip


def post(client, **changes):
    return client.post("/vehicles/add/", {**BASE, **changes})


def test_a_yearly_rate_and_a_current_value_are_kept(owner_client):
    post(
        owner_client,
        purchase_price="18000",
        current_value="15000.50",
        depreciation="percent",
        depreciation_percent="12.5",
    )
    vehicle = Vehicle.objects.get()
    assert (vehicle.current_value, vehicle.depreciation, vehicle.depreciation_percent) == (
        Decimal("15000.50"), "percent", Decimal("12.5")
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"current_value": "-1"}, "current_value", "A value can't be below zero."),
        ({"depreciation": "percent"}, "depreciation_percent", "Give the yearly percentage"),
        ({"depreciation": "percent", "depreciation_percent": "120"}, "depreciation_percent", "at most 100 %"),
        ({"depreciation_percent": "-3"}, "depreciation_percent", "can't be below 0 %"),
        ({"purchase_date": "2024-05-01", "sold_date": "2024-04-30"}, "sold_date", "before the purchase date"),
        ({"purchase_price": "-100"}, "purchase_price", "greater than or equal to 0"),
    ],
)
def test_bad_values_are_refused_beside_the_field(owner_client, changes, field, message):
    response = post(owner_client, **changes)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Vehicle.objects.exists()
