"""Numbers a vehicle's forms accept as typed but that overflowed their column once converted to
canonical units (a DataError, a 500): now a plausible bound in the user's unit, said beside the field."""

import pytest

from vehicles.models import OdometerReading, Vehicle

from .test_forms import BASE, errors, post

pytestmark = pytest.mark.django_db

TYPED_IN = {"make": "Ducati", "model": "Monster"}


@pytest.mark.parametrize(
    "units, field, value, message",
    [
        ({}, "tank_capacity", "99999.999", "A tank above 500 gal is not plausible."),
        ({"volume_unit": "l"}, "tank_capacity", "2000.001", "A tank above 2,000 L is not plausible."),
        ({"volume_unit": "imp_gal"}, "tank_capacity", "440.001", "A tank above 440 gal (imp) is not plausible."),
        ({}, "purchase_odometer", "99999999999.9", "An odometer above 1,250,000 mi is not plausible."),
        ({"distance_unit": "km"}, "purchase_odometer", "2000000.1", "An odometer above 2,000,000 km is not plausible."),
        ({}, "purchase_price", "NaN", "Enter a number."),
        ({}, "purchase_price", "sNaN", "Enter a number."),
    ],
)
def test_a_vehicle_number_beyond_plausible_is_refused_in_its_unit(owner_client, units, field, value, message):
    response = post(owner_client, {**TYPED_IN, **units, field: value})
    assert response.status_code == 200
    assert errors(response)[field] == [message]
    assert not Vehicle.objects.exists()


@pytest.mark.parametrize("units", [{}, {"volume_unit": "l", "distance_unit": "km"}, {"volume_unit": "imp_gal"}])
def test_the_largest_plausible_values_are_stored(owner_client, units):
    from motovault.numbers import ODOMETER_LIMITS, VOLUME_LIMITS

    data = {**BASE, **TYPED_IN, **units}
    data["tank_capacity"] = str(VOLUME_LIMITS[data["volume_unit"]])
    data["purchase_odometer"] = str(ODOMETER_LIMITS[data["distance_unit"]])
    response = post(owner_client, data)
    assert response.status_code == 302
    assert Vehicle.objects.get().tank_capacity_l > 1800  # 500 US gal, 440 imp gal, 2,000 L


def test_an_edit_with_a_signalling_nan_is_refused(owner_client, vehicle):
    url = f"/vehicles/{vehicle.pk}/edit/"
    response = post(owner_client, {**TYPED_IN, "purchase_price": "sNaN", "sold_price": "-sNaN"}, url=url)
    assert response.status_code == 200 and set(errors(response)) == {"purchase_price", "sold_price"}


@pytest.mark.parametrize("odometer", ["2147483648", "1250000.1"])
def test_an_odometer_reading_beyond_plausible_is_refused(owner_client, vehicle, odometer):
    data = {"date": "2024-03-01", "odometer": odometer}
    response = owner_client.post(f"/vehicles/{vehicle.pk}/odometer/", data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "An odometer above 1,250,000 mi is not plausible." in response.content.decode()
    assert not OdometerReading.objects.exists()
