"""Editing a fill-up: its own page without JavaScript, in place in the list with HTMX."""

from decimal import Decimal

import pytest

from fuel_logs.models import FuelLog

pytestmark = pytest.mark.django_db


def edit_data(log: FuelLog, **changes) -> dict:
    from fuel_logs.forms import FuelLogForm

    initial = FuelLogForm(instance=log, vehicle=log.vehicle).initial
    data = {key: value for key, value in initial.items() if value not in (None, False)}
    data["filled_at"] = f"{log.filled_at:%Y-%m-%dT%H:%M}"
    data["is_full"] = "on" if log.is_full else ""
    return {**data, **changes}


def test_the_edit_page_shows_the_fill_up_in_the_vehicles_units(owner_client, vehicle, fill):
    from motovault.units import to_km, to_litres

    log = fill(vehicle, to_km(Decimal(10_300), "mi"), to_litres(Decimal("12.345"), "us_gal"), price="0.91377")
    html = owner_client.get(f"/fuel/{log.pk}/edit/").content.decode()
    assert 'name="odometer" value="10300"' in html
    assert 'name="quantity" value="12.345"' in html
    assert 'name="price" value="3.459"' in html
    assert "<html" in html and 'name="entry_token"' in html


def test_saving_recomputes_the_neighbours_and_returns_to_the_list(owner_client, metric_car, fill):
    fill(metric_car, 0, 40)
    middle = fill(metric_car, 400, 40)
    last = fill(metric_car, 800, 32)
    response = owner_client.post(f"/fuel/{middle.pk}/edit/", edit_data(middle, is_full=""))
    assert response.status_code == 302 and response["Location"] == f"/vehicles/{metric_car.pk}/fuel/"
    last.refresh_from_db()
    assert (last.segment_distance_km, last.segment_quantity) == (800, 72)


def test_htmx_gets_a_row_form_and_a_refresh_event(owner_client, metric_car, fill):
    log = fill(metric_car, 400, 40)
    form = owner_client.get(f"/fuel/{log.pk}/edit/", headers={"HX-Request": "true"}).content.decode()
    assert form.lstrip().startswith(f'<tr id="fuel-{log.pk}" class="editing">')
    assert f'hx-post="/fuel/{log.pk}/edit/"' in form and "<html" not in form

    response = owner_client.post(
        f"/fuel/{log.pk}/edit/", edit_data(log, notes="Shell, A7"), headers={"HX-Request": "true"}
    )
    assert response.status_code == 204 and response["HX-Trigger"] == "fuel-changed"
    assert FuelLog.objects.get().notes == "Shell, A7"


def test_htmx_bad_input_comes_back_in_the_row(owner_client, metric_car, fill):
    log = fill(metric_car, 400, 40)
    response = owner_client.post(f"/fuel/{log.pk}/edit/", edit_data(log, quantity="0"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith("<tr")
    assert "The quantity must be more than zero." in html
    assert FuelLog.objects.get().quantity == 40


def test_an_edit_may_move_a_fill_up_to_another_energy_chain(owner_client, owner, fill):
    from vehicles.models import Vehicle

    car = Vehicle.objects.create(
        owner=owner, year=2018, make="Dacia", model="Sandero", fuel_type="lpg", distance_unit="km", volume_unit="l"
    )
    fill(car, 0, 40)
    wrong = fill(car, 300, 30)  # was LPG, logged as petrol
    fill(car, 600, 20)
    fill(car, 0, 30, energy="lpg", day=0)
    owner_client.post(f"/fuel/{wrong.pk}/edit/", edit_data(wrong, energy="lpg", price="0.8", total_cost=""))
    wrong.refresh_from_db()
    # Each chain's odometer segments (the car runs on both, so which energy drove them is not said)
    assert (wrong.energy, wrong.segment_odometer_km, wrong.segment_distance_km) == ("lpg", 300, None)
    assert FuelLog.objects.get(odometer_km=600).segment_odometer_km == 600  # petrol now runs 0 to 600


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"quantity": "20"}, ("20.0000", "1.50000", "30.00")),  # the total follows
        ({"total_cost": "20.00"}, ("10.0000", "2.00000", "20.00")),  # the price follows
        ({"price": "2", "total_cost": "30"}, ("15.0000", "2.00000", "30.00")),  # the quantity follows
    ],
)
def test_on_an_edit_the_amount_left_alone_follows_the_others(owner_client, metric_car, fill, changes, expected):
    log = fill(metric_car, 400, 10)  # 10 L at 1.50: 15.00
    owner_client.post(f"/fuel/{log.pk}/edit/", edit_data(log, **changes))
    log.refresh_from_db()
    assert (str(log.quantity), str(log.price_per_unit), str(log.total_cost)) == expected
