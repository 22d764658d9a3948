"""A document attached to a service record, as a fill-up's receipt is: uploaded from the service's
page, listed there, refused for a service of a vehicle not chosen or of another user, and let go
when the service's vehicle is purged while the document covers another one too."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document
from maintenance.models import ServiceRecord
from maintenance.services import service_record_save
from vehicles.models import Vehicle
from vehicles.services import vehicle_purge

from .conftest import jpeg, make_document

pytestmark = pytest.mark.django_db


def service(vehicle) -> ServiceRecord:
    record = ServiceRecord(
        owner=vehicle.owner, vehicle=vehicle, date=datetime.date(2026, 3, 2), odometer_km=Decimal(5000)
    )
    return service_record_save(record=record, items=[])


def upload(client, **fields):
    data = {"kind": "receipt", "title": "", "files": [SimpleUploadedFile("invoice.jpg", jpeg())], **fields}
    return client.post(reverse("documents:add") + f"?service_record={fields['service_record']}", data)


def test_a_receipt_attached_from_the_service_page_is_listed_there(owner_client, vehicle):
    record = service(vehicle)
    page = owner_client.get(reverse("maintenance:edit", args=[record.pk])).content.decode()
    attach = f"{reverse('documents:add')}?service_record={record.pk}"
    assert f'href="{attach}">Attach a receipt</a>' in page
    form = owner_client.get(attach).content.decode()
    assert f'name="service_record" value="{record.pk}"' in form and 'value="receipt" selected' in form
    assert upload(owner_client, vehicles=[vehicle.pk], service_record=record.pk).status_code == 302
    document = Document.objects.get()
    assert document.service_record == record and document.title == "invoice"
    page = owner_client.get(reverse("maintenance:edit", args=[record.pk])).content.decode()
    assert f'href="{reverse("documents:detail", args=[document.pk])}">invoice</a>' in page
    detail = owner_client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert f'href="{reverse("maintenance:edit", args=[record.pk])}">The service it is the receipt of' in detail
    document.soft_delete()
    assert "invoice</a>" not in owner_client.get(reverse("maintenance:edit", args=[record.pk])).content.decode()


def test_the_services_vehicle_must_stay_chosen(owner_client, vehicle, second_vehicle):
    record = service(vehicle)
    response = upload(owner_client, vehicles=[second_vehicle.pk], service_record=record.pk)
    assert response.status_code == 200 and not Document.objects.exists()
    assert f"The service this is attached to is of {vehicle}: keep it chosen." in response.content.decode()


def test_another_users_service_cannot_be_attached_to(owner_client, other_user, vehicle):
    theirs = service(Vehicle.objects.create(owner=other_user, year=2015, make="Kia", model="Ceed"))
    response = upload(owner_client, vehicles=[vehicle.pk], service_record=theirs.pk)
    assert response.status_code == 200 and not Document.objects.exists()
    assert "service_record" in response.context["form"].errors


def test_purging_the_services_vehicle_keeps_a_shared_document_without_the_service(owner, vehicle, second_vehicle):
    record = service(vehicle)
    shared = make_document(owner, [vehicle, second_vehicle], "invoice.pdf", service_record=record)
    vehicle.soft_delete()
    vehicle_purge(vehicle=vehicle, with_records=True)
    shared.refresh_from_db()
    assert shared.service_record is None and not ServiceRecord.objects.exists()
