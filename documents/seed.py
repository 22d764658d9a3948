"""The benchmark's documents: many rows about a user's vehicles, fast to make (bulk inserts), all
pointing at one stored sample file, as documents with the same bytes do."""

import datetime
import hashlib
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
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


def sample_pdf() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (595, 842), "white").save(out, "PDF")
    return out.getvalue()


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
