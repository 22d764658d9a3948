"""What household members do with the other features' records of a shared vehicle: documents
(seen, served and uploaded through the one scope), costs and services entered by a driver (the
owner's, "by dave"), the due items in each member's calendar feed, and a driver's own station on
a shared fill-up."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from costs.models import OtherCost
from documents.models import Document, DocumentVehicle
from fuel_logs.models import FuelLog
from households.tests.test_households import client_for
from maintenance.models import ReminderSettings
from motovault.tests.conftest import SECRET
from stations.models import Station
from vehicles.models import Membership, Vehicle

pytestmark = pytest.mark.django_db


def test_members_see_and_open_the_shared_vehicles_documents_and_strangers_get_404(household, other_user):
    people, rows = household
    document = rows[Document]
    urls = [f"/documents/{document.pk}/{what}" for what in ("", "file/", "download/")]
    for name in ("manager", "driver", "viewer"):
        member = client_for(people[name])
        assert SECRET in member.get("/documents/").content.decode(), name
        assert SECRET in member.get(f"/vehicles/{rows[Vehicle].pk}/documents/").content.decode(), name
        assert [member.get(url).status_code for url in urls] == [200, 200, 200], name
    stranger = client_for(other_user)
    assert SECRET not in stranger.get("/documents/").content.decode()
    assert [stranger.get(url).status_code for url in [*urls, f"/documents/{document.pk}/thumbnail/"]] == [404] * 4
    viewer = client_for(people["viewer"])
    assert "Edit</a>" not in viewer.get(urls[0]).content.decode()
    assert viewer.get(f"/documents/{document.pk}/edit/").status_code == 403
    assert viewer.post(f"/documents/{document.pk}/delete/").status_code == 403
    assert Document.objects.filter(pk=document.pk, deleted_at__isnull=True).exists()


def test_revoking_hides_the_documents_at_once(household):
    people, rows = household
    viewer = client_for(people["viewer"])
    assert SECRET in viewer.get("/documents/").content.decode()
    Membership.objects.filter(user=people["viewer"]).delete()
    assert SECRET not in viewer.get("/documents/").content.decode()
    assert viewer.get(f"/documents/{rows[Document].pk}/file/").status_code == 404


def test_a_driver_uploads_to_the_shared_vehicle_and_a_viewer_may_not(household):
    people, rows = household
    vehicle = rows[Vehicle]

    def upload(name):
        data = {"files": SimpleUploadedFile(f"{name}.txt", f"the {name} receipt".encode()), "vehicles": [vehicle.pk]}
        data |= {"kind": "receipt", "title": f"receipt of {name}"}
        return client_for(people[name]).post("/documents/add/", data)

    assert upload("driver").status_code == 302
    document = Document.objects.get(title="receipt of driver")
    link = DocumentVehicle.objects.get(document=document)
    assert document.owner == vehicle.owner == link.owner and link.entered_by == people["driver"]
    assert "receipt of driver" in client_for(people["owner"]).get("/documents/").content.decode()
    response = upload("viewer")
    assert response.status_code == 200 and "Select a valid choice" in response.context["form"].errors["vehicles"][0]
    assert not Document.objects.filter(title="receipt of viewer").exists()


def test_a_document_goes_with_a_vehicle_that_changes_hands(household):
    people, rows = household
    transfer = rows[Vehicle].transfers.get()
    assert client_for(people["driver"]).post(f"/transfers/{transfer.pk}/accept/").status_code == 302
    document = Document.objects.get(pk=rows[Document].pk)
    assert document.owner == people["driver"] and document.links.get().owner == people["driver"]
    assert client_for(people["driver"]).get(f"/documents/{document.pk}/file/").getvalue() == SECRET.encode()


def test_a_cost_and_a_service_entered_by_a_driver_are_the_owners_shown_by_the_driver(household):
    people, rows = household
    vehicle, driver = rows[Vehicle], client_for(people["driver"])
    today = timezone.localdate().isoformat()
    response = driver.post(f"/vehicles/{vehicle.pk}/costs/add/", {"category": "parking", "date": today, "amount": "7"})
    assert response.status_code == 302
    cost = OtherCost.objects.get(amount=Decimal("7.00"))
    assert cost.owner == vehicle.owner and cost.entered_by == people["driver"]
    assert "by driver" in client_for(people["owner"]).get(f"/vehicles/{vehicle.pk}/costs/").content.decode()
    assert client_for(people["viewer"]).get(f"/vehicles/{vehicle.pk}/costs/add/").status_code == 403
    assert client_for(people["viewer"]).get(f"/vehicles/{vehicle.pk}/services/add/").status_code == 403


def test_a_members_calendar_holds_the_shared_vehicles_due_items_until_revoked(household):
    people, rows = household
    viewer = client_for(people["viewer"])
    viewer.post("/settings/notifications/", {"action": "calendar"})
    feed = f"/calendar/{ReminderSettings.objects.get(owner=people['viewer']).calendar_token}.ics"
    assert SECRET in viewer.get(feed).content.decode()  # Alice's reminder, overdue
    assert SECRET in viewer.get("/due/").content.decode()
    Membership.objects.filter(user=people["viewer"]).delete()
    assert SECRET not in viewer.get(feed).content.decode()


def test_the_owner_edits_a_fill_up_naming_the_drivers_own_station(household):
    people, rows = household
    vehicle = rows[Vehicle]
    station = Station.objects.create(owner=people["driver"], name="Dave's pump")
    log = FuelLog.objects.get(pk=rows[FuelLog].pk)
    FuelLog.objects.filter(pk=log.pk).update(station=station, entered_by=people["driver"])
    owner = client_for(people["owner"])
    page = owner.get(f"/fuel/{log.pk}/edit/")
    assert page.status_code == 200 and "Dave&#x27;s pump (driver&#x27;s station)" in page.content.decode()
    assert owner.get(f"/vehicles/{vehicle.pk}/fuel/").status_code == 200
    form = page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {
        "notes": "checked",
        "odometer": "1000",
        "station": station.pk,
        "filled_at": log.filled_at.strftime("%Y-%m-%dT%H:%M"),
    }
    for name in form.fields:
        data.setdefault(name, form[name].value() if form[name].value() is not None else "")
    response = owner.post(f"/fuel/{log.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    log.refresh_from_db()
    assert log.notes == "checked" and log.station == station
    assert client_for(people["owner"]).get(f"/stations/{station.pk}/").status_code == 404  # still Dave's alone
