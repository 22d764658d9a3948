"""The home page and a vehicle's cost of ownership in a real Chromium: the charts are drawn at
1280 px and at 375 px, nothing scrolls sideways, the console stays clean."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": 375, "desktop": 1280}


def charts_drawn(page, names: list[str]) -> None:
    expect(page.locator("section[data-charts]")).to_have_attribute("data-drawn", "true")
    for name in names:
        size = page.evaluate(f"(() => {{ const c = document.querySelector('canvas[data-chart={name}]'); "
                             f"return window.Chart.getChart(c) ? c.width * c.height : 0; }})()")  # fmt: skip
        assert size > 0, name


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_dashboard_draws_its_charts(signed_in_page, live_server, garage, width, console_errors):
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="What each vehicle costs")).to_be_visible()
    charts_drawn(page, ["spend", "categories"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_label("Count the value lost").uncheck()
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".costs-table")).to_contain_text("$310.00")  # the sold car's running costs alone

    page.goto(f"{live_server.url}/vehicles/{garage['sold'].pk}/ownership/")
    expect(page.locator("[data-figure=total]")).to_have_text("$6,310.00")
    charts_drawn(page, ["spend", "distance"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert console_errors == []


def test_a_new_user_sees_what_to_do_first(signed_in_page, live_server, console_errors):
    page = signed_in_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("button", name="Add your first vehicle")).to_be_visible()
    assert page.locator("canvas").count() == 0
    assert console_errors == []
