"""The garage in a real browser: add with the pickers and with a VIN, edit, delete, undo, trash."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from motovault.tests.browser import htmx_done
from vehicles.models import OdometerReading, Vehicle

from .conftest import CIVIC_VIN


@pytest.fixture
def garage(signed_in_page, live_server, catalog):
    signed_in_page.goto(f"{live_server.url}/vehicles/")
    return signed_in_page


def test_add_a_vehicle_with_the_catalog_pickers(garage, catalog):
    page = garage
    page.get_by_role("button", name="Add your first vehicle").click()
    page.locator("#id_year").fill("2012")
    page.locator("#id_year").press("Tab")
    # Each choice re-renders the picker; the next one waits for it, as a person does.
    htmx_done(page)
    page.locator("#id_catalog_make").select_option(label="Honda")
    htmx_done(page)
    page.locator("#id_catalog_model").select_option(label="Civic")
    htmx_done(page)
    page.locator("#id_configuration").select_option(label=catalog["civic_manual"].label)
    page.get_by_label("Nickname").fill("Blue Civic")
    page.get_by_role("button", name="Save vehicle").click()
    expect(page.get_by_role("heading", name="Blue Civic")).to_be_visible()
    expect(page.get_by_text("Manual 5-spd")).to_be_visible()
    assert Vehicle.objects.get().configuration == catalog["civic_manual"]


def test_add_a_vehicle_from_its_vin(garage, catalog):
    page = garage
    page.goto(page.url.replace("/vehicles/", "/vehicles/add/"))
    page.get_by_role("textbox", name="VIN").fill(CIVIC_VIN)
    page.get_by_role("button", name="Fill in from the VIN").click()
    expect(page.locator("#id_catalog_make")).to_have_value(str(catalog["honda"].pk))
    expect(page.locator("#id_year")).to_have_value("2012")
    page.locator("#id_catalog_model").select_option(label="Civic")
    page.get_by_role("button", name="Save vehicle").click()
    expect(page.get_by_role("heading", name="2012 Honda Civic")).to_be_visible()
    assert Vehicle.objects.get().vin == CIVIC_VIN


def test_edit_delete_undo_and_restore_from_the_trash(garage, vehicle, live_server):
    page = garage
    page.reload()
    page.get_by_role("link", name="Civic").first.click()
    page.get_by_role("button", name="Edit").click()
    page.get_by_label("Colour").fill("Blue")
    page.get_by_role("button", name="Save vehicle").click()
    expect(page.get_by_text("Blue", exact=True)).to_be_visible()

    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text(re.compile("Moved .*Civic.* to the trash"))).to_be_visible()
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("heading", name="Civic")).to_be_visible()

    page.get_by_role("button", name="Delete").click()
    page.get_by_role("link", name="Trash").click()
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_text("Restored Civic")).to_be_visible()
    vehicle.refresh_from_db()
    assert vehicle.deleted_at is None and vehicle.colour == "Blue"


def test_an_odometer_reading_is_added_in_place(garage, vehicle):
    page = garage
    page.goto(page.url + f"{vehicle.pk}/")
    page.get_by_label("Date").fill("2024-03-01")
    page.get_by_label("Odometer (mi)").fill("12000")
    page.get_by_role("button", name="Add reading").click()
    expect(page.locator("#overview-section td.num").first).to_have_text("12,000 mi")
    page.get_by_label("Date").fill("2024-04-01")
    page.get_by_label("Odometer (mi)").fill("11000")
    page.get_by_role("button", name="Add reading").click()
    expect(page.get_by_text("Lower than an earlier reading")).to_be_visible()
    page.get_by_role("button", name="Delete the reading of").click()
    expect(page.get_by_text("No plain readings yet")).to_be_visible()
    assert not OdometerReading.objects.filter(vehicle=vehicle, deleted_at__isnull=True).exists()


def test_a_reading_is_deleted_without_javascript_too(browser, live_server, owner, vehicle):
    """The rows' Delete buttons post the page's one CSRF-carrying form to their own address."""
    OdometerReading.objects.create(owner=owner, vehicle=vehicle, date=datetime.date(2024, 3, 1), odometer_km=19312)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("alice-password-1")
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/vehicles/{vehicle.pk}/")
    expect(page.locator("#overview-section td.num")).to_have_text("12,000 mi")
    page.get_by_role("button", name="Delete the reading of").click()
    page.wait_for_url(f"{live_server.url}/vehicles/{vehicle.pk}/")
    expect(page.get_by_text("No plain readings yet")).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_an_uploaded_photo_shows_as_a_thumbnail_on_the_garage(
    garage, vehicle, settings, tmp_path, console_errors, width
):
    from .test_photos import image_file

    settings.MEDIA_ROOT = tmp_path
    page = garage
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.url.replace("/vehicles/", f"/vehicles/{vehicle.pk}/edit/"))
    photo = image_file(3000, 2000)
    page.locator("#id_photo").set_input_files({"name": "car.png", "mimeType": "image/png", "buffer": photo.read()})
    page.get_by_role("button", name="Save vehicle").click()
    base = page.url.split("/vehicles/")[0]
    page.wait_for_url(f"{base}/vehicles/{vehicle.pk}/")  # saved
    page.goto(f"{base}/vehicles/")
    card = page.get_by_role("img", name=f"Photo of {vehicle}")
    expect(card).to_have_attribute("src", f"/vehicles/{vehicle.pk}/photo/thumbnail/")
    expect(card).to_be_visible()
    card.evaluate("image => image.decode()")  # loaded (it is lazy) and decoded
    assert card.evaluate("image => image.naturalWidth") == 480
    assert console_errors == []
