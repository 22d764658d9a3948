"""A plug-in hybrid's fill-up or charge: the distance driven on its energy and a charge's state of
charge, typed in the vehicle's units, checked, and nothing saved when they are wrong."""

from decimal import Decimal

import pytest

from fuel_logs.models import FuelLog
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db


@pytest.fixture
def volt(owner):
    """A plug-in hybrid driven in miles."""
    return Vehicle.objects.create(
        owner=owner,
        year=2017,
        make="Chevrolet",
        model="Volt",
        fuel_type="phev",
        distance_unit="mi",
        volume_unit="us_gal",
    )


def charge(**changes) -> dict:
    return {
        "filled_at": "2024-03-01T08:00",
        "odometer": "1060",
        "energy": "electricity",
        "quantity": "12",
        "price": "0.25",
        "is_full": "on",
        **changes,
    }


def add(client, vehicle, data):
    return client.post(f"/vehicles/{vehicle.pk}/fuel/add/", data)


def test_a_charge_stores_its_split_in_km_and_its_state_of_charge(owner_client, volt, fill):
    fill(volt, Decimal("1000") * Decimal("1.609344"), 8, day=0)  # a full tank at 1000 mi
    response = add(
        owner_client, volt, charge(energy_distance="40", charge_start_percent="15", charge_end_percent="100")
    )
    assert response.status_code == 302
    log = FuelLog.objects.get(energy="electricity")
    # 40 mi × 1.609344 = 64.37376 km, stored to the metre
    assert (log.energy_distance_km, log.charge_start_percent, log.charge_end_percent) == (Decimal("64.374"), 15, 100)
    form = owner_client.get(f"/fuel/{log.pk}/edit/").context["form"]
    assert form.initial["energy_distance"] == Decimal(40)
    assert form.fields["energy_distance"].label == "Distance on electricity (mi)"


def test_the_form_asks_a_charge_for_its_state_of_charge_and_a_fill_up_not(owner_client, volt):
    html = owner_client.get(f"/vehicles/{volt.pk}/fuel/add/?energy=electricity").content.decode()
    assert "Battery at start (%)" in html and "Battery at end (%)" in html and "Charged to full" in html
    html = owner_client.get(f"/vehicles/{volt.pk}/fuel/add/?energy=petrol").content.decode()
    assert "Battery at" not in html and "Distance on petrol (mi)" in html


def test_a_single_energy_car_is_not_asked_for_a_split(owner_client, vehicle):
    html = owner_client.get(f"/vehicles/{vehicle.pk}/fuel/add/").content.decode()
    assert "Distance on" not in html and "Battery at" not in html


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"charge_start_percent": "101"}, "charge_start_percent", "A state of charge is at most 100 %."),
        ({"charge_end_percent": "-1"}, "charge_end_percent", "A state of charge can't be below 0 %."),
        (
            {"charge_start_percent": "80", "charge_end_percent": "20"},
            "charge_end_percent",
            "The end can't be below the start: a charge adds to it.",
        ),
        # 60 mi since the full tank at 1000 mi; the 1060 mi reading allows no more than that
        (
            {"energy_distance": "60.5"},
            "energy_distance",
            "More than the 60.0 mi driven since the fill-up of 1 Jan 2024.",
        ),
        ({"energy_distance": "-3"}, "energy_distance", "A distance can't be negative."),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_nothing_saved(owner_client, volt, fill, changes, field, message):
    fill(volt, Decimal("1000") * Decimal("1.609344"), 8, day=0)
    response = add(owner_client, volt, charge(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert FuelLog.objects.count() == 1


def test_the_bound_is_the_stretch_since_the_previous_fill_up_of_either_energy(owner_client, volt, fill):
    """A charge at 1030 mi comes between: a fill-up at 1060 mi has 30 mi to split, not 60."""
    fill(volt, Decimal("1000") * Decimal("1.609344"), 8, day=0)
    fill(volt, Decimal("1030") * Decimal("1.609344"), 10, energy="electricity", day=1)
    petrol = charge(energy="petrol", quantity="5", price="3.50", energy_distance="31")
    response = add(owner_client, volt, petrol)
    assert response.context["form"].errors["energy_distance"] == [
        "More than the 30.0 mi driven since the charge of 2 Jan 2024."
    ]
    assert add(owner_client, volt, {**petrol, "energy_distance": "30"}).status_code == 302


def test_a_fill_up_of_petrol_keeps_no_state_of_charge(owner_client, volt, fill):
    """Switching an edited charge to petrol drops what only a charge has."""
    log = fill(volt, 100, 10, energy="electricity", day=0)
    FuelLog.objects.filter(pk=log.pk).update(charge_start_percent=10, charge_end_percent=90)
    response = owner_client.post(
        f"/fuel/{log.pk}/edit/",
        charge(odometer="62.137", energy="petrol", filled_at="2024-01-01T08:00", quantity="3", price="3.5"),
    )
    assert response.status_code == 302
    log.refresh_from_db()
    assert (log.energy, log.charge_start_percent, log.charge_end_percent) == ("petrol", None, None)
