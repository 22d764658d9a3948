"""Adding a fill-up to a vehicle: pre-filled, checked, stored once however often it is posted."""

import re
from decimal import Decimal

import pytest

from fuel_logs.models import FuelLog
from motovault.units import to_km

pytestmark = pytest.mark.django_db


def test_the_form_is_prefilled_from_the_last_fill_up(owner_client, vehicle, fill):
    last = fill(vehicle, to_km(Decimal(10_000), "mi"), 40, price="0.91377")
    last.fuel_grade = "Premium 91"
    last.save()
    html = owner_client.get(f"/vehicles/{vehicle.pk}/fuel/add/").content.decode()
    assert 'name="price" value="3.459"' in html
    assert 'value="Premium 91"' in html
    assert 'name="is_full" id="id_is_full" checked' in html
    assert "Last reading: 10,000 mi" in html


def test_adding_stores_it_in_canonical_units_and_goes_to_the_list(owner_client, vehicle, form_data):
    response = owner_client.post(f"/vehicles/{vehicle.pk}/fuel/add/", form_data())
    assert response.status_code == 302 and response["Location"] == f"/vehicles/{vehicle.pk}/fuel/"
    log = FuelLog.objects.get()
    assert (log.owner, log.vehicle, str(log.total_cost), log.fuel_grade) == (
        vehicle.owner,
        vehicle,
        "34.59",
        "Regular 87",
    )


def test_posting_the_same_form_twice_stores_one_fill_up(owner_client, vehicle, form_data):
    data = form_data()
    first = owner_client.post(f"/vehicles/{vehicle.pk}/fuel/add/", data)
    second = owner_client.post(f"/vehicles/{vehicle.pk}/fuel/add/", data, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert FuelLog.objects.count() == 1
    assert "the fill-up is saved once" in second.content.decode()


def test_two_forms_store_two_fill_ups(owner_client, vehicle, form_data):
    owner_client.post(f"/vehicles/{vehicle.pk}/fuel/add/", form_data())
    owner_client.post(f"/vehicles/{vehicle.pk}/fuel/add/", form_data(odometer="10600", filled_at="2024-03-05T08:00"))
    assert FuelLog.objects.count() == 2


@pytest.mark.parametrize(
    "field, changes, message",
    [
        ("quantity", {"quantity": "0"}, "The quantity must be more than zero."),
        ("quantity", {"quantity": "-2"}, "The quantity must be more than zero."),
        ("price", {"price": "-3"}, "A price can&#x27;t be negative."),
        ("filled_at", {"filled_at": "2999-01-01T08:00"}, "That is in the future"),
        ("odometer", {"odometer": "9000"}, "Lower than an earlier reading: 10,000 mi on 01 Feb 2024 (fill-up)."),
        ("odometer", {"odometer": "99000", "filled_at": "2024-01-15T08:00"}, "Higher than a later reading: 10,000 mi"),
    ],
)
def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    owner_client, vehicle, fill, form_data, field, changes, message
):
    fill(vehicle, to_km(Decimal(10_000), "mi"), 40, day=31)
    response = owner_client.post(f"/vehicles/{vehicle.pk}/fuel/add/", form_data(**changes))
    assert response.status_code == 200
    beside = re.search(rf'<small class="field-error" id="id_{field}-error">([^<]*)</small>', response.content.decode())
    assert beside and message in beside[1]
    assert FuelLog.objects.count() == 1
