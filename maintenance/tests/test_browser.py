"""Maintenance in a real headless Chromium on a phone: log a service with two lines from the
vehicle page's tab, add a reminder, and see what is due."""

import datetime

import pytest
from playwright.sync_api import expect

from maintenance.models import ServiceRecord

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_a_service_and_a_reminder_on_a_phone(signed_in_page, live_server, vehicle, reading, console_errors):
    reading(vehicle, datetime.date(2026, 1, 1), 16_093)  # 10,000 mi
    page = signed_in_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/vehicles/{vehicle.pk}/")
    page.get_by_role("link", name="Maintenance").click()  # the tab, loaded in place
    expect(page.locator("#maintenance-section")).to_contain_text("No services logged yet")
    page.get_by_role("button", name="Log service").click()

    page.get_by_label("Date").fill("2026-02-01")
    page.get_by_label("Odometer (mi)").fill("9000")
    page.locator("#id_items-0-service_type").fill("Oil and filter")
    page.locator("#id_items-0-parts_cost").fill("45")
    page.locator("#id_items-1-service_type").fill("Brakes")
    page.locator("#id_items-1-labour_cost").fill("80")
    page.get_by_role("button", name="Save service").click()
    expect(page.locator(".service-form")).to_contain_text("Lower than an earlier reading: 10,000 mi")
    expect(page.locator("#id_items-1-labour_cost")).to_have_value("80")  # what was typed is kept

    page.get_by_label("Odometer (mi)").fill("10200")
    page.get_by_role("button", name="Save service").click()
    page.wait_for_url(f"{live_server.url}/vehicles/{vehicle.pk}/services/")
    expect(page.locator(".service-table")).to_contain_text("Oil and filter, Brakes")
    assert ServiceRecord.objects.get().total_cost == 125

    page.get_by_role("button", name="Add reminder").click()
    page.get_by_label("Title").fill("Inspection")
    page.get_by_label("Due on").fill((datetime.date.today() + datetime.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Save reminder").click()
    expect(page.locator(".due-list")).to_contain_text("Due very soon")
    page.goto(f"{live_server.url}/due/")
    expect(page.locator(".due-list")).to_contain_text("Inspection · Civic")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert console_errors == []
