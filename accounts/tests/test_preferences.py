"""The settings page (preferences): currency, number and date formats, time zone and the units new
with; every amount and date on the pages follows them at once, cached fragments included."""

import datetime
from decimal import Decimal

import pytest

pytestmark = pytest.mark.django_db


def settings_data(**changes) -> dict:
    data = {
        "currency": "USD",
        "number_locale": "en_US",
        "date_format": "d MMM y",
        "time_zone": "",
        "distance_unit": "mi",
        "volume_unit": "us_gal",
        "economy_unit": "mpg_us",
    }
    return {**data, **changes}


@pytest.fixture
def filled(vehicle, fill_up_at):
    """A fill-up of 1,234.50 on 5 March 2024, at 3.459 a unit."""
    when = datetime.datetime(2024, 3, 5, 10, tzinfo=datetime.UTC)
    return fill_up_at(vehicle, when, total="1234.50", quantity="356.896", price="3.459")


def test_the_page_shows_the_current_settings(owner_client):
    html = owner_client.get("/settings/").content.decode()
    assert '<option value="USD" selected>USD: US Dollar</option>' in html
    assert "Europe/Berlin" in html and "Time zone" in html


def test_money_and_dates_follow_the_settings_on_every_page_at_once(owner_client, vehicle, filled):
    vehicle.purchase_price, vehicle.purchase_date = Decimal("1234.50"), datetime.date(2024, 3, 5)
    vehicle.save()
    # Each page that shows money, and whether it shows the day too.
    pages = {
        f"/vehicles/{vehicle.pk}/fuel/": True,
        f"/vehicles/{vehicle.pk}/": True,
        f"/fuel/{filled.pk}/delete/": True,
        f"/vehicles/{vehicle.pk}/fuel/analytics/": False,
        "/fuel/analytics/": False,
    }
    for url, dated in pages.items():  # the first visits fill the cache
        page = owner_client.get(url).content.decode()
        assert "$1,234.50" in page and ("5 Mar 2024" in page) == dated, url
    assert "$0.00" in owner_client.get("/").content.decode()  # nothing this month
    data = settings_data(currency="EUR", number_locale="de_DE", date_format="dd.MM.yyyy")
    response = owner_client.post("/settings/", data)
    assert response.status_code == 302 and response["Location"] == "/settings/"
    for url, dated in pages.items():
        page = owner_client.get(url).content.decode()
        assert "1.234,50\xa0€" in page and ("05.03.2024" in page) == dated and "$" not in page, url
    assert "0,00\xa0€" in owner_client.get("/").content.decode()


def test_a_pump_price_keeps_its_three_decimals_in_any_currency(owner_client, vehicle, filled):
    owner_client.post("/settings/", settings_data(currency="EUR", number_locale="fr_FR"))
    page = owner_client.get(f"/vehicles/{vehicle.pk}/fuel/").content.decode()
    assert "13,094\xa0€" in page  # 3.459 a litre is 13.094 a US gallon


def test_the_time_zone_decides_the_day_shown(owner_client, vehicle, fill_up_at):
    fill_up_at(vehicle, datetime.datetime(2024, 3, 5, 22, 30, tzinfo=datetime.UTC))
    url = f"/vehicles/{vehicle.pk}/fuel/"
    assert "5 Mar 2024" in owner_client.get(url).content.decode()
    owner_client.post("/settings/", settings_data(time_zone="Pacific/Auckland"))
    assert "6 Mar 2024" in owner_client.get(url).content.decode()  # 11:30 the next morning there


def test_a_new_vehicle_starts_in_the_chosen_units(owner_client):
    owner_client.post("/settings/", settings_data(distance_unit="km", volume_unit="l", economy_unit="l_100km"))
    html = owner_client.get("/vehicles/add/").content.decode()
    assert '<option value="km" selected>' in html and '<option value="l_100km" selected>' in html


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("currency", "XYZ", "Select a valid choice. XYZ is not one of the available choices."),
        ("currency", "eur", "Select a valid choice."),
        ("time_zone", "Mars/Olympus", "Select a valid choice."),
        ("number_locale", "xx_XX", "Select a valid choice."),
        ("date_format", "%Y", "Select a valid choice."),
    ],
)
def test_a_bad_value_is_explained_beside_its_field_and_nothing_is_saved(owner_client, owner, field, value, message):
    response = owner_client.post("/settings/", {**settings_data(currency="EUR"), field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    owner.refresh_from_db()
    assert (owner.currency, owner.time_zone, owner.number_locale) == ("USD", "", "en_US")


def test_signed_out_the_page_asks_to_sign_in(client):
    response = client.get("/settings/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
