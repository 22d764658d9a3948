"""The browse page in a real Chromium: each choice loads the next picker's options over HTMX."""

from playwright.sync_api import expect


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
