"""Fuel in a real headless Chromium: quick entry at the pump, in-place edit and delete, a chart."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from fuel_logs.models import FuelLog
from motovault.units import to_km, to_litres

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def us(fill, vehicle, miles: int, gallons: str, **kwargs):
    """A fill-up of Alice's Civic typed the American way (the fixture's price is 1.50 a litre)."""
    return fill(vehicle, to_km(Decimal(miles), "mi"), to_litres(Decimal(gallons), "us_gal"), **kwargs)


def choose_vehicle(page, name: str) -> None:
    """Pick a vehicle and wait until HTMX has swapped the new form in and set it up."""
    page.evaluate(
        "() => { window.settled = new Promise(done => document.body.addEventListener('htmx:afterSettle', done)); }"
    )
    page.get_by_label("Vehicle").select_option(label=name)
    page.wait_for_function("window.settled.then(() => true)", timeout=5000)


def test_quick_entry_at_the_pump_on_a_phone(signed_in_page, live_server, vehicle, metric_car, fill, console_errors):
    fill(metric_car, 2000, 40, day=0)
    us(fill, vehicle, 10_000, "10", day=1)
    page = signed_in_page
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Log fuel").click()  # the phone header's button

    # Another vehicle: the form comes back in its units (HTMX), and back again.
    choose_vehicle(page, str(metric_car))
    expect(page.get_by_label("Odometer (km)")).to_be_visible()
    choose_vehicle(page, "Civic")
    expect(page.get_by_label("Price per gal")).to_have_value("5.678")  # the last fill-up's price
    expect(page.get_by_label("Full tank")).to_be_checked()
    page.get_by_label("Odometer (mi)").fill("9000")
    page.get_by_label("Quantity (gal)").fill("10")
    page.get_by_role("button", name="Save fill-up").click()
    expect(page.locator("#id_odometer-error")).to_contain_text("Lower than an earlier reading: 10,000 mi")

    page.get_by_label("Odometer (mi)").fill("10300")
    page.get_by_role("button", name="Save fill-up").click()
    page.wait_for_url(f"{live_server.url}/vehicles/{vehicle.pk}/fuel/")
    newest = page.locator("#fuel-rows tbody tr").first
    expect(newest).to_contain_text("30.0")  # 300 mi on 10 gal
    expect(newest).to_contain_text("56.78")  # 10 gal at 5.678, to the cent
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert FuelLog.objects.filter(vehicle=vehicle).count() == 2
    assert console_errors == []


def test_edit_and_delete_in_place(signed_in_page, live_server, vehicle, fill, console_errors):
    us(fill, vehicle, 10_000, "10", day=0)
    middle = us(fill, vehicle, 10_300, "10", day=1)
    us(fill, vehicle, 10_600, "12", day=2)
    page = signed_in_page
    page.goto(f"{live_server.url}/vehicles/{vehicle.pk}/fuel/")
    rows = page.locator("#fuel-rows tbody tr")
    expect(rows.nth(0)).to_contain_text("25.0")

    page.locator(f"#fuel-{middle.pk}").get_by_role("link", name="Edit").click()
    page.get_by_label("Full tank").uncheck()
    page.get_by_role("button", name="Save", exact=True).click()
    # The middle one is partial now: 600 mi on 22 gal for the last one.
    expect(rows.nth(0)).to_contain_text("27.3")
    expect(rows.nth(1)).to_contain_text("partial")
    assert page.url == f"{live_server.url}/vehicles/{vehicle.pk}/fuel/"

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#fuel-{middle.pk}").get_by_role("link", name="Delete").click()
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("50.0")  # 600 mi on the last 12 gal
    assert FuelLog.objects.for_user(vehicle.owner).count() == 2

    page.get_by_role("button", name="Undo").click()  # in place: the row and its economy come back
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("27.3")
    expect(page.get_by_role("button", name="Undo")).to_have_count(0)
    assert FuelLog.objects.for_user(vehicle.owner).count() == 3
    assert console_errors == []


def test_analytics_draws_its_charts(signed_in_page, live_server, vehicle, fill, console_errors):
    for day, (miles, gallons) in enumerate([(10_000, "10"), (10_300, "10"), (10_650, "11"), (10_900, "9")]):
        us(fill, vehicle, miles, gallons, day=day * 20)
    page = signed_in_page
    page.goto(f"{live_server.url}/vehicles/{vehicle.pk}/fuel/analytics/")
    expect(page.locator("section[data-charts]")).to_have_attribute("data-drawn", "true")  # fetched, drawn
    for chart in ("economy-mpg_us", "cost", "price-gal"):
        expect(page.locator(f"#{chart}-chart")).to_be_visible()
        drawn = page.evaluate(
            """(id) => {
                const canvas = document.getElementById(id);
                const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
                return painted;
            }""",
            f"{chart}-chart",
        )
        assert drawn > 500, f"the {chart} chart is blank"
    points = page.evaluate("Chart.getChart('economy-mpg_us-chart').data.datasets[0].data.filter(v => v !== null)")
    assert points == [30.0, 31.82, 27.78]  # 300/10, 350/11, 250/9
    axes = page.evaluate(
        "['economy-mpg_us', 'cost', 'price-gal'].map(id => Chart.getChart(id + '-chart').options.scales)"
        ".map(scales => [scales.x.title.text, scales.y.title.text])"
    )
    assert axes == [["Day", "MPG (US)"], ["Month", "Cost ($)"], ["Day", "$ per gal"]]
    assert page.locator("figcaption").all_inner_texts() == [
        "Economy in MPG (US) (higher is better)",
        "Fuel cost per month",
        "Price per gal",
    ]
    assert console_errors == []


def test_garage_charts_one_unit_each_on_a_phone(signed_in_page, live_server, vehicle, phev, fill, console_errors):
    """A car in MPG and a plug-in hybrid in L/100 km and kWh/100 km: three economy charts, none
    mixing units, each legend naming the vehicle and the energy, nothing wider than the phone."""
    for day, (miles, gallons) in enumerate([(10_000, "10"), (10_300, "10")]):
        us(fill, vehicle, miles, gallons, day=day * 20)
    fill(phev, 0, 30, day=0, told=0)
    fill(phev, 0, 8, energy="electricity", day=1, told=0)
    fill(phev, 400, 50, energy="electricity", day=20, told=300)
    fill(phev, 400, 5, day=21, told=0)
    page = signed_in_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/fuel/analytics/")
    expect(page.locator("section[data-charts]")).to_have_attribute("data-drawn", "true")
    legends = page.evaluate(
        "[...document.querySelectorAll('canvas[data-chart^=economy]')]"
        ".map(canvas => [canvas.dataset.chart, Chart.getChart(canvas).data.datasets.map(d => d.label)])"
    )
    assert legends == [
        ["economy-mpg_us", ["Civic · Petrol"]],
        ["economy-l_100km", ["2022 Toyota Prius Prime · Petrol"]],
        ["economy-kwh_100km", ["2022 Toyota Prius Prime · Electricity"]],
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert console_errors == []


def test_quick_entry_follows_the_energy_chosen_on_a_phone(signed_in_page, live_server, phev, fill, console_errors):
    fill(phev, 100, 30, price="1.899")
    fill(phev, 150, 8, energy="electricity", price="0.31")
    fill(phev, 200, 20, price="1.959")
    page = signed_in_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/fuel/add/")
    expect(page.get_by_label("Price per L")).to_have_value("1.959")
    page.get_by_label("Odometer (km)").fill("260")
    page.evaluate(
        "() => { window.settled = new Promise(done => document.body.addEventListener('htmx:afterSettle', done)); }"
    )
    page.get_by_label("Energy").select_option("electricity")
    page.wait_for_function("window.settled.then(() => true)", timeout=5000)
    expect(page.get_by_label("Price per kWh")).to_have_value("0.31")
    expect(page.get_by_label("Odometer (km)")).to_have_value("260")  # what was typed is kept
    expect(page.get_by_label("Charged to full")).to_be_checked()
    page.get_by_label("Quantity (kWh)").fill("9")
    # The keyboard open: the page is resized to the 480 px it leaves, and Save is in view above it.
    page.set_viewport_size({"width": PHONE["width"], "height": 480})
    page.get_by_label("Quantity (kWh)").focus()
    save = page.get_by_role("button", name="Save fill-up").bounding_box()
    assert save["y"] >= 0 and save["y"] + save["height"] <= 480
    page.get_by_role("button", name="Save fill-up").click()
    page.wait_for_url(f"{live_server.url}/vehicles/{phev.pk}/fuel/")
    charge = FuelLog.objects.filter(vehicle=phev).order_by("-filled_at").first()
    assert (charge.energy, charge.quantity, charge.total_cost) == ("electricity", Decimal("9.0000"), Decimal("2.79"))
    assert console_errors == []


def test_the_list_names_each_station_on_a_phone_without_scrolling_sideways(
    signed_in_page, live_server, owner, vehicle, fill, console_errors
):
    from stations.models import Station

    far = Station.objects.create(owner=owner, name="Autohof Raststätte Frankenhöhe Süd an der A6", brand="Aral")
    for day in range(3):
        log = us(fill, vehicle, 10_000 + 300 * day, "10", day=day)
        log.station = far
        log.save()
    page = signed_in_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/vehicles/{vehicle.pk}/fuel/")
    expect(page.locator("#fuel-rows tbody tr").first.locator(".station-name")).to_have_text(str(far))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert console_errors == []
