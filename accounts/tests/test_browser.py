"""The account page in a real Chromium, at phone and desktop widths, and deletion's refusal."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect


@pytest.mark.parametrize("width", [375, 1280])
def test_the_account_page_works_at_both_widths_without_console_errors(
    signed_in_page, live_server, console_errors, width
):
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/account/")
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    expect(page.locator("#export-button")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert console_errors == []


def test_a_wrong_confirmation_is_said_beside_the_field_and_deletes_nothing(signed_in_page, live_server, owner):
    page = signed_in_page
    page.goto(f"{live_server.url}/account/")
    page.get_by_label("Type “delete my account” to confirm").fill("delete it")
    page.locator("#delete-account").click()
    expect(page.locator(".field-error")).to_contain_text("Type “delete my account” exactly")
    assert get_user_model().objects.filter(pk=owner.pk).exists()


def test_the_account_is_deleted_after_the_typed_confirmation(signed_in_page, live_server, owner):
    page = signed_in_page
    page.goto(f"{live_server.url}/account/")
    page.get_by_label("Type “delete my account” to confirm").fill("delete my account")
    page.locator("#delete-account").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("status")).to_contain_text("Your account and everything in it have been deleted.")
    assert not get_user_model().objects.filter(pk=owner.pk).exists()
