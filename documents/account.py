"""Documents in a user's export and account deletion (see motovault/accountdata.py): their rows as
CSV, and every stored file (originals and previews, each once however many documents share it)."""

from collections.abc import Iterator

from django.db.models.fields.files import FieldFile

from motovault.accountdata import CsvFile, model_rows

from .models import Document, DocumentPreferences, DocumentVehicle


def document_files(user) -> Iterator[CsvFile]:
    rows = Document.objects.filter(owner=user).order_by("pk")
    yield "documents.csv", model_rows(rows, exclude=("owner", "search"))


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
