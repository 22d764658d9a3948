"""Our export's documents coming back: each with its file from the archive, filed under the
vehicles it was filed under there and, for a receipt, under its service again. A document whose
file is missing from the archive is rejected; one whose bytes the vehicle has already is skipped."""

import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from documents.models import Document, DocumentKind
from imports.formats import RawDocument

# The columns a document comes back with; the rest (its file, its links) are made again.
COPIED = (
    "kind", "title", "number", "issued_on", "expires_on", "notes", "premium", "premium_period", "original_name",
    "content_type", "size", "sha256",
)  # fmt: skip


@dataclass
class PlannedDocument:
    line: int
    document: Document  # unsaved: the export's columns
    vehicles: list = field(default_factory=list)  # the VehiclePlans it is filed under
    member: str = ""  # its file's name in the archive
    service: str = ""  # the export's id of the service it is a receipt of
    fill_up: tuple | None = None  # (its VehiclePlan, the time) of the fill-up it is a receipt of


def members(raw: bytes) -> set[str]:
    """The names of the files inside an archive (none for a plain file)."""
    if not raw.startswith(b"PK\x03\x04"):
        return set()
    return set(zipfile.ZipFile(io.BytesIO(raw)).namelist())


def read_member(raw: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(raw)).read(name)


def planned(raw_document: RawDocument, by_key: dict, inside: set[str], reject) -> PlannedDocument | None:
    """The export's document checked, or None (rejected with its line)."""
    facts, line = raw_document.fields, raw_document.line
    member = f"documents/{facts.get('file', '')}"
    title = facts.get("title", "") or facts.get("original_name", "")
    if not facts.get("file") or member not in inside:
        reject(line, "Document", title, f"expected its file {member} in the archive")
        return None
    document = Document()
    for name in COPIED:
        model_field = Document._meta.get_field(name)
        cell = facts.get(name, "")
        try:
            setattr(document, model_field.attname, model_field.to_python(cell) if cell else model_field.get_default())
        except ValidationError:
            reject(line, str(model_field.verbose_name).capitalize(), cell, "expected a value of its kind")
            return None
    if document.kind not in DocumentKind.values:
        document.kind = DocumentKind.OTHER
    fill_up = None
    if raw_document.fill_up and raw_document.fill_up[0] in by_key:
        try:
            fill_up = (by_key[raw_document.fill_up[0]], datetime.datetime.fromisoformat(raw_document.fill_up[1]))
        except ValueError:
            fill_up = None  # a time that does not read: the document without its fill-up
    return PlannedDocument(
        line,
        document,
        [by_key[key] for key in raw_document.vehicles if key in by_key],
        member,
        facts.get("service_record_id", ""),
        fill_up,
    )
