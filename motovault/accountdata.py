"""Everything a user owns, for their export and their account's deletion.

The core knows no feature: each app registers its record types from its AppConfig.ready(), with
how to export them (CSV files, in the formats our importers read back where one exists) and which
stored files they hold. Deletion follows the foreign keys between the registered models, so a
model whose rows point at another's (PROTECT) is emptied first.
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.apps import apps
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from motovault.cells import as_text

CHUNK = 1 << 16

# (file name inside the export, its rows: a header first)
CsvFile = tuple[str, Iterable[list[str]]]


@dataclass(frozen=True)
class RecordType:
    """One kind of a user's records, as the feature that owns it describes it."""

    name: str
    model: str  # "app_label.ModelName"; its rows have an ``owner``
    export: Callable[..., Iterable[CsvFile]]  # (user) -> the CSV files of this record type
    files: Callable[..., Iterable[FieldFile]] = field(default=lambda user: ())  # (user) -> stored files
    # (user) -> the rows that go with the account, for a model without an ``owner`` (memberships)
    rows: Callable[..., models.QuerySet] | None = None
    # (user) -> None, just before the account's rows of this type go: for rows others keep that
    # point at them (someone else's fill-up naming the user's station)
    letting_go: Callable[..., None] | None = None

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def owned(self, user) -> models.QuerySet:
        return self.rows(user) if self.rows else self.model_class.objects.filter(owner=user)


_registry: dict[str, RecordType] = {}


def register(record_type: RecordType) -> None:
    _registry[record_type.name] = record_type


def record_types() -> list[RecordType]:
    return list(_registry.values())


def model_rows(queryset: models.QuerySet, exclude: tuple[str, ...] = ("owner",)) -> Iterator[list[str]]:
    """A header of the model's column names, then each row's values as text (canonical units,
    as the field names say), for record types no importer reads."""
    fields = [f for f in queryset.model._meta.concrete_fields if f.name not in exclude]
    names = [f.attname for f in fields]
    writers = [_writer(f) for f in fields]
    yield names
    for values in queryset.values_list(*names).iterator(chunk_size=2000):
        yield ["" if value is None else write(value) for write, value in zip(writers, values, strict=True)]


def _writer(field: models.Field) -> Callable[[object], str]:
    """How a column's value is written: JSON as JSON, typed text never as a spreadsheet formula."""
    if isinstance(field, models.JSONField):
        return json.dumps
    if isinstance(field, models.CharField | models.TextField):
        return lambda value: as_text(str(value))
    return str


def deletion_order() -> list[type[models.Model]]:
    """The registered models, every one before any model it points at."""
    remaining = {rt.model_class for rt in record_types()}
    ordered: list[type[models.Model]] = []
    while remaining:
        referenced = {
            f.related_model
            for m in remaining
            for f in m._meta.concrete_fields
            if f.is_relation and f.related_model != m
        }
        leaves = [m for m in remaining if m not in referenced]
        if not leaves:
            raise RuntimeError(f"Registered models reference each other in a cycle: {remaining}")
        ordered += sorted(leaves, key=lambda m: m._meta.label)
        remaining -= set(leaves)
    return ordered


@transaction.atomic
def account_delete(*, user) -> dict[str, int]:
    """Every row of the user (live or in the trash) and then the user; their stored files go
    once that has committed. Anything left pointing at the user (an unregistered model) makes
    PostgreSQL refuse the whole deletion (PROTECT), so nothing is half deleted."""
    stored = [f for rt in record_types() for f in rt.files(user) if f]
    deleted = {}
    for model in deletion_order():
        for record_type in record_types():
            if record_type.model_class is model:
                if record_type.letting_go:
                    record_type.letting_go(user)
                count, _ = record_type.owned(user).delete()
                deleted[model._meta.label] = deleted.get(model._meta.label, 0) + count
    user.delete()
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in stored])
    return deleted


class _Sink(io.RawIOBase):
    """Where zipfile writes; what it wrote is taken out piece by piece for streaming."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


class _Line:
    def write(self, value: str) -> str:
        return value


def export_zip(user) -> Iterator[bytes]:
    """The user's export as a zip, produced piece by piece (never whole in memory): one CSV per
    record type (a feature may split one by vehicle, as the fill-up importer reads a vehicle's
    file), the stored files under ``documents/``, and ``manifest.json`` with the counts."""
    sink = _Sink()
    line = csv.writer(_Line())
    manifest = {"format": 1, "created_at": datetime.now(UTC).isoformat(), "record_types": {}, "documents": []}
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for record_type in record_types():
            counts = manifest["record_types"].setdefault(record_type.name, {})
            for name, rows in record_type.export(user):
                with archive.open(name, "w", force_zip64=True) as entry:
                    count = -1  # the header is not a record
                    for row in rows:
                        entry.write(line.writerow(row).encode())
                        count += 1
                        if len(sink.chunks) > 16:
                            yield sink.take()
                counts[name] = max(count, 0)
                yield sink.take()
            for stored in record_type.files(user):
                if not stored:
                    continue
                with (
                    stored.storage.open(stored.name, "rb") as source,
                    archive.open(f"documents/{stored.name}", "w") as entry,
                ):
                    while chunk := source.read(CHUNK):
                        entry.write(chunk)
                        yield sink.take()
                manifest["documents"].append(stored.name)
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    yield sink.take()


def record_count(user) -> int:
    """How many rows an export of this user holds (to decide whether the worker builds it)."""
    return sum(rt.owned(user).count() for rt in record_types())
