"""Uploads through the view: what is stored, under which name, and what comes back."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document, DocumentVehicle

from .conftest import jpeg, pdf, png, stored_files

pytestmark = pytest.mark.django_db


def upload(client, *files, **fields):
    data = {"kind": "insurance", "title": "", "vehicles": fields.pop("vehicles"), "files": list(files), **fields}
    return client.post(reverse("documents:add"), data)


def test_a_pdf_is_stored_under_a_random_name_with_a_preview_and_comes_back_byte_for_byte(
    owner_client, vehicle, documents_root
):
    content = pdf()
    response = upload(owner_client, SimpleUploadedFile("My policy 2026.pdf", content), vehicles=[vehicle.pk])
    document = Document.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("documents:detail", args=[document.pk])
    assert document.title == "My policy 2026" and document.original_name == "My policy 2026.pdf"
    assert document.content_type == "application/pdf" and document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert "policy" not in document.file.name and document.file.name.endswith(".pdf")
    assert document.file.name.startswith(f"{owner_client.session['_auth_user_id']}/")
    assert document.thumbnail.name.endswith(".jpg")
    assert stored_files(documents_root) == sorted([document.file.name, document.thumbnail.name])

    served = owner_client.get(reverse("documents:file", args=[document.pk]))
    assert b"".join(served.streaming_content) == content
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"] == 'inline; filename="My policy 2026.pdf"'
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in served["Content-Security-Policy"]
    download = owner_client.get(reverse("documents:download", args=[document.pk]))
    assert download["Content-Disposition"].startswith("attachment;")
    thumbnail = owner_client.get(reverse("documents:thumbnail", args=[document.pk]))
    assert thumbnail["Content-Type"] == "image/jpeg" and b"".join(thumbnail.streaming_content)[:2] == b"\xff\xd8"
    assert "sandbox" in thumbnail["Content-Security-Policy"]


def test_several_files_at_once_to_several_vehicles_each_become_a_document(owner_client, vehicle, second_vehicle):
    files = [SimpleUploadedFile("front.jpg", jpeg()), SimpleUploadedFile("back.png", png())]
    upload(owner_client, *files, vehicles=[vehicle.pk, second_vehicle.pk], title="Green card")
    assert sorted(Document.objects.values_list("content_type", flat=True)) == ["image/jpeg", "image/png"]
    assert set(Document.objects.values_list("title", flat=True)) == {"Green card"}
    assert DocumentVehicle.objects.count() == 4
    assert all(link.owner == link.vehicle.owner for link in DocumentVehicle.objects.all())


def test_a_text_file_downloads_as_an_attachment_with_its_name_quoted(owner_client, vehicle):
    name = 'Reçu "garage" Müller.txt'
    upload(owner_client, SimpleUploadedFile(name, b"Oil change, 5 L 5W-30\n"), vehicles=[vehicle.pk])
    document = Document.objects.get()
    served = owner_client.get(reverse("documents:file", args=[document.pk]))
    assert served["Content-Type"] == "text/plain; charset=utf-8"
    # RFC 6266 with the RFC 5987 form for a name that is not ASCII: nothing of it can end the header.
    assert served["Content-Disposition"] == "attachment; filename*=utf-8''Re%C3%A7u%20%22garage%22%20M%C3%BCller.txt"
    assert "sandbox" in served["Content-Security-Policy"]


def test_an_ascii_name_with_quotes_is_escaped_in_the_quoted_string(owner_client, vehicle):
    upload(owner_client, SimpleUploadedFile('notes "draft".txt', b"plain words"), vehicles=[vehicle.pk])
    served = owner_client.get(reverse("documents:download", args=[Document.objects.get().pk]))
    assert served["Content-Disposition"] == 'attachment; filename="notes \\"draft\\".txt"'


def test_path_control_and_direction_characters_never_reach_the_stored_or_served_name(
    owner_client, vehicle, documents_root
):
    """Django's parser keeps only the last part of a name, without its non-printable characters
    (control, right-to-left override); the stored name is ours, random, whatever was sent."""
    name = "../../etc/in\u202evoice\x07\x1b.txt"
    upload(owner_client, SimpleUploadedFile(name, b"some text"), vehicles=[vehicle.pk])
    document = Document.objects.get()
    assert document.original_name == "invoice.txt"
    assert ".." not in document.file.name and "invoice" not in document.file.name
    assert all(
        (documents_root / path).resolve().is_relative_to(documents_root) for path in stored_files(documents_root)
    )
    served = owner_client.get(reverse("documents:file", args=[document.pk]))
    assert served["Content-Disposition"] == 'attachment; filename="invoice.txt"'


def test_a_receipt_attached_to_a_fill_up(owner_client, vehicle, owner):
    from decimal import Decimal

    from django.utils import timezone

    from fuel_logs.models import FuelLog
    from fuel_logs.services import fuel_log_create

    log, _ = fuel_log_create(
        log=FuelLog(owner=owner, vehicle=vehicle, filled_at=timezone.now(), odometer_km=Decimal(100),
                    quantity=Decimal(40), price_per_unit=Decimal("1.5"), total_cost=Decimal("60.00"))
    )  # fmt: skip
    page = owner_client.get(reverse("documents:add") + f"?fuel_log={log.pk}")
    assert f'value="{log.pk}"' in page.content.decode()
    upload(owner_client, SimpleUploadedFile("r.jpg", jpeg()), vehicles=[vehicle.pk], fuel_log=log.pk)
    assert Document.objects.get().fuel_log == log
    assert log.documents.count() == 1


def test_the_browser_uploader_gets_json(owner_client, vehicle):
    response = owner_client.post(
        reverse("documents:add"),
        {"kind": "manual", "vehicles": [vehicle.pk], "files": SimpleUploadedFile("m.pdf", pdf())},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 201
    assert response.json()["documents"][0]["url"] == reverse("documents:detail", args=[Document.objects.get().pk])
    refused = owner_client.post(
        reverse("documents:add"),
        {"kind": "manual", "vehicles": [vehicle.pk], "files": SimpleUploadedFile("e.pdf", b"")},
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 200 and "empty" in refused.json()["errors"]["files"][0]


def test_the_same_bytes_for_another_vehicle_share_one_stored_file(
    owner_client, vehicle, second_vehicle, documents_root
):
    content = png()
    upload(owner_client, SimpleUploadedFile("a.png", content), vehicles=[vehicle.pk])
    files = stored_files(documents_root)
    upload(owner_client, SimpleUploadedFile("b.png", content), vehicles=[second_vehicle.pk])
    first, second = Document.objects.order_by("pk")
    assert first.file.name == second.file.name and stored_files(documents_root) == files


def test_a_heic_photo_is_kept_with_a_jpeg_preview_and_downloads_as_an_attachment(owner_client, vehicle):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 480), "red").save(out, "HEIF")
    upload(owner_client, SimpleUploadedFile("IMG_0001.HEIC", out.getvalue()), vehicles=[vehicle.pk])
    document = Document.objects.get()
    assert document.content_type == "image/heic" and document.file.name.endswith(".heic")
    assert document.thumbnail.name.endswith(".jpg")
    served = owner_client.get(reverse("documents:file", args=[document.pk]))
    assert served["Content-Disposition"] == 'attachment; filename="IMG_0001.HEIC"'


def test_a_pdf_pdfium_cannot_open_is_kept_without_a_preview(owner_client, vehicle):
    upload(owner_client, SimpleUploadedFile("damaged.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50), vehicles=[vehicle.pk])
    document = Document.objects.get()
    assert document.content_type == "application/pdf" and not document.thumbnail
    assert owner_client.get(reverse("documents:thumbnail", args=[document.pk])).status_code == 404
    assert (
        "No preview of this file." in owner_client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    )
