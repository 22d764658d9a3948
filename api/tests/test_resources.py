"""The resources through the API: the same forms, services and messages as the pages, every
quantity with its unit, keyset pages, filters."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from fuel_logs.models import FuelLog
from vehicles.models import OdometerReading, Vehicle

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC)


def fill(api, vehicle, day: int, odometer: int, quantity: str = "10", **extra):
    body = {"filled_at": f"2026-06-{day:02d}T08:00:00Z", "odometer": odometer, "quantity": quantity, "price": "3.5"}
    return api.post(f"/api/v1/vehicles/{vehicle.pk}/fill-ups", {**body, **extra}, content_type="application/json")


@time_machine.travel(NOW, tick=False)
def test_a_fill_up_is_stored_through_the_form_with_its_economy(api, vehicle):
    """Miles and US gallons: 300 mi on 10 gal is 30 mpg, computed by the service's chain."""
    assert fill(api, vehicle, 1, 10_000).status_code == 201
    response = fill(api, vehicle, 8, 10_300)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["odometer"] == {"value": "10300.0", "unit": "mi"}
    assert body["quantity"] == {"value": "10.000", "unit": "gal"}
    assert body["price"] == {"amount": "3.500", "currency": "USD"}
    assert body["total_cost"] == {"amount": "35.00", "currency": "USD"}
    assert body["economy"] == {"value": "30.00", "unit": "MPG (US)"}
    stored = FuelLog.objects.get(pk=body["id"])
    assert stored.owner == vehicle.owner and stored.segment_distance_km is not None


@time_machine.travel(NOW, tick=False)
def test_a_write_that_breaks_the_odometer_rules_is_a_422_with_the_pages_message(api, vehicle):
    fill(api, vehicle, 8, 10_300)
    response = fill(api, vehicle, 10, 10_000)
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", "odometer"]
    assert problem["msg"] == "Lower than an earlier reading: 10,300 mi on 08 Jun 2026 (fill-up)."
    assert FuelLog.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_unknown_fields_and_wrong_types_are_422_and_nothing_is_stored(api, vehicle):
    assert fill(api, vehicle, 1, 100, colour="red").status_code == 422
    assert fill(api, vehicle, 1, "lots").status_code == 422
    assert fill(api, vehicle, 1, 100, quantity=None, price=None).status_code == 422
    assert not FuelLog.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_lists_page_by_keyset_and_filter_by_vehicle_and_dates(api, vehicle, owner):
    other = Vehicle.objects.create(owner=owner, year=2020, make="Kia", model="Ceed")
    for day in range(1, 8):
        assert fill(api, vehicle, day, 1000 + day * 100).status_code == 201
    fill(api, other, 3, 50)
    seen, cursor = [], ""
    while True:
        page = api.get(f"/api/v1/fill-ups?vehicle={vehicle.pk}&limit=3{cursor}").json()
        seen += [item["filled_at"][:10] for item in page["items"]]
        if not page["next"]:
            break
        cursor = f"&cursor={page['next']}"
    assert seen == [f"2026-06-{day:02d}" for day in range(7, 0, -1)]
    ranged = api.get("/api/v1/fill-ups?since=2026-06-03&until=2026-06-04").json()["items"]
    assert sorted((item["vehicle"], item["filled_at"][:10]) for item in ranged) == [
        (vehicle.pk, "2026-06-03"), (vehicle.pk, "2026-06-04"), (other.pk, "2026-06-03"),
    ]  # fmt: skip
    assert api.get("/api/v1/fill-ups?cursor=nonsense").status_code == 422
    assert api.get("/api/v1/fill-ups?limit=100000").status_code == 422


@time_machine.travel(NOW, tick=False)
def test_a_fill_up_is_edited_and_trashed_through_the_services(api, vehicle):
    fill(api, vehicle, 1, 10_000)
    log_id = fill(api, vehicle, 8, 10_300).json()["id"]
    edited = api.put(
        f"/api/v1/fill-ups/{log_id}",
        {"filled_at": "2026-06-08T08:00:00Z", "odometer": 10_250, "quantity": "10", "price": "3.5"},
        content_type="application/json",
    )
    assert edited.status_code == 200 and edited.json()["economy"] == {"value": "25.00", "unit": "MPG (US)"}
    assert api.delete(f"/api/v1/fill-ups/{log_id}").status_code == 204
    assert api.get(f"/api/v1/fill-ups/{log_id}").status_code == 404
    assert FuelLog.objects.filter(pk=log_id, deleted_at__isnull=False).exists()


@time_machine.travel(NOW, tick=False)
def test_readings_keep_the_odometer_rules(api, vehicle):
    url = f"/api/v1/vehicles/{vehicle.pk}/odometer-readings"
    first = api.post(url, {"date": "2026-06-01", "odometer": 500}, content_type="application/json")
    assert first.status_code == 201 and first.json()["odometer"] == {"value": "500.0", "unit": "mi"}
    lower = api.post(url, {"date": "2026-06-05", "odometer": 400}, content_type="application/json")
    assert lower.status_code == 422
    assert (
        lower.json()["detail"][0]["msg"] == "Lower than an earlier reading: 500 mi on 01 Jun 2026 (odometer reading)."
    )
    future = api.post(url, {"date": "2026-07-01", "odometer": 900}, content_type="application/json")
    assert future.json()["detail"][0]["msg"] == "This date is in the future."
    assert OdometerReading.objects.count() == 1


def test_vehicles_are_created_edited_and_trashed_with_their_units(api, owner):
    body = {"year": 2019, "make": "Mazda", "model": "3", "distance_unit": "km", "volume_unit": "l",
            "economy_unit": "l_100km", "tank_capacity": "51", "purchase_odometer": "12000"}  # fmt: skip
    created = api.post("/api/v1/vehicles", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    vehicle = created.json()
    assert vehicle["tank_capacity"] == {"value": "51.0", "unit": "L"}
    assert vehicle["current_odometer"] == {"value": "12000.0", "unit": "km"}
    stored = Vehicle.objects.get(pk=vehicle["id"])
    assert stored.owner == owner and stored.purchase_odometer_km == Decimal("12000.000")
    bad = api.put(f"/api/v1/vehicles/{stored.pk}", {**body, "year": 1700}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "year"]
    assert api.delete(f"/api/v1/vehicles/{stored.pk}").status_code == 204
    assert api.get(f"/api/v1/vehicles/{stored.pk}").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_fuel_figures_match_hand_computed_values(api, vehicle):
    """Two segments after the first full fill: 300 mi on 10 gal and 200 mi on 10 gal is 500 mi
    on 20 gal, 25 mpg on average, 30 at best; 3 fills at 35.00 are 105.00 spent; the complete
    segments' fuel (70.00) over their 500 mi is 0.14 a mile."""
    for day, odometer in ((1, 10_000), (8, 10_300), (15, 10_500)):
        fill(api, vehicle, day, odometer)
    figures = api.get(f"/api/v1/figures/fuel?vehicle={vehicle.pk}").json()
    assert figures["fills"] == 3 and figures["spend"] == {"amount": "105.00", "currency": "USD"}
    [energy] = figures["vehicles"][0]["energies"]
    assert energy["average_economy"] == {"value": "25.00", "unit": "MPG (US)"}
    assert energy["best_economy"] == {"value": "30.00", "unit": "MPG (US)"}
    assert energy["average_price"] == {"amount": "3.500", "currency": "USD"}
    assert energy["cost_per_distance"] == {"amount": "0.140", "currency": "USD"}
    assert figures["vehicles"][0]["distance_unit"] == "mi" and energy["quantity_unit"] == "gal"
    assert api.get("/api/v1/figures/fuel?since=2026-06-10&until=2026-06-01").status_code == 422
