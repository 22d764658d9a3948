"""Stations in a real headless Chromium: favourites first, the picker at the pump, the browser's
position for the cheapest ranking, a station's price chart; no console or CSP error."""

import pytest
from playwright.sync_api import expect

from fuel_logs.models import FuelLog

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 800}


def test_a_favourite_comes_first_in_the_list_and_the_picker(
    signed_in_page, live_server, vehicle, station, console_errors
):
    for name in ("Aral", "BP", "Shell"):
        station(name)
    page = signed_in_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/stations/")
    items = page.locator("#station-rows li")
    expect(items.first).to_contain_text("Aral")
    page.get_by_role("button", name="Favourite: Shell").click()  # in place (HTMX)
    expect(items.first).to_contain_text("Shell")
    expect(items.first.get_by_role("button")).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(items.first).to_contain_text("Shell")

    page.goto(f"{live_server.url}/fuel/add/")
    first_group = page.locator("select[name=station] optgroup").first
    expect(first_group).to_have_attribute("label", "Favourites")
    expect(first_group.locator("option")).to_have_text(["Shell"])
    page.get_by_label("Station", exact=True).select_option(label="Shell")
    page.get_by_label("Odometer (mi)").fill("10300")
    page.get_by_label("Quantity (gal)").fill("10")
    page.get_by_label("Price per gal").fill("3.459")
    page.get_by_role("button", name="Save fill-up").click()
    page.wait_for_url(f"{live_server.url}/vehicles/{vehicle.pk}/fuel/")
    assert FuelLog.objects.get().station.name == "Shell"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert console_errors == []


def test_the_cheapest_from_where_the_browser_is(
    signed_in_page, live_server, vehicle, station, bought, console_errors, context, time_machine
):
    from decimal import Decimal

    near = station("Near", latitude=Decimal("48.147"), longitude=Decimal("11.575"))
    far = station("Far", latitude=Decimal("48.237"), longitude=Decimal("11.575"))
    bought(vehicle, near, 1, "1.70")
    bought(vehicle, far, 1, "1.50")
    context.grant_permissions(["geolocation"])
    context.set_geolocation({"latitude": 48.137, "longitude": 11.575})
    page = signed_in_page
    page.goto(f"{live_server.url}/stations/cheapest/?days=3650")
    rows = page.locator("table.cheapest tbody tr")
    expect(rows.first).to_contain_text("Far")  # cheapest first
    page.get_by_text("Nearest first, from a position").click()
    page.get_by_role("button", name="Use my position").click()
    expect(page.get_by_label("Latitude")).to_have_value("48.137000")
    page.get_by_role("button", name="Show").click()
    expect(rows.first).to_contain_text("Near")
    expect(rows.first).to_contain_text("0.7 mi")  # 1.1 km
    assert console_errors == []


def test_a_station_page_draws_its_price_history(signed_in_page, live_server, vehicle, station, bought, console_errors):
    shell = station("Shell")
    for days, price in ((30, "1.50"), (20, "1.60"), (10, "1.55")):
        bought(vehicle, shell, days, price)
    page = signed_in_page
    page.goto(f"{live_server.url}/stations/{shell.pk}/")
    expect(page.locator("section.station-chart")).to_have_attribute("data-drawn", "true")
    points = page.evaluate("Chart.getChart('price-chart').data.datasets[0].data")
    assert points == [5.678, 6.057, 5.867]  # per US gallon: 1.50, 1.60, 1.55 × 3.785411784
    assert console_errors == []
