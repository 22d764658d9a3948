"""The foundation in a real headless Chromium: sign-in round trips and the page shell."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect


def test_oidc_round_trip_in_the_browser(page, live_server, oidc_provider, console_errors):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Sign in with Test provider").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".wide-only summary")).to_have_text("Alice")
    user = get_user_model().objects.get()
    assert user.oidc_subject == "auth0|alice"

    page.locator(".wide-only summary").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("navigation").get_by_role("button", name="Sign in")).to_be_visible()
    assert len(oidc_provider.logouts) == 1
    assert console_errors == []


def test_a_refused_sign_in_shows_a_clear_page_in_the_browser(page, live_server, oidc_provider):
    oidc_provider.tamper = "other_key"
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Sign in with Test provider").click()
    expect(page.get_by_role("heading", name="Sign-in failed")).to_be_visible()
    assert not get_user_model().objects.exists()


def test_password_sign_in_and_the_shell_without_csp_violations(signed_in_page, console_errors):
    page = signed_in_page
    expect(page.locator(".wide-only summary")).to_have_text("alice")
    assert page.evaluate("typeof window.htmx") == "object"
    assert console_errors == []


def test_the_shell_fits_a_phone(signed_in_page):
    page = signed_in_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(page.get_by_role("link", name="MotoVault")).to_be_visible()
