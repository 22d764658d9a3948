"""Bad input that once gave a 500 (found by a bad-input sweep): each now gets a clear answer and
changes nothing."""

import csv
import io

import pytest

from fuel_logs.models import FuelLog

from .test_edit import edit_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("end", ["9999-12-31", "9999-12-30"])
@pytest.mark.parametrize("start", ["", "0001-01-01"])
@pytest.mark.parametrize(
    "url",
    [
        "/fuel/analytics/",
        "/fuel/analytics/charts.json",
        "/vehicles/{pk}/fuel/analytics/",
        "/vehicles/{pk}/fuel/analytics/charts.json",
    ],
)
def test_a_period_at_the_edges_of_the_calendar_covers_everything(owner_client, vehicle, fill, url, start, end):
    fill(vehicle, 100, 30)
    response = owner_client.get(url.format(pk=vehicle.pk), {"start": start, "end": end})
    assert response.status_code == 200
    if url.endswith(".json"):
        assert response.json()["cost"]["labels"]  # the fill-up is in the period


def fill_up(**changes) -> dict:
    return {
        "filled_at": "2024-05-01T08:00",
        "odometer": "1000",
        "quantity": "10",
        "price": "3.5",
        "energy": "petrol",
        **changes,
    }


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("odometer", "999999999.999", "An odometer above 1,250,000 mi is not plausible."),
        ("quantity", "99999999.999", "A quantity above 500 gal is not plausible."),
        ("price", "99999999.999", "A price above 100,000 a gal is not plausible."),
    ],
)
def test_a_fill_up_too_large_for_its_column_is_refused_in_the_users_unit(owner_client, vehicle, field, value, message):
    response = owner_client.post(f"/vehicles/{vehicle.pk}/fuel/add/", fill_up(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not FuelLog.objects.exists()


@pytest.mark.parametrize(
    "total, field, message",
    [
        ("9999999999.99", "total_cost", "A total above 100,000,000 is not plausible."),
        ("999999", "price", "A price above 100,000 a gal is not plausible."),  # worked out: 999,999 / 0.001
    ],
)
def test_an_amount_too_large_is_refused_with_the_price_left_blank(owner_client, vehicle, total, field, message):
    data = fill_up(price="", quantity="0.001", total_cost=total)
    response = owner_client.post(f"/vehicles/{vehicle.pk}/fuel/add/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not FuelLog.objects.exists()


@pytest.mark.parametrize("value", ["sNaN", "NaN", "-NaN", "Infinity", "-Infinity", "1e309", "-0"])
@pytest.mark.parametrize("field", ["quantity", "odometer", "price", "total_cost"])
def test_a_number_that_is_not_a_number_is_refused_on_edit(owner_client, vehicle, fill, field, value):
    log = fill(vehicle, 100, 30)
    before = FuelLog.objects.values().get(pk=log.pk)
    response = owner_client.post(f"/fuel/{log.pk}/edit/", edit_data(log, **{field: value}))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors
        assert FuelLog.objects.values().get(pk=log.pk) == before


def test_a_cell_starting_with_a_tab_or_carriage_return_is_neutralised_too(owner_client, metric_car, fill):
    log = fill(metric_car, 1000, 10)
    log.notes = "\r=1+1"
    log.save()
    exported = b"".join(owner_client.get(f"/vehicles/{metric_car.pk}/fuel/export.csv").streaming_content).decode()
    assert list(csv.reader(io.StringIO(exported)))[1][11] == "'\r=1+1"
