"""What the pages do besides create, edit and delete, through the API: Restore from the trash (every
record resource), a reminder's Mark done and Snooze; each through the feature's service, refused
with the page's message, and only for a role that may write."""

import datetime

import pytest
import time_machine

from api.tests.conftest import bearer, make_token
from fuel_logs.models import FuelLog
from maintenance.models import Reminder
from vehicles.access import Role
from vehicles.models import Membership

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC)


def post(api, url: str, body: dict | None = None):
    return api.post(url, body or {}, content_type="application/json")


def test_a_trashed_record_comes_back_and_one_already_back_answers_as_it_is(api, vehicle):
    fill_up = {"filled_at": "2024-02-01T10:00:00Z", "odometer": 1000, "quantity": 10, "price": 2}
    created = post(api, f"/api/v1/vehicles/{vehicle.pk}/fill-ups", fill_up).json()
    assert api.delete(f"/api/v1/fill-ups/{created['id']}").status_code == 204
    assert api.get(f"/api/v1/fill-ups/{created['id']}").status_code == 404

    response = post(api, f"/api/v1/fill-ups/{created['id']}/restore")

    assert response.status_code == 200 and response.json()["id"] == created["id"]
    assert FuelLog.objects.get(pk=created["id"]).deleted_at is None
    assert post(api, f"/api/v1/fill-ups/{created['id']}/restore").status_code == 200  # already back
    assert post(api, "/api/v1/fill-ups/999999/restore").status_code == 404


def test_a_record_of_a_trashed_vehicle_waits_for_its_vehicle(api, vehicle):
    created = post(api, f"/api/v1/vehicles/{vehicle.pk}/odometer-readings", {"date": "2024-02-01", "odometer": 40})
    reading = created.json()["id"]
    api.delete(f"/api/v1/odometer-readings/{reading}")
    vehicle.soft_delete()

    response = post(api, f"/api/v1/odometer-readings/{reading}/restore")

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Its vehicle is in the trash: restore the vehicle first."


def test_restore_needs_a_write_token_and_a_drivers_role(api, owner, vehicle, django_user_model):
    created = post(api, f"/api/v1/vehicles/{vehicle.pk}/reminders", {"title": "Tyres", "due_date": "2027-01-01"})
    reminder = created.json()["id"]
    api.delete(f"/api/v1/reminders/{reminder}")
    viewer = django_user_model.objects.create_user("vera", "vera@example.com", "pw-vera-123")
    Membership.objects.create(vehicle=vehicle, user=viewer, role=Role.VIEWER, invited_by=owner)

    assert post(bearer(make_token(owner, scope="read")), f"/api/v1/reminders/{reminder}/restore").status_code == 403
    assert post(bearer(make_token(viewer)), f"/api/v1/reminders/{reminder}/restore").status_code == 403
    assert Reminder.objects.get(pk=reminder).deleted_at is not None


@time_machine.travel(NOW, tick=False)
def test_a_reminder_marked_done_moves_on_and_one_snoozed_waits(api, vehicle):
    every_six_months = post(api, f"/api/v1/vehicles/{vehicle.pk}/reminders",
                            {"service_type": "Oil and filter", "interval_months": 6}).json()  # fmt: skip
    one_off = post(
        api, f"/api/v1/vehicles/{vehicle.pk}/reminders", {"title": "Plates", "due_date": "2026-06-10"}
    ).json()

    done = post(api, f"/api/v1/reminders/{every_six_months['id']}/done").json()
    # Done today, 15 Jun 2026: next due six months on, 15 Dec 2026.
    assert (done["last_done_on"], done["due_date"], done["done_on"]) == ("2026-06-15", "2026-12-15", None)
    assert post(api, f"/api/v1/reminders/{one_off['id']}/done").json()["done_on"] == "2026-06-15"

    snoozed = post(api, f"/api/v1/reminders/{every_six_months['id']}/snooze", {"until": "2026-07-01"})
    assert snoozed.status_code == 200 and snoozed.json()["snoozed_until"] == "2026-07-01"
    refused = post(api, f"/api/v1/reminders/{every_six_months['id']}/snooze", {"until": "2026-06-15"})
    assert refused.status_code == 422
    assert refused.json()["detail"] == [
        {"loc": ["body", "until"], "msg": "Snooze until a day after today.", "type": "invalid"}
    ]
    assert Reminder.objects.get(pk=every_six_months["id"]).snoozed_until == datetime.date(2026, 7, 1)


def test_a_trashed_document_comes_back(api, owner, vehicle, documents_root):
    from documents.models import Document
    from documents.tests.conftest import make_document

    document = make_document(owner, [vehicle], "policy.pdf", title="Allianz")
    assert api.delete(f"/api/v1/documents/{document.pk}").status_code == 204

    response = post(api, f"/api/v1/documents/{document.pk}/restore")

    assert response.status_code == 200 and response.json()["title"] == "Allianz"
    assert Document.objects.get(pk=document.pk).deleted_at is None
    assert post(bearer(make_token(owner, scope="read")), f"/api/v1/documents/{document.pk}/restore").status_code == 403
