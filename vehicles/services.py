"""Writes to vehicles that reach beyond one row: the records of every feature, their photos in
storage."""

import io
from collections.abc import Callable

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Model
from django.db.models.fields.files import FieldFile
from django.forms import ModelForm
from PIL import Image, ImageOps

from . import trash
from .models import OdometerReading, Vehicle, VehicleRecord

# Called as ``hook(vehicle, to_user)`` when a vehicle changes hands (households' transfer), before
# its records follow: for what a feature keeps about a vehicle outside its records (documents).
MOVE_HOOKS: list[Callable] = []


def on_move(hook: Callable) -> None:
    if hook not in MOVE_HOOKS:
        MOVE_HOOKS.append(hook)


def record_models() -> list[type[Model]]:
    """Every model of any feature that holds records of a vehicle."""
    return [model for model in apps.get_models() if issubclass(model, VehicleRecord)]


def record_counts(vehicles: list[Vehicle]) -> dict[int, int]:
    """How many records (live or trashed) each vehicle has: one query a record model."""
    counts = dict.fromkeys((vehicle.pk for vehicle in vehicles), 0)
    for model in record_models():
        rows = model.objects.filter(vehicle__in=counts).values("vehicle").annotate(n=Count("pk"))
        for row in rows:
            counts[row["vehicle"]] += row["n"]
    return counts


@transaction.atomic
def vehicle_purge(*, vehicle: Vehicle, with_records: bool) -> None:
    """Destroy a trashed vehicle for good. Without ``with_records`` a vehicle that still has
    records is refused (ProtectedError): the owner must say the records go too."""
    if with_records:
        for hook in trash.PURGE_HOOKS:
            hook(vehicle)
        for model in record_models():
            model.objects.filter(vehicle=vehicle).delete()
    files = [vehicle.photo, vehicle.photo_thumbnail]
    vehicle.delete()
    _delete_on_commit(files)


# A stored photo is re-encoded to at most this many pixels a side (a card or a page never shows
# more), and its thumbnail, which the garage's cards show, to this.
PHOTO_SIDE, THUMBNAIL_SIDE = 2048, 480


@transaction.atomic
def vehicle_save(*, form: ModelForm, owner) -> Vehicle:
    """Save a valid vehicle form. A new photo is stored re-encoded (what was uploaded is never
    served: no metadata, no second format hidden in the file) with a thumbnail; the files of the
    photo it replaces or clears go once the change is committed (an edit has no undo)."""
    vehicle = form.save(commit=False)
    if vehicle.owner_id is None:
        vehicle.owner = owner
    replaced: list[FieldFile] = []
    if "photo" in form.changed_data:
        if vehicle.pk:
            before = Vehicle.objects.get(pk=vehicle.pk)
            replaced = [before.photo, before.photo_thumbnail]
        if vehicle.photo:
            with Image.open(vehicle.photo) as image:  # stored under random names (models.photo_path)
                vehicle.photo = _jpeg(image, PHOTO_SIDE)
                vehicle.photo_thumbnail = _jpeg(image, THUMBNAIL_SIDE)
        else:
            vehicle.photo_thumbnail = None
    vehicle.save()
    form.save_m2m()
    _delete_on_commit(replaced)
    return vehicle


def _jpeg(image: Image.Image, side: int) -> ContentFile:
    """``image`` upright, flattened to RGB and scaled to fit ``side`` pixels, as a JPEG file."""
    image.draft("RGB", (side, side))  # a JPEG decodes at a fraction of its size: much less memory
    copy = ImageOps.exif_transpose(image).convert("RGB")
    copy.thumbnail((side, side))
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name="photo.jpg")


def _delete_on_commit(files: list[FieldFile]) -> None:
    for file in files:
        if file:
            transaction.on_commit(lambda file=file: file.storage.delete(file.name))


@transaction.atomic
def odometer_readings_import(*, readings: list[OdometerReading]) -> int:
    """Store many readings at once (an import), checked by its plan."""
    OdometerReading.objects.bulk_create(readings, batch_size=1000)
    return len(readings)
