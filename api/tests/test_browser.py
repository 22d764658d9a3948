"""The API page and the interactive docs in a real Chromium: tokens made and shown once, a webhook
added and tested, at phone and desktop widths, with no console or CSP error."""

import pytest
from playwright.sync_api import expect

from api.models import AccessToken, Delivery


@pytest.mark.parametrize("width", [375, 1280])
def test_a_token_and_a_webhook_are_set_up_on_the_api_page(signed_in_page, live_server, console_errors, width):
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("link", name="API access").click()
    page.get_by_label("Token name").fill("Home Assistant")
    page.locator("#id_scope").select_option("write")
    page.get_by_role("button", name="Make token").click()
    secret = page.get_by_label("New token").input_value()
    assert secret.startswith("mvp_") and AccessToken.objects.get().scope == "write"
    expect(page.locator("#token-list")).to_contain_text("Home Assistant")
    page.get_by_label("Receiver URL").fill("https://example.com/a/very/long/path/for/the/motovault/webhook/receiver")
    page.get_by_role("button", name="Add webhook").click()
    page.get_by_role("button", name="Send a test event").click()
    expect(page.locator("#delivery-log")).to_contain_text("ping")
    assert Delivery.objects.get().event == "ping"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Revoke").click()
    expect(page.locator("#token-list")).to_contain_text("Revoked")
    assert secret not in page.content()
    assert console_errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_the_interactive_docs_load_from_our_own_files_under_the_strict_csp(page, live_server, console_errors, width):
    page.set_viewport_size({"width": width, "height": 800})
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.get_by_text("MotoVault API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/fill-ups").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requested), requested
    assert console_errors == []
