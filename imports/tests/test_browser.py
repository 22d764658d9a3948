"""An import in a real headless Chromium, on a phone: the preview says what is wrong and stores
nothing; answered and fixed, one click imports it all."""

import pytest
from playwright.sync_api import expect

from fuel_logs.models import FuelLog

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
HEADER = "Date,Odometer,FuelConsumed,Cost,FuelEconomy,IsFillToFull,MissedFuelUp,Notes,Tags\n"
ROWS = ["1/3/2024,30000,12.5,$43.75,0,True,False,,", "2/4/2024,30350,11.7,$40.95,0,True,False,,"]


def upload(page, tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_role("button", name="Preview").click()


def answer_day_first(page) -> None:
    expect(page.get_by_role("status")).to_contain_text("choose the date order")
    page.get_by_label("Dates in this file are written").select_option("dmy")
    page.get_by_role("button", name="Check again").click()


def test_a_bad_file_stores_nothing_then_the_fixed_one_imports_whole(
    signed_in_page, live_server, vehicle, tmp_path, console_errors
):
    page = signed_in_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/vehicles/{vehicle.pk}/fuel/")
    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import your history")).to_be_visible()

    going_down = "3/5/2024,29000,10,$36.00,0,True,False,,"  # lower than the day before
    upload(page, tmp_path, "lubelogger.csv", HEADER + "\n".join([*ROWS, going_down]) + "\n")
    answer_day_first(page)
    expect(page.get_by_role("alert")).to_contain_text("Line 4: Odometer “29000”: lower than 30350 mi on line 3")
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert not FuelLog.objects.exists()

    page.get_by_role("link", name="Another file").click()
    upload(page, tmp_path, "lubelogger-fixed.csv", HEADER + "\n".join(ROWS) + "\n")
    answer_day_first(page)
    expect(page.locator(".import-vehicles")).to_contain_text("2 fill-ups")
    page.get_by_role("button", name="Import 2 fill-ups").click()
    expect(page.get_by_role("status").first).to_contain_text("Imported 2 fill-ups.")
    assert sorted(FuelLog.objects.filter(vehicle=vehicle).values_list("filled_at__month", flat=True)) == [3, 4]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert console_errors == []


def test_a_backup_with_services_and_costs_previews_and_imports_on_a_phone(
    signed_in_page, live_server, tmp_path, console_errors
):
    from pathlib import Path

    from costs.models import OtherCost
    from maintenance.models import ServiceRecord

    page = signed_in_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("File").set_input_files(str(Path(__file__).parent / "samples" / "fuelio-backup.csv"))
    page.get_by_role("button", name="Preview").click()

    expect(page.locator(".import-vehicles")).to_contain_text("4 fill-ups, 3 services, 3 other costs")
    expect(page.get_by_text("Not imported: 1 income(s) in Fuelio’s costs")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert not ServiceRecord.objects.exists()
    page.get_by_role("button", name="Import 10 records").click()
    expect(page.get_by_role("status").first).to_contain_text("Imported 10 records.")
    assert (ServiceRecord.objects.count(), OtherCost.objects.count()) == (3, 3)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert console_errors == []
