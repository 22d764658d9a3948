"""Imports' writes: keeping an upload for its preview, and storing what its plan creates, all of
it or nothing. Fill-ups are stored through ``fuel_logs.services`` (the economy follows)."""

import time
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from costs.services import costs_import
from documents.models import Document
from documents.services import documents_create
from documents.storage import document_storage
from documents.validation import inspect
from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_logs_import
from imports import plan as plans
from imports.export_documents import read_member
from imports.models import ImportBatch
from imports.sections import Records
from maintenance.services import reminders_import, service_records_import
from motovault import metrics
from stations.models import Station
from stations.services import station_named, station_save
from vehicles import access
from vehicles.access import Role
from vehicles.models import Vehicle
from vehicles.services import odometer_readings_import

KIND = "history"
# Past this many lines a file is checked (its preview) and imported in the worker, its page polling.
IN_REQUEST_ROWS = 5_000


class NotImported(Exception):
    """The plan is not ready any more (the data changed since the preview): nothing was stored."""


def is_big(raw: bytes) -> bool:
    """Whether a file has more rows than a request checks or imports (its lines, counted cheaply)."""
    return raw.count(b"\n") > IN_REQUEST_ROWS


@transaction.atomic
def import_batch_create(*, user, file_name: str, content: bytes, choices: plans.Choices) -> ImportBatch:
    """Keep an upload for its preview; a big file's preview is checked by the worker."""
    batch = ImportBatch(owner=user, file_name=file_name[:255], content=content, choices=_as_dict(choices))
    batch.save()
    if is_big(content):
        _check_in_worker(batch)
    return batch


@transaction.atomic
def import_batch_choose(*, batch: ImportBatch, choices: plans.Choices) -> ImportBatch:
    """The preview's answers; a big file is checked again with them."""
    batch.choices, batch.preview, batch.result = _as_dict(choices), {}, {}
    batch.save(update_fields=["choices", "preview", "result", "updated_at"])
    if is_big(bytes(batch.content)):
        _check_in_worker(batch)
    return batch


def _check_in_worker(batch: ImportBatch) -> None:
    from imports import tasks

    batch.status = ImportBatch.Status.CHECKING
    batch.save(update_fields=["status", "updated_at"])
    tasks.check_import.defer(batch_id=batch.pk)


def import_batch_check(*, batch: ImportBatch) -> None:
    """A big file's preview, built in the worker and kept on the batch for its page."""
    batch.preview = plans.preview(batch.owner, bytes(batch.content), choices_of(batch))
    batch.status = ImportBatch.Status.PREVIEW
    batch.save(update_fields=["preview", "status", "updated_at"])


def choices_of(batch: ImportBatch) -> plans.Choices:
    return plans.Choices(**batch.choices)


def _as_dict(choices: plans.Choices) -> dict:
    return {name: getattr(choices, name) for name in plans.Choices.__dataclass_fields__}


@transaction.atomic
def import_run(*, user, raw: bytes, choices: plans.Choices, progress: Callable[[int, int], None] | None = None) -> dict:
    """Build the plan again and store it whole: the vehicles it creates, then every fill-up (a
    file all of whose rows are there already stores nothing). NotImported (nothing stored) when
    it has rejections or questions now."""
    started = time.perf_counter()
    try:
        plan = plans.build(user, raw, choices)
    except plans.UnreadableFile:
        metrics.import_finished(KIND, "unreadable", started)
        raise
    if plan.blocked:
        metrics.import_finished(KIND, "rejected", started, rejected=len(plan.rejected))
        raise NotImported(f"{len(plan.rejected)} rows are rejected now: look at the preview again.")
    logs, summary = [], []
    others = Records()
    filed = {vp.file_vehicle.key for document in plan.documents for vp in document.vehicles}
    for vehicle_plan in plan.vehicles:
        records = vehicle_plan.records
        if not vehicle_plan.logs and not records.count and vehicle_plan.file_vehicle.key not in filed:
            continue
        new = vehicle_plan.new  # until it is saved below
        vehicle = vehicle_plan.vehicle = _vehicle_for(user, vehicle_plan.vehicle)
        for log in vehicle_plan.logs:
            log.vehicle = vehicle
        for record in records.rows():
            record.vehicle = vehicle
        for record in [*vehicle_plan.logs, *records.rows()]:
            record.assign(user)  # the vehicle owner's, entered by whoever imports it
        logs += vehicle_plan.logs
        others.extend(records)
        summary.append(
            {
                "vehicle": vehicle.pk,
                "name": str(vehicle),
                "stored": len(vehicle_plan.logs),
                "new": new,
                "duplicates": len(vehicle_plan.duplicates),
                **records.counts(),
            }
        )
    for station in plan.stations:
        station_save(station=station)
    _name_stations(user, plan)
    stored = fuel_logs_import(logs=logs, progress=progress)
    odometer_readings_import(readings=[reading for _, reading in others.readings])
    service_records_import(
        records=[(record, items) for _, record, items in others.services], complete=not others.reminders
    )
    costs_import(costs=[cost for _, cost in others.costs])
    reminders_import(reminders=others.reminders)
    _file_documents(user, plan, raw)
    total = stored + others.count + len(plan.documents) + len(plan.stations)
    metrics.import_finished(KIND, "stored", started, stored=total)
    return {"stored": stored, "records": total, "documents": len(plan.documents), "vehicles": summary}


def _file_documents(user, plan: plans.Plan, raw: bytes) -> None:
    """Our export's documents, each stored again from its file in the archive (checked as an
    upload is) and filed under its vehicles and its service as in the export. Should one fail,
    the files this stored are removed again (the rows go with the transaction); a file shared
    with a document stored before stays."""
    stored: list[str] = []
    try:
        for planned in plan.documents:
            document, vehicles = planned.document, [vp.vehicle for vp in planned.vehicles]
            document.service_record = next(
                (vp.records.by_ref[planned.service] for vp in planned.vehicles if planned.service in vp.records.by_ref),
                None,
            )
            document.fuel_log = _fill_up_of(planned)
            new_bytes = not Document.objects.filter(owner=vehicles[0].owner, sha256=document.sha256).exists()
            upload = SimpleUploadedFile(document.original_name, read_member(raw, planned.member), document.content_type)
            try:
                [created] = documents_create(
                    user=user, template=document, vehicles=vehicles, files=[(upload, inspect(upload))]
                )
            except ValidationError as problem:
                raise NotImported(
                    f"Line {planned.line}: the document “{document.title}”: {problem.messages[0]}"
                ) from None
            if new_bytes:
                stored += [name for name in (created.file.name, created.thumbnail.name) if name]
    except BaseException:
        for name in stored:
            document_storage.delete(name)
        raise


def _fill_up_of(planned) -> FuelLog | None:
    """The fill-up (stored by this import, or there before) a receipt of our export is of."""
    if planned.fill_up is None:
        return None
    vehicle_plan, when = planned.fill_up
    found = (log for log in vehicle_plan.logs if log.filled_at == when)
    return next(found, None) or FuelLog.objects.filter(vehicle=vehicle_plan.vehicle, filled_at=when).first()


def _name_stations(user, plan: plans.Plan) -> None:
    """Each fill-up bought at a place the file names gets the user's station of that name, made
    (with the file's coordinates) when the user has none: one per name, however many rows."""
    stations: dict[str, Station] = {}
    for vehicle_plan in plan.vehicles:
        for log, place in zip(vehicle_plan.logs, vehicle_plan.places, strict=True):
            if place is None:
                continue
            key = place.name.lower()
            if key not in stations:
                stations[key] = station_named(
                    owner=user, name=place.name, latitude=place.latitude, longitude=place.longitude
                )
            log.station = stations[key]


def _vehicle_for(user, planned: Vehicle) -> Vehicle:
    """The plan's vehicle, fetched again as the user may see it and checked for the role that
    adds records; or created, owned by the user."""
    if planned.pk is not None:
        vehicle = Vehicle.objects.for_user(user).get(pk=planned.pk)
        access.require(user, vehicle, Role.DRIVER)
        return vehicle
    planned.owner = user
    try:
        planned.full_clean()
    except ValidationError as problem:
        raise NotImported(f"The vehicle “{planned}” cannot be created: {problem.messages[0]}") from None
    planned.save()
    return planned


def import_batch_run(*, batch: ImportBatch, progress: Callable[[int, int], None] | None = None) -> ImportBatch:
    """Run a confirmed import and keep its outcome on the batch: done, or back to its preview
    with why nothing was stored."""
    batch.status = ImportBatch.Status.RUNNING
    batch.save(update_fields=["status", "updated_at"])
    try:
        batch.result = import_run(
            user=batch.owner, raw=bytes(batch.content), choices=choices_of(batch), progress=progress
        )
        batch.status = ImportBatch.Status.DONE
    except (plans.UnreadableFile, NotImported) as problem:
        batch.result, batch.status = {"error": str(problem)}, ImportBatch.Status.PREVIEW
    batch.save(update_fields=["status", "result", "updated_at"])
    return batch


def import_batch_failed(*, batch: ImportBatch) -> None:
    """A job that broke (a bug, the database gone): back to the preview, saying nothing was stored."""
    batch.status, batch.result = ImportBatch.Status.PREVIEW, {"error": "The import failed; nothing was stored."}
    batch.preview = batch.preview or {"problem": "The file could not be checked."}
    batch.save(update_fields=["status", "result", "preview", "updated_at"])


def import_batch_queue(*, batch: ImportBatch) -> None:
    """Hand a big import to the worker; the job exists exactly when this commits."""
    from imports import tasks

    batch.status = ImportBatch.Status.QUEUED
    batch.save(update_fields=["status", "updated_at"])
    tasks.run_import.defer(batch_id=batch.pk)


def import_batches_prune(*, older_than) -> int:
    """Uploads are kept for their preview and for looking into, then go (a copy of someone's data)."""
    deleted, _ = ImportBatch.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
