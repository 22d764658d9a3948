"""Quick entry ("Log fuel"): one short form, the vehicle chosen on it."""

import re

import pytest

from fuel_logs.models import FuelLog
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db


@pytest.fixture
def scooter(owner):
    return Vehicle.objects.create(
        owner=owner, year=2020, make="Vespa", model="GTS", nickname="Vespa", distance_unit="km", volume_unit="l"
    )


def test_it_picks_the_vehicle_filled_up_last(owner_client, vehicle, scooter, fill):
    fill(scooter, 500, 8, day=1, price="1.899")
    fill(vehicle, 1000, 40, day=0)
    html = owner_client.get("/fuel/add/").content.decode()
    assert f'<option value="{scooter.pk}" selected>' in html
    assert "Odometer (km)" in html and 'name="price" value="1.899"' in html


def test_vehicle_names_are_escaped_in_the_choice(owner_client, vehicle, scooter):
    scooter.nickname = '<b onclick="x()">Vespa & co</b>'
    scooter.save()
    html = owner_client.get(f"/fuel/add/?vehicle={scooter.pk}").content.decode()
    escaped = "&lt;b onclick=&quot;x()&quot;&gt;Vespa &amp; co&lt;/b&gt;"
    assert f'<option value="{scooter.pk}" selected>{escaped}</option>' in html
    assert f'<option value="{vehicle.pk}">Civic</option>' in html


def test_choosing_a_vehicle_rerenders_the_form_in_its_units(owner_client, vehicle, scooter):
    response = owner_client.get(f"/fuel/add/?vehicle={vehicle.pk}", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="fuel-form"') and "<html" not in html
    assert "Odometer (mi)" in html and "Quantity (gal)" in html
    assert 'hx-get="/fuel/add/"' in html


def test_each_form_has_its_own_token_and_time(owner_client, metric_car, fill):
    """Two pages at the pump are two fill-ups: the one-time token (and the time, now) is made for
    each page, never kept with the fields; the fields follow the data at once."""
    fill(metric_car, 1000, 10, price="1.459")
    first, second = (owner_client.get("/fuel/add/").content.decode() for _ in range(2))
    tokens = [re.search(r'name="entry_token" value="([0-9a-f-]+)"', html).group(1) for html in (first, second)]
    assert tokens[0] != tokens[1]
    assert all('name="filled_at"' in html and 'name="price" value="1.459"' in html for html in (first, second))
    fill(metric_car, 1300, 10, price="1.299")
    assert 'name="price" value="1.299"' in owner_client.get("/fuel/add/").content.decode()


def test_a_form_sent_back_with_errors_shows_them_with_every_field(owner_client, vehicle, form_data):
    html = owner_client.post("/fuel/add/", form_data(vehicle=vehicle.pk, odometer="-5")).content.decode()
    assert "An odometer can&#x27;t be negative." in html
    assert all(f'name="{name}"' in html for name in ("vehicle", "filled_at", "odometer", "entry_token"))
    assert FuelLog.objects.count() == 0


def test_it_logs_for_the_chosen_vehicle(owner_client, vehicle, scooter, form_data):
    response = owner_client.post("/fuel/add/", form_data(vehicle=scooter.pk, odometer="500", quantity="8"))
    assert response.status_code == 302 and response["Location"] == f"/vehicles/{scooter.pk}/fuel/"
    log = FuelLog.objects.get()
    assert (log.vehicle, log.odometer_km, log.quantity) == (scooter, 500, 8)


def test_a_double_submit_stores_one_fill_up(owner_client, vehicle, form_data):
    data = form_data(vehicle=vehicle.pk)
    assert owner_client.post("/fuel/add/", data).status_code == 302
    assert owner_client.post("/fuel/add/", data).status_code == 302
    assert FuelLog.objects.count() == 1


def test_the_same_token_from_two_users_is_two_fill_ups(owner_client, other_user, vehicle, form_data):
    """The token is unique per owner: nobody can block or find another's fill-up with it."""
    from django.test import Client

    theirs = Vehicle.objects.create(owner=other_user, year=2015, make="Ford", model="Focus")
    data = form_data(vehicle=vehicle.pk)
    owner_client.post("/fuel/add/", data)
    charlie = Client()
    charlie.force_login(other_user)
    assert charlie.post("/fuel/add/", {**data, "vehicle": theirs.pk}).status_code == 302
    assert FuelLog.objects.filter(vehicle=theirs).count() == 1


def test_without_a_vehicle_it_says_to_add_one(owner_client):
    html = owner_client.get("/fuel/add/").content.decode()
    assert "Add a vehicle to your garage first" in html and '<form id="fuel-form"' not in html
    assert owner_client.post("/fuel/add/", {}).status_code == 404


def test_a_charge_starts_with_the_last_charges_price_in_kwh(owner_client, phev, fill):
    """Switching a plug-in hybrid's entry to electricity: kWh labels and the last kWh price, not the
    petrol one (which would save petrol-priced kWh, or kWh-priced petrol)."""
    fill(phev, 100, 30, price="1.899")
    fill(phev, 150, 8, energy="electricity", price="0.31")
    fill(phev, 200, 20, price="1.959")  # the last fill-up is petrol
    html = owner_client.get(f"/fuel/add/?vehicle={phev.pk}").content.decode()
    assert "Quantity (L)" in html and 'name="price" value="1.959"' in html and "Full tank" in html
    switched = owner_client.get(
        f"/fuel/add/?vehicle={phev.pk}&energy=electricity&odometer=260", headers={"HX-Request": "true"}
    ).content.decode()
    assert switched.lstrip().startswith('<form id="fuel-form"')
    assert "Quantity (kWh)" in switched and "Price per kWh" in switched and "Charged to full" in switched
    assert 'name="price" value="0.31"' in switched and 'name="odometer" value="260"' in switched
    assert 'hx-include="closest form"' in switched  # the energy choice re-renders the form


def test_a_single_energy_vehicle_has_no_energy_choice_to_switch(owner_client, vehicle):
    html = owner_client.get(f"/fuel/add/?vehicle={vehicle.pk}&energy=electricity").content.decode()
    assert 'type="hidden" name="energy" value="petrol"' in html and "Quantity (gal)" in html
