"""Every page a browser can open, walked from the URLconf so a new page cannot skip it, in a real
Chromium on a phone (375 px) and on a desktop (1280 px): nothing scrolls sideways, and the console
stays clean (no script error, no CSP violation)."""

import pytest

from motovault.tests.test_url_sweep import ALL, url_for

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": 375, "desktop": 1280}
# Pages that are not HTML a person reads (downloads, JSON, images, redirects) or that end the session.
NOT_PAGES = ("accounts/logout/", "oidc/", "admin/", "api/", "health", "invitation/")
NOT_PAGE_SUFFIXES = (
    *(".csv", ".pdf", ".json", "photo/", "export/", "restore/", "purge/", "delete/", "odometer/"),
    *("revoke/", "remove/", "send-test/"),
    *("file/", "download/", "thumbnail/"),  # a document's stored file and its preview
)


def pages() -> list[tuple[str, object]]:
    return [
        (route, view)
        for route, view in ALL
        if not route.startswith(NOT_PAGES)
        and not route.endswith(NOT_PAGE_SUFFIXES)
        and "<str:" not in route
        and "get" in getattr(getattr(view, "view_class", None), "http_method_names", ["get"])  # POST-only: no page
    ]


def test_the_walk_covers_the_main_pages():
    routes = {route for route, _ in pages()}
    assert {
        "",
        "vehicles/",
        "vehicles/<int:pk>/",
        "vehicles/<int:vehicle_pk>/fuel/",
        "fuel/add/",
        "settings/",
    } <= routes


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_fits_the_screen_with_a_clean_console(signed_in_page, live_server, alices, width, console_errors):
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 800})
    overflowing, seen = [], 0
    for route, view in pages():
        url = live_server.url + url_for(route, view, alices)
        logged = len(console_errors)
        response = page.goto(url)
        fragment = "<!doctype html>" not in response.text().lower()[:100]  # an HTMX fragment on its own
        if response.status != 200 or "text/html" not in response.headers.get("content-type", "") or fragment:
            page.wait_for_load_state("networkidle")
            del console_errors[logged:]  # the browser's own lines about a 404, or a fragment's favicon
            continue
        seen += 1
        page.wait_for_load_state("networkidle")
        console_errors[logged:] = [f"{url}: {error}" for error in console_errors[logged:]]
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            overflowing.append(f"{url}: {scroll} px")
    assert seen >= 15
    assert overflowing == []
    assert console_errors == []
