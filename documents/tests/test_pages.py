"""The pages around a document: its page, its edit, a vehicle's tab, the notice setting."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from documents.models import DocumentPreferences

from .conftest import make_document as make

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_the_vehicle_tab_shows_expiring_and_expired_documents(owner_client, owner, vehicle):
    make(owner, [vehicle], title="Insurance 2026", kind="insurance", expires_on=datetime.date(2026, 6, 20))
    page = owner_client.get(
        reverse("documents:vehicle", args=[vehicle.pk]), headers={"HX-Request": "true", "HX-Target": "vehicle-section"}
    ).content.decode()
    assert '<section id="documents-section">' in page and "<!doctype" not in page.lower()
    assert "Insurance: expires in 5 days" in page and "expiry-very_soon" in page
    assert "Documents" in owner_client.get(reverse("vehicles:detail", args=[vehicle.pk])).content.decode()


def test_the_edit_changes_what_it_says_and_which_vehicles_it_covers(owner_client, owner, vehicle, second_vehicle):
    document = make(owner, [vehicle], title="Card", kind="insurance")
    data = {"vehicles": [second_vehicle.pk], "kind": "registration", "title": "V5C", "number": "AB12 CDE"}
    response = owner_client.post(reverse("documents:edit", args=[document.pk]), data)
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.kind, document.number) == ("V5C", "registration", "AB12 CDE")
    assert list(document.vehicles.all()) == [second_vehicle]
    refused = owner_client.post(reverse("documents:edit", args=[document.pk]), {**data, "vehicles": []})
    assert refused.context["form"].errors["vehicles"] == ["Choose a vehicle."]
    assert list(document.vehicles.all()) == [second_vehicle]


def test_the_notice_is_a_setting_of_the_user(owner_client, owner):
    response = owner_client.post(reverse("documents:list"), {"notice_days": "45"})
    assert response.status_code == 302
    assert DocumentPreferences.objects.get(owner=owner).notice_days == 45
    refused = owner_client.post(reverse("documents:list"), {"notice_days": "0"})
    assert refused.status_code == 400 and "notice_days" in refused.context["preferences_form"].errors
    assert DocumentPreferences.objects.get(owner=owner).notice_days == 45


def test_the_document_page_shows_what_it_is(owner_client, owner, vehicle):
    document = make(owner, [vehicle], title="Green card", number="POL-1", kind="insurance")
    page = owner_client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Green card" in page and "POL-1" in page and reverse("documents:thumbnail", args=[document.pk]) in page
