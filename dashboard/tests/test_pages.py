"""The home page, a vehicle's cost of ownership and its year report, as their owner reads them."""

import datetime
import io

import pytest
import time_machine
from pypdf import PdfReader

from dashboard.tests.conftest import car

pytestmark = pytest.mark.django_db

NOON_TODAY = datetime.datetime(2026, 6, 30, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON_TODAY, tick=False):
        yield


def test_a_new_user_is_told_to_add_a_vehicle(owner_client):
    page = owner_client.get("/").content.decode()
    assert "Add your first vehicle" in page and "data-charts" not in page


def test_with_a_vehicle_and_nothing_to_count_the_next_step_is_a_fill_up(owner_client, owner):
    vehicle = car(owner, "Fresh")
    page = owner_client.get("/").content.decode()
    assert "Next: log a fill-up" in page and f"/vehicles/{vehicle.pk}/costs/add/" in page
    assert "data-charts" not in page


def test_the_home_page_shows_each_vehicles_cost(owner_client, garage):
    page = owner_client.get("/").content.decode()
    assert "What each vehicle costs" in page and "data-charts" in page
    assert "$6,310.00" in page and "$262.74" in page and "$0.316" in page  # the sold car, value lost counted
    assert "$1,854.77" in page and "$86.60" in page
    assert "How these figures are worked out" in page
    assert "What is due next" in page and "Where fuel is cheapest" in page


def test_the_toggles_and_the_period(owner_client, garage):
    running_only = owner_client.get("/", {"shown": "1"}).content.decode()
    assert "$310.00" in running_only and "$6,310.00" not in running_only
    with_price = owner_client.get("/", {"shown": "1", "purchase": "on"}).content.decode()
    assert "$20,310.00" in with_price
    quarter = owner_client.get("/", {"start": "2026-04-01", "end": "2026-06-30"}).content.decode()
    assert "$377.29" in quarter  # no_fuel: 150.00 of insurance + 227.29 of value lost
    bad = owner_client.get("/", {"start": "2026-06-01", "end": "2026-01-01"})
    assert bad.status_code == 200 and "The end comes before the start." in bad.content.decode()


def test_the_charts(owner_client, garage):
    response = owner_client.get("/costs/charts.json")
    charts = response.json()
    assert (
        charts["spend"]["stacked"] and charts["spend"]["labels"][0] == "Mar 2024"
    )  # the user's date format, without the day
    assert {dataset["label"] for dataset in charts["spend"]["datasets"]} == {"Fuel", "Other costs"}
    assert charts["categories"]["labels"] == ["Fuel", "Other costs", "Value lost"]
    assert charts["categories"]["datasets"][0]["data"] == [246.6, 550.0, 10454.77]
    again = owner_client.get("/costs/charts.json", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_vehicles_cost_of_ownership(owner_client, garage):
    sold = garage["sold"]
    page = owner_client.get(f"/vehicles/{sold.pk}/ownership/").content.decode()
    assert 'data-figure="total">$6,310.00' in page and 'data-figure="per-month">$262.74' in page
    assert "bought for $20,000.00, sold for $14,000.00" in page
    assert f"/vehicles/{sold.pk}/report/2025/" in page and f"/vehicles/{sold.pk}/report/2024.pdf" in page
    charts = owner_client.get(f"/vehicles/{sold.pk}/ownership/charts.json").json()
    assert charts["distance"]["datasets"][0]["data"][0] == 500.0
    phev = owner_client.get(f"/vehicles/{garage['phev'].pk}/ownership/").content.decode()
    assert "unknown:" in phev


def test_the_year_report_page_csv_and_pdf(owner_client, garage):
    sold = garage["sold"]
    page = owner_client.get(f"/vehicles/{sold.pk}/report/2025/").content.decode()
    assert "costs of 2025" in page and "dashboard/print" in page and "$3,000.00" in page
    rows = b"".join(owner_client.get(f"/vehicles/{sold.pk}/report/2025.csv").streaming_content).decode().splitlines()
    assert rows[0] == "Month,Fuel,Other costs,Maintenance,Insurance,Value lost,Total,Distance (km)"
    # June: value on 31 May (20,000 − 6,000 × 516 ÷ 730 = 15,758.90) − on 30 Jun (… × 546 ÷ 730 = 15,512.33)
    assert rows[6] == "2025-06,100.00,0.00,0.00,0.00,246.57,346.57,19500"
    assert rows[-1] == "2025,100.00,0.00,0.00,0.00,3000.00,3100.00,19500"
    pdf = owner_client.get(f"/vehicles/{sold.pk}/report/2025.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Sold · costs of 2025" in text and "$3,100.00" in text
    assert owner_client.get(f"/vehicles/{sold.pk}/report/2026/").status_code == 404  # sold in 2025


def test_another_users_vehicle_is_a_404(other_client, garage):
    sold = garage["sold"]
    for url in (f"/vehicles/{sold.pk}/ownership/", f"/vehicles/{sold.pk}/report/2025.pdf"):
        assert other_client.get(url).status_code == 404
