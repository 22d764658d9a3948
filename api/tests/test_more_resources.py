"""Maintenance, documents, stations and other costs through the API: stored through the pages'
forms and services, refused with the pages' messages, every quantity with its unit and money
with its currency; the due list, the cheapest ranking and the cost of ownership as the pages
work them out (figures by hand in each test)."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from api import services as api_services
from api.models import Delivery, Webhook
from costs.models import OtherCost
from documents.models import Document
from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create
from maintenance.models import Reminder, ServiceRecord
from stations.models import Station

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC)


def post(api, url: str, body: dict):
    return api.post(url, body, content_type="application/json")


def problems(response) -> dict:
    assert response.status_code == 422, response.content
    return {tuple(problem["loc"]): problem["msg"] for problem in response.json()["detail"]}


SERVICE = {
    "date": "2026-06-01",
    "odometer": 12000,
    "shop": "Corner garage",
    "tax": "5",
    "items": [
        {"service_type": "Oil change", "description": "5W-30", "parts_cost": "40", "labour_cost": "25.50"},
        {"service_type": "air filter", "parts_cost": "12"},
    ],
}


@time_machine.travel(NOW, tick=False)
def test_a_service_record_is_stored_with_its_items_and_total(api, vehicle):
    """40 + 25.50 + 12 + 5 tax = 82.50; 12,000 mi shown as typed."""
    response = post(api, f"/api/v1/vehicles/{vehicle.pk}/service-records", SERVICE)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["odometer"] == {"value": "12000.0", "unit": "mi"}
    assert body["total_cost"] == {"amount": "82.50", "currency": "USD"}
    assert body["tax"] == {"amount": "5.00", "currency": "USD"}
    assert [item["service_type"] for item in body["items"]] == ["Oil change", "Air filter"]
    assert body["items"][0]["labour_cost"] == {"amount": "25.50", "currency": "USD"}
    record = ServiceRecord.objects.get(pk=body["id"])
    assert record.owner == vehicle.owner and record.items.count() == 2
    edited = api.put(
        f"/api/v1/service-records/{record.pk}", {**SERVICE, "items": SERVICE["items"][:1]}, "application/json"
    )
    assert edited.status_code == 200 and edited.json()["total_cost"]["amount"] == "70.50"
    assert record.items.count() == 1
    listed = api.get(f"/api/v1/service-records?vehicle={vehicle.pk}").json()["items"]
    assert [row["id"] for row in listed] == [record.pk]


@time_machine.travel(NOW, tick=False)
def test_a_service_record_is_refused_with_the_pages_messages(api, vehicle):
    url = f"/api/v1/vehicles/{vehicle.pk}/service-records"
    assert problems(post(api, url, {**SERVICE, "items": []})) == {
        ("body", "items"): "Add at least one line: what was done."
    }
    costs_only = {**SERVICE, "items": [{"service_type": "", "parts_cost": "3"}]}
    assert problems(post(api, url, costs_only)) == {
        ("body", "items", "0", "service_type"): "Say what was done (a service type)."
    }
    future = problems(post(api, url, {**SERVICE, "date": "2026-07-01"}))
    assert future == {("body", "date"): "That is in the future: log a service once it is done (or add a reminder)."}
    assert problems(post(api, url, {**SERVICE, "tax": "-1"})) == {("body", "tax"): "A cost can't be negative."}
    assert not ServiceRecord.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_reminder_starts_from_today_and_is_on_the_due_list(api, vehicle):
    """Every 6 months from 15 Jun 2026: due 15 Dec 2026; every 5,000 mi from no reading: at 5,000 mi.
    A one-off due on 10 Jun is overdue, first on the due list."""
    response = post(api, f"/api/v1/vehicles/{vehicle.pk}/reminders", {"service_type": "Oil change", "interval": 5000,
                                                                       "interval_months": 6})  # fmt: skip
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["due_date"] == "2026-12-15"
    assert body["due_odometer"] == {"value": "5000.0", "unit": "mi"}
    assert body["interval"] == {"value": "5000.0", "unit": "mi"}
    late = post(api, f"/api/v1/vehicles/{vehicle.pk}/reminders", {"title": "Registration", "due_date": "2026-06-10"})
    assert late.status_code == 201, late.json()
    due = api.get("/api/v1/due").json()
    assert [(item["key"], item["state"]) for item in due][0] == (f"reminder:{late.json()['id']}", "overdue")
    assert due[1]["due_odometer"] == {"value": "5000.0", "unit": "mi"}


@time_machine.travel(NOW, tick=False)
def test_a_reminder_is_refused_with_the_pages_messages(api, vehicle):
    url = f"/api/v1/vehicles/{vehicle.pk}/reminders"
    assert problems(post(api, url, {"interval_months": 6})) == {("body", "title"): "Give it a title or a service type."}
    assert problems(post(api, url, {"title": "Tyres"})) == {
        ("body", "interval"): "Say when it is due: every so far and/or every so many months, or on a date or odometer."
    }
    assert not Reminder.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_other_costs_and_the_cost_of_ownership(api, vehicle):
    """Two parking costs, 12.50 and 7.50: 20.00 running, all of it other costs."""
    url = f"/api/v1/vehicles/{vehicle.pk}/other-costs"
    first = post(api, url, {"category": "parking", "date": "2026-06-01", "amount": "12.5"})
    assert first.status_code == 201, first.json()
    assert first.json()["amount"] == {"amount": "12.50", "currency": "USD"}
    assert post(api, url, {"category": "parking", "date": "2026-06-02", "amount": "7.50"}).status_code == 201
    figures = api.get(f"/api/v1/figures/costs?vehicle={vehicle.pk}").json()
    assert figures["running"] == {"amount": "20.00", "currency": "USD"}
    [car] = figures["vehicles"]
    assert car["running"] == {"amount": "20.00", "currency": "USD"} and car["distance_unit"] == "mi"
    assert sum(Decimal(source["amount"]["amount"]) for source in car["by_source"]) == Decimal("20.00")


@time_machine.travel(NOW, tick=False)
def test_other_costs_are_refused_with_the_pages_messages(api, vehicle):
    url = f"/api/v1/vehicles/{vehicle.pk}/other-costs"
    future = problems(post(api, url, {"date": "2026-07-01", "amount": 3}))
    assert future == {("body", "date"): "This date is in the future: enter a cost once it is paid."}
    assert problems(post(api, url, {"date": "2026-06-01", "amount": -3})) == {
        ("body", "amount"): "An amount can't be negative."
    }
    assert not OtherCost.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_stations_are_the_users_own_and_ranked_by_price(api, owner, vehicle):
    """1.50 a litre is 5.678 a US gallon (× 3.785411784, to the thousandth)."""
    assert problems(post(api, "/api/v1/stations", {"name": "Aral", "latitude": "48.1"})) == {
        ("body", "longitude"): "Enter both latitude and longitude."
    }
    response = post(api, "/api/v1/stations", {"name": "  Aral   Nord ", "latitude": "48.1", "longitude": "11.5"})
    assert response.status_code == 201, response.json()
    station = Station.objects.get(pk=response.json()["id"])
    assert station.name == "Aral Nord" and station.owner == owner
    log = FuelLog(owner=owner, vehicle=vehicle, filled_at=NOW - datetime.timedelta(days=2), odometer_km=1000,
                  quantity=40, price_per_unit=Decimal("1.5"), total_cost=Decimal("60.00"), station=station)  # fmt: skip
    fuel_log_create(log=log)
    ranking = api.get("/api/v1/stations/cheapest").json()
    assert ranking["unit"] == "gal" and ranking["days"] == 30
    [row] = ranking["stations"]
    assert (row["station"], row["rank"], row["price"]) == (station.pk, 1, {"amount": "5.678", "currency": "USD"})
    assert api.get("/api/v1/stations/cheapest?days=0").status_code == 422
    assert api.delete(f"/api/v1/stations/{station.pk}").status_code == 204
    assert api.get("/api/v1/stations").json()["items"] == []


@time_machine.travel(NOW, tick=False)
def test_a_document_is_uploaded_described_and_downloaded(api, vehicle):
    def upload(**fields):
        files = SimpleUploadedFile("policy.txt", b"Policy 42\n", content_type="text/plain")
        return api.post(
            "/api/v1/documents", {"vehicles": [vehicle.pk], "kind": "insurance", "files": [files], **fields}
        )

    assert problems(upload(vehicles=[])) == {("body", "vehicles"): "Choose a vehicle."}
    response = upload(title="Insurance", premium="300", premium_period="12", issued_on="2026-01-01")
    assert response.status_code == 201, response.json()
    [document] = response.json()
    assert document["size"] == {"value": "10", "unit": "B"}
    assert document["premium"] == {"amount": "300.00", "currency": "USD"} and document["vehicles"] == [vehicle.pk]
    assert api.get(f"/api/v1/documents?vehicle={vehicle.pk}").json()["items"][0]["id"] == document["id"]
    download = api.get(f"/api/v1/documents/{document['id']}/file")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"Policy 42\n"
    assert download["Content-Disposition"].startswith("attachment")
    edit = {"vehicles": [vehicle.pk], "title": "Insurance 2026", "premium": "300", "issued_on": "2026-01-01"}
    assert problems(api.put(f"/api/v1/documents/{document['id']}", edit, "application/json")) == {
        ("body", "premium_period"): "Say how long the premium pays for."
    }
    edited = api.put(f"/api/v1/documents/{document['id']}", {**edit, "premium_period": 12},
                     "application/json")  # fmt: skip
    assert edited.status_code == 200, edited.json()
    assert edited.json()["title"] == "Insurance 2026" and edited.json()["premium_period"] == 12
    [(loc, message)] = problems(upload()).items()
    assert loc == ("body", "files") and message.startswith("This file is already stored for this vehicle")
    assert Document.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_the_new_records_send_webhook_events_with_what_was_committed(
    api, owner, vehicle, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_ALLOW_PRIVATE = True
    api_services.webhook_create(webhook=Webhook(url="https://127.0.0.1:9/hook"), owner=owner)
    with django_capture_on_commit_callbacks(execute=True):
        post(api, f"/api/v1/vehicles/{vehicle.pk}/service-records", SERVICE)
        post(api, f"/api/v1/vehicles/{vehicle.pk}/other-costs", {"date": "2026-06-01", "amount": 3})
        post(api, "/api/v1/stations", {"name": "Aral"})
    events = {d.event: d.payload["data"] for d in Delivery.objects.all()}
    assert [item["service_type"] for item in events["service_record.created"]["items"]] == ["Oil change", "Air filter"]
    assert events["other_cost.created"]["amount"]["amount"] == "3.00"
    assert events["station.created"]["name"] == "Aral"
