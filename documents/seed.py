"""The benchmark's documents: many rows about a user's vehicles, fast to make (bulk inserts), all
pointing at one stored sample file, as documents with the same bytes do."""

import datetime
import hashlib
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from vehicles.models import Vehicle

from .models import Document, DocumentKind, DocumentVehicle
from .storage import document_storage
from .thumbnails import thumbnail

TITLES = {
    DocumentKind.INSURANCE: "Insurance policy",
    DocumentKind.REGISTRATION: "Registration certificate",
    DocumentKind.INSPECTION: "Inspection report",
    DocumentKind.RECEIPT: "Workshop receipt",
    DocumentKind.WARRANTY: "Tyre warranty",
    DocumentKind.MANUAL: "Owner's manual",
}


def sample_pdf(colour: str = "white") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (595, 842), colour).save(out, "PDF")
    return out.getvalue()


# The demo's documents: (vehicle index, kind, title, days from today to its expiry or None,
# yearly premium or None, attached to the vehicle's latest service, page colour).
DEMO = [
    (0, DocumentKind.INSURANCE, "Insurance policy", 12, Decimal("540.00"), False, "ivory"),  # expiring
    (1, DocumentKind.REGISTRATION, "Registration certificate", 300, None, False, "honeydew"),
    (2, DocumentKind.INSURANCE, "Insurance policy", 200, Decimal("720.00"), False, "azure"),
    (2, DocumentKind.WARRANTY, "Battery warranty", 2900, None, False, "lavender"),
    (0, DocumentKind.RECEIPT, "Workshop receipt", None, None, True, "linen"),
]


def seed_demo(*, owner, vehicles: list[Vehicle], today: datetime.date) -> int:
    """The demo garage's documents, stored through the service as an upload would be: insurance
    with premiums (one expiring within the notice), a registration, a warranty, and the receipt of
    the Civic's latest service."""
    from maintenance.models import ServiceRecord

    from .services import documents_create
    from .validation import inspect

    for index, kind, title, expires_in, premium, of_service, colour in DEMO:
        vehicle = vehicles[index]
        service = ServiceRecord.objects.filter(vehicle=vehicle).order_by("-date").first() if of_service else None
        upload = SimpleUploadedFile(f"{title.lower().replace(' ', '-')}.pdf", sample_pdf(colour), "application/pdf")
        expires_on = today + datetime.timedelta(days=expires_in) if expires_in else None
        template = Document(
            kind=kind, title=title, premium=premium, premium_period=12 if premium else None,
            issued_on=min(expires_on - datetime.timedelta(days=365), today) if expires_on else today,
            expires_on=expires_on,
            service_record=service,
        )  # fmt: skip
        documents_create(user=owner, template=template, vehicles=[vehicle], files=[(upload, inspect(upload))])
    return len(DEMO)


def seed_documents(*, owner, vehicles: list[Vehicle], count: int, rng: random.Random, today: datetime.date) -> int:
    """``count`` documents of ``owner``'s ``vehicles`` (every 50th covers them all, like a fleet
    policy), expiring from a year ago to two years ahead; insurance carries a yearly premium."""
    content = sample_pdf()
    upload = ContentFile(content, name="sample.pdf")
    name = document_storage.save(f"{owner.pk}/bench-sample.pdf", upload)
    preview = thumbnail(upload, "application/pdf")
    preview_name = document_storage.save(f"{owner.pk}/bench-sample.jpg", preview)
    digest, kinds = hashlib.sha256(content).hexdigest(), list(TITLES)
    documents = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        issued = today - datetime.timedelta(days=rng.randrange(0, 1500))
        insurance = kind == DocumentKind.INSURANCE
        documents.append(
            Document(
                owner=owner, kind=kind, title=f"{TITLES[kind]} {issued.year}", number=f"{kind[:3].upper()}-{n:06d}",
                notes=rng.choice(["", "Kept in the glovebox.", "Original at home, copy in the car."]),
                issued_on=issued, expires_on=issued + datetime.timedelta(days=365 * rng.choice([1, 2])),
                premium=Decimal(rng.randrange(30_000, 150_000)) / 100 if insurance else None,
                premium_period=12 if insurance else None, file=name, thumbnail=preview_name,
                original_name=f"scan-{n}.pdf", content_type="application/pdf", size=len(content), sha256=digest,
            )
        )  # fmt: skip
    Document.objects.bulk_create(documents, batch_size=5_000)
    links = (
        DocumentVehicle(owner=owner, vehicle=vehicle, document=document)
        for n, document in enumerate(documents)
        for vehicle in (vehicles if n % 50 == 0 else [vehicles[n % len(vehicles)]])
    )
    DocumentVehicle.objects.bulk_create(links, batch_size=5_000)
    with connection.cursor() as cursor:  # the planner's statistics, for the lists' queries
        cursor.execute("ANALYZE documents_document, documents_documentvehicle")
    return count
