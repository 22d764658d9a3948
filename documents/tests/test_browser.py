"""In Chromium: several files uploaded at once, each with its progress bar and its outcome, then
downloaded back byte for byte; no console or CSP error."""

import hashlib

import pytest
from playwright.sync_api import expect

from documents.models import Document

from .conftest import EXECUTABLE, pdf, png

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_upload_several_files_and_download_the_same_bytes(signed_in_page, live_server, vehicle, console_errors, width):
    page = signed_in_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/documents/add/?vehicle={vehicle.pk}")
    content = pdf()
    page.locator("#id_files").set_input_files(
        [
            {"name": "Policy 2026.pdf", "mimeType": "application/pdf", "buffer": content},
            {"name": "card.png", "mimeType": "image/png", "buffer": png()},
            {"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": EXECUTABLE},
        ]
    )
    page.get_by_label("Type").select_option("insurance")
    page.get_by_label("Expiry date").fill("2030-01-31")
    page.get_by_role("button", name="Upload").click()
    rows = page.locator("[data-progress] li")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Stored: Policy 2026")
    expect(rows.nth(1)).to_contain_text("Stored: card")
    expect(rows.nth(2)).to_contain_text("“invoice.pdf” is not a file we keep")
    assert rows.nth(0).locator("progress").evaluate("bar => bar.value") == 100
    assert Document.objects.count() == 2
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width

    rows.nth(0).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Policy 2026")).to_be_visible()
    preview = page.get_by_role("img", name="Preview of Policy 2026")
    preview.evaluate("image => image.decode()")
    assert preview.evaluate("image => image.naturalHeight") == 480
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == "Policy 2026.pdf"
    assert hashlib.sha256(download.value.path().read_bytes()).hexdigest() == hashlib.sha256(content).hexdigest()
    assert console_errors == []


def test_a_receipt_attached_from_a_services_page_on_a_phone(signed_in_page, live_server, vehicle, console_errors):
    """The service page's Attach a receipt: the upload form comes with the service and its vehicle
    chosen, the browser's uploader sends it along, and the service page lists the receipt."""
    import datetime
    from decimal import Decimal

    from maintenance.models import ServiceRecord
    from maintenance.services import service_record_save

    day, km = datetime.date(2026, 3, 2), Decimal(5000)
    record = ServiceRecord(owner=vehicle.owner, vehicle=vehicle, date=day, odometer_km=km)
    record = service_record_save(record=record, items=[])
    page = signed_in_page
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/services/{record.pk}/edit/")
    page.get_by_role("link", name="Attach a receipt").click()
    page.locator("#id_files").set_input_files([{"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": pdf()}])
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("[data-progress] li").first).to_contain_text("Stored: invoice")
    assert Document.objects.get().service_record == record
    page.goto(f"{live_server.url}/services/{record.pk}/edit/")
    expect(
        page.locator("section[aria-labelledby=service-documents]").get_by_role("link", name="invoice")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert console_errors == []
