"""The browse page in a real Chromium: each choice loads the next picker's options over HTMX."""

import pytest
from playwright.sync_api import expect

from motovault.tests.browser import htmx_done
from platform_data import vpic
from platform_data.services import catalog_import
from vehicles.models import Vehicle


def test_the_pickers_cascade_and_show_the_epa_figures(signed_in_page, live_server, catalog):
    page = signed_in_page
    problems = []  # script errors, and anything the Content-Security-Policy refused
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: "Content Security Policy" in message.text and problems.append(message.text))
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Catalog").click()
    year, make, model, configuration = (
        page.locator(f"#picker-{name}") for name in ("year", "make", "model", "configuration")
    )
    details = page.locator("#picker-details")
    expect(make.locator("option")).to_have_text(["Choose a make"])

    year.select_option("2012")
    expect(make.locator("option")).to_have_text(["Choose a make", "Honda", "Nissan", "Toyota"])
    make.select_option(label="Honda")
    expect(model.locator("option")).to_have_text(["Choose a model", "Accord", "Civic"])
    model.select_option(label="Civic")
    expect(configuration.locator("option")).to_have_count(4)
    configuration.select_option(label="1.8 L 4 cyl, Manual 5-spd, Front-Wheel Drive, Regular")
    expect(details).to_contain_text("2012 Honda Civic")
    expect(details.locator(".mpg-figures")).to_contain_text("28 MPG city")
    expect(details.locator(".mpg-figures")).to_contain_text("36 MPG highway")

    # A new year starts the cascade again: what hung on the old one is cleared.
    year.select_option("2011")
    expect(make.locator("option")).to_have_text(["Choose a make", "Honda"])
    expect(model.locator("option")).to_have_text(["Choose a model"])
    expect(configuration.locator("option")).to_have_text(["Choose a configuration"])
    expect(details).to_contain_text("Choose a year, make, model and configuration")
    assert problems == []


def test_a_vin_fills_in_year_and_make(signed_in_page, live_server, catalog):
    page = signed_in_page
    page.goto(f"{live_server.url}/catalog/")
    page.get_by_text("Start from a VIN").click()
    page.get_by_label("Vehicle identification number").fill("1HGCV1F30CA000005")
    page.get_by_role("button", name="Read the VIN").click()
    expect(page.locator("#picker-year")).to_have_value("2012")
    expect(page.locator("#picker-make option:checked")).to_have_text("Honda")
    expect(page.locator("#picker-model option")).to_have_text(["Choose a model", "Accord", "Civic"])
    assert "1HGCV1F30CA000005" in page.url  # a query parameter: request logs keep paths only


@pytest.fixture
def catalog_to_next_year(db, epa_file):
    """The sample EPA rows and the whole shipped vPIC file (2016 to next year), through the import."""
    catalog_import(path=epa_file(), vpic_path=vpic.shipped_file())


def test_the_pickers_offer_2022_models_and_start_adding_one(signed_in_page, live_server, catalog_to_next_year):
    page = signed_in_page
    page.set_viewport_size({"width": 1280, "height": 900})
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(f"{live_server.url}/catalog/")
    year, make, model, configuration = (
        page.locator(f"#picker-{name}") for name in ("year", "make", "model", "configuration")
    )
    expect(year.locator("option", has_text="2022")).to_have_count(1)
    # Each choice waits for the lists below it to load, as a person does: a choice made while a list
    # is loading replaces (aborts) that request, which htmx reports on the console.
    year.select_option("2022")
    htmx_done(page)
    expect(make.locator("option", has_text="Honda")).to_have_count(1)
    assert make.locator("option").count() > 50
    make.select_option(label="Honda")
    htmx_done(page)
    expect(model.locator("option", has_text="Civic")).not_to_have_count(0)
    model.select_option(label="Civic")
    htmx_done(page)
    lx = "LX, 2.0 L 4 cyl, Continuously Variable Transmission (CVT), 4x2, Sedan/Saloon, Gasoline"
    expect(configuration.locator("option", has_text=lx)).to_have_count(1)
    configuration.select_option(label=lx)
    htmx_done(page)
    details = page.locator("#picker-details")
    expect(details).to_contain_text("2022 Honda Civic")
    expect(details).to_contain_text("NHTSA's data has no fuel-economy figures")

    page.get_by_role("button", name="Add this vehicle").click()
    expect(page.locator("#id_year")).to_have_value("2022")
    expect(page.locator("#id_catalog_make option:checked")).to_have_text("Honda")
    expect(page.locator("#id_catalog_model option:checked")).to_have_text("Civic")
    expect(page.locator("#id_configuration option:checked")).to_have_text(lx)
    page.get_by_role("button", name="Save vehicle").click()
    expect(page.get_by_role("heading", name="2022 Honda Civic")).to_be_visible()
    assert Vehicle.objects.get().configuration.label == lx
    assert problems == []


def test_a_vin_fills_the_vehicle_form_and_a_2022_year_has_catalog_makes_on_a_phone(
    signed_in_page, live_server, catalog_to_next_year, console_errors
):
    page = signed_in_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/vehicles/add/")
    page.get_by_role("textbox", name="VIN").fill("3CZRU5H35GM739695")  # a 2016 Honda HR-V LX
    page.get_by_role("button", name="Fill in from the VIN").click()
    expect(page.locator("#id_year")).to_have_value("2016")
    expect(page.locator("#id_catalog_model option:checked")).to_have_text("HR-V")
    expect(page.locator("#id_configuration option:checked")).to_contain_text("LX, 1.8 L 4 cyl")
    expect(page.locator("#id_fuel_type option:checked")).to_have_text("Petrol / gasoline")

    page.locator("#id_year").fill("2022")
    page.locator("#id_year").press("Tab")
    expect(page.locator("#id_catalog_make option").first).to_have_text("Choose a make…")
    expect(page.locator("#id_catalog_make option", has_text="Toyota")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert console_errors == []
