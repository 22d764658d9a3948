"""Every write to documents: upload, edit, trash, restore, purge, and what a vehicle's purge does to
them. A stored file is removed only by a purge, and only once no document (live or trashed) of the
owner points at it any more: the same bytes are stored once per owner."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.urls import reverse

from vehicles.access import Role, require
from vehicles.models import Vehicle

from .models import Document, DocumentPreferences, DocumentVehicle
from .storage import document_storage
from .thumbnails import thumbnail
from .validation import Inspected


def _require_all(user, vehicles: Iterable[Vehicle], role: Role) -> None:
    for vehicle in vehicles:
        require(user, vehicle, role)


def duplicate_of(owner, sha256: str, vehicles: list[Vehicle], exclude: int | None = None) -> Document | None:
    """The owner's document (live or in the trash) with these bytes that already covers one of ``vehicles``."""
    found = Document.objects.filter(owner=owner, sha256=sha256, links__vehicle__in=vehicles).exclude(pk=exclude)
    return found.order_by("pk").first()


def duplicate_message(document: Document) -> str:
    where = "in the trash" if document.deleted_at else f"at {reverse('documents:detail', args=[document.pk])}"
    return f"This file is already stored for this vehicle as “{document.title}” ({where}); it was not stored twice."


@transaction.atomic
def documents_create(
    *, user, template: Document, vehicles: list[Vehicle], files: list[tuple[UploadedFile, Inspected]]
) -> list[Document]:
    """Store checked uploads as new documents about ``vehicles`` (the user's role on each must allow
    adding records), each a copy of ``template`` (its title, when blank, the file's name). The
    same bytes already filed for one of these vehicles are refused (a ValidationError naming that
    document); already stored for another of the owner's vehicles, the stored file is shared
    rather than copied. All or nothing: if any row fails, no file is left in storage."""
    _require_all(user, vehicles, Role.DRIVER)
    owner = vehicles[0].owner
    # The vehicles' rows are locked: two uploads of the same file at once cannot both pass the check.
    list(Vehicle.objects.select_for_update().filter(pk__in=[v.pk for v in vehicles]).order_by("pk"))
    created: list[Document] = []
    stored: list[str] = []
    try:
        for upload, inspected in files:
            if earlier := duplicate_of(owner, inspected.sha256, vehicles):
                raise ValidationError(duplicate_message(earlier), code="duplicate")
            document = _copy(template, owner, upload, inspected)
            stored += _store(document, upload, inspected)
            document.save()
            DocumentVehicle.objects.bulk_create(
                DocumentVehicle(owner=owner, vehicle=vehicle, document=document, entered_by=user)
                for vehicle in vehicles
            )
            created.append(document)
    except BaseException:
        for name in stored:
            document_storage.delete(name)
        raise
    return created


def _copy(template: Document, owner, upload: UploadedFile, inspected: Inspected) -> Document:
    copied = [f.attname for f in Document._meta.concrete_fields if not (f.primary_key or f.generated)]
    document = Document(**{name: getattr(template, name) for name in copied if name not in ("file", "thumbnail")})
    document.owner = owner
    document.original_name = upload.name
    document.title = template.title or upload.name.rsplit(".", 1)[0][:200] or upload.name[:200]
    document.content_type, document.size, document.sha256 = inspected.content_type, inspected.size, inspected.sha256
    return document


def _store(document: Document, upload: UploadedFile, inspected: Inspected) -> list[str]:
    """Put the file (and its preview) in storage, or point at the owner's copy of the same bytes;
    answers the names this call stored."""
    same_bytes = Document.objects.filter(owner=document.owner, sha256=inspected.sha256).order_by("pk").first()
    if same_bytes is not None:
        document.file.name, document.thumbnail.name = same_bytes.file.name, same_bytes.thumbnail.name
        return []
    document.file.save("upload", upload, save=False)
    stored = [document.file.name]
    if preview := thumbnail(upload, inspected.content_type):
        document.thumbnail.save(preview.name, preview, save=False)
        stored.append(document.thumbnail.name)
    return stored


@transaction.atomic
def document_update(*, user, document: Document, vehicles: list[Vehicle]) -> Document:
    """Save an edited document and the vehicles it covers now: the user's role must allow adding
    records to every vehicle it covered and covers."""
    before = list(Vehicle.objects.filter(documentvehicles__document=document))
    _require_all(user, {*before, *vehicles}, Role.DRIVER)
    if earlier := duplicate_of(document.owner, document.sha256, vehicles, exclude=document.pk):
        raise ValidationError(duplicate_message(earlier), code="duplicate")
    document.save()
    # A vehicle in the trash is not offered by the form: the document keeps covering it.
    keep = {vehicle.pk for vehicle in vehicles} | {vehicle.pk for vehicle in before if vehicle.deleted_at}
    DocumentVehicle.objects.filter(document=document).exclude(vehicle__in=keep).delete()
    have = {vehicle.pk for vehicle in before}
    DocumentVehicle.objects.bulk_create(
        DocumentVehicle(owner=document.owner, vehicle=vehicle, document=document, entered_by=user)
        for vehicle in vehicles
        if vehicle.pk not in have
    )
    return document


def _covered(document: Document) -> list[Vehicle]:
    return list(Vehicle.objects.filter(documentvehicles__document=document, deleted_at__isnull=True))


def require_on_covered(user, document: Document, role: Role) -> None:
    """Refuse (403) unless the user's role on every live vehicle the document covers is ``role``."""
    _require_all(user, _covered(document), role)


@transaction.atomic
def document_trash(*, user, document: Document) -> None:
    require_on_covered(user, document, Role.DRIVER)
    document.soft_delete()


@transaction.atomic
def document_restore(*, user, document: Document) -> None:
    require_on_covered(user, document, Role.DRIVER)
    document.restore()


@transaction.atomic
def document_purge(*, user, document: Document) -> None:
    """Destroy a trashed document for good, and its stored files unless another document of the
    owner has the same bytes."""
    require_on_covered(user, document, Role.MANAGER)
    _destroy([document])


def _destroy(documents: list[Document]) -> None:
    """Delete the rows (links first), then, once committed, the files no remaining row points at."""
    if not documents:
        return
    ids = [document.pk for document in documents]
    DocumentVehicle.objects.filter(document__in=ids).delete()
    Document.objects.filter(pk__in=ids).delete()
    names = {name for d in documents for name in (d.file.name, d.thumbnail.name) if name}
    # Any owner's: a vehicle that changed hands took its documents' stored files with it.
    still_used = set(Document.objects.filter(file__in=names).values_list("file", flat=True)) | set(
        Document.objects.filter(thumbnail__in=names).values_list("thumbnail", flat=True)
    )
    for name in sorted(names - still_used):
        transaction.on_commit(lambda name=name: document_storage.delete(name))


def vehicle_purged(vehicle: Vehicle) -> None:
    """Before a vehicle is purged with its records: a document about it alone goes with it (its file
    too, if nothing else holds the same bytes); one that covers other vehicles too only stops
    covering it (and drops a fill-up or service of this vehicle it was attached to)."""
    documents = list(Document.objects.filter(links__vehicle=vehicle))
    shared = set(
        DocumentVehicle.objects.filter(document__in=documents)
        .exclude(vehicle=vehicle)
        .values_list("document", flat=True)
    )
    DocumentVehicle.objects.filter(vehicle=vehicle, document__in=shared).delete()
    Document.objects.filter(pk__in=shared, fuel_log__vehicle=vehicle).update(fuel_log=None)
    Document.objects.filter(pk__in=shared, service_record__vehicle=vehicle).update(service_record=None)
    _destroy([document for document in documents if document.pk not in shared])


def vehicle_moved(vehicle: Vehicle, to_user) -> None:
    """Before a vehicle changes hands (its links follow as its records): a document about it alone
    goes with it; one that covers other vehicles too stays, and the new owner gets a copy (the
    same stored file) covering this one, with the fill-up of this vehicle it was attached to."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS documents_documentvehicle_owner_is_document_owner DEFERRED")
    documents = list(Document.objects.filter(links__vehicle=vehicle).select_related("fuel_log"))
    shared = set(
        DocumentVehicle.objects.filter(document__in=documents)
        .exclude(vehicle=vehicle)
        .values_list("document", flat=True)
    )
    Document.objects.filter(pk__in=[d.pk for d in documents if d.pk not in shared]).update(owner=to_user)
    for document in (d for d in documents if d.pk in shared):
        here = document.fuel_log is not None and document.fuel_log.vehicle_id == vehicle.pk
        copy = Document(**{f.attname: getattr(document, f.attname) for f in COPIED}, owner=to_user)
        copy.fuel_log = document.fuel_log if here else None
        copy.save()
        DocumentVehicle.objects.filter(document=document, vehicle=vehicle).update(document=copy)
        if here:
            Document.objects.filter(pk=document.pk).update(fuel_log=None)


COPIED = [f for f in Document._meta.concrete_fields if not (f.primary_key or f.generated or f.name == "owner")]


def preferences_save(*, user, notice_days: int) -> DocumentPreferences:
    preferences, _ = DocumentPreferences.objects.update_or_create(owner=user, defaults={"notice_days": notice_days})
    return preferences
