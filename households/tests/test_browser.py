"""Sharing in a real browser, on a phone and on a desktop: the vehicle page's Sharing tab, sharing
with an account, the member's row with its role and Remove; nothing scrolls sideways, no console
error."""

import pytest
from playwright.sync_api import expect

from vehicles.models import Membership

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_share_a_vehicle_from_its_sharing_tab(signed_in_page, live_server, vehicle, other_user, width, console_errors):
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/vehicles/{vehicle.pk}/")
    page.get_by_role("link", name="Sharing").click()
    expect(page.get_by_role("heading", name="Share with an account")).to_be_visible()
    page.locator("#share_account").fill("charlie@example.com")
    page.locator("#share_role").select_option(label="driver")
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_text("Shared with charlie as driver.")).to_be_visible()
    expect(page.get_by_role("cell", name="charlie")).to_be_visible()
    assert Membership.objects.get(vehicle=vehicle).user == other_user
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert console_errors == []
