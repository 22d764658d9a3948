"""Every write to stations: add, edit, favourite, trash, restore, purge."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from stations.models import Station


@transaction.atomic
def station_save(*, station: Station) -> Station:
    """Save a new or edited station. A place the user already has (same provider id) is refused."""
    try:
        with transaction.atomic():
            station.save()
    except IntegrityError:
        raise ValidationError("This place is already one of your stations.") from None
    return station


@transaction.atomic
def station_named(*, owner, name: str, latitude: Decimal | None = None, longitude: Decimal | None = None) -> Station:
    """The fill-up form's "new station" (and an imported fill-up's): the user's live station of
    that name (any case), else a new one (at ``latitude``, ``longitude`` if known), so a form
    posted twice or a name typed again makes no second station."""
    name = " ".join(name.split())
    existing = Station.objects.for_user(owner).filter(name__iexact=name).order_by("pk").first()
    return existing or station_save(station=Station(owner=owner, name=name, latitude=latitude, longitude=longitude))


def station_favourite(*, station: Station, favourite: bool) -> None:
    station.is_favourite = favourite
    station.save(update_fields=["is_favourite", "updated_at"])


def station_trash(*, station: Station) -> None:
    """To the trash: out of the picker and the rankings; its fill-ups keep naming it."""
    station.deleted_at = timezone.now()
    station.save(update_fields=["deleted_at", "updated_at"])


@transaction.atomic
def station_restore(*, station: Station) -> None:
    """Back from the trash, unless a live station of the user is the same place by now."""
    station.deleted_at = None
    station_save(station=station)


@transaction.atomic
def station_purge(*, station: Station) -> None:
    """Delete a trashed station for good. One that fill-ups name (live or trashed) stays: its
    prices are the receipts' history (ValidationError)."""
    fill_ups = station.fuellogs.count()
    if fill_ups:
        raise ValidationError(
            f"{station} is named by {fill_ups} fill-up{'s' if fill_ups != 1 else ''}: it can stay in the trash, "
            "but not be deleted for good."
        )
    station.delete()
