"""Documents in a user's export and account deletion (see motovault/accountdata.py): their rows as
CSV, and every stored file (originals and previews, each once however many documents share it)."""

from collections.abc import Iterator

from django.db.models.fields.files import FieldFile

from motovault.accountdata import CsvFile, model_rows

from .models import Document, DocumentPreferences, DocumentVehicle


def document_files(user) -> Iterator[CsvFile]:
    rows = Document.objects.filter(owner=user).order_by("pk")
    yield "documents.csv", model_rows(rows, exclude=("owner", "search"))
    yield "document_fill-ups.csv", _receipts(rows.filter(fuel_log__isnull=False))


def _receipts(documents) -> Iterator[list[str]]:
    """The fill-up each receipt is of, as the fill-ups' own files know it (its vehicle and time),
    so the link survives an import into another account."""
    yield ["document_id", "vehicle_id", "filled_at"]
    for pk, vehicle_id, filled_at in documents.values_list("pk", "fuel_log__vehicle_id", "fuel_log__filled_at"):
        yield [str(pk), str(vehicle_id), filled_at.isoformat()]


def link_files(user) -> Iterator[CsvFile]:
    yield "document_vehicles.csv", model_rows(DocumentVehicle.objects.filter(owner=user).order_by("pk"))


def preference_files(user) -> Iterator[CsvFile]:
    yield "document_preferences.csv", model_rows(DocumentPreferences.objects.filter(owner=user))


def stored_files(user) -> Iterator[FieldFile]:
    seen: set[str] = set()
    for document in Document.objects.filter(owner=user).only("file", "thumbnail").order_by("pk").iterator(2000):
        for stored in (document.file, document.thumbnail):
            if stored and stored.name not in seen:
                seen.add(stored.name)
                yield stored
