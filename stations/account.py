"""Stations in a user's export: every station, live and trashed (``deleted_at`` says which),
coordinates in degrees; and which station each fill-up names, by the fill-up's vehicle and time
(what the fill-ups' own files carry), so the link survives a move to another instance."""

from collections.abc import Iterator

from fuel_logs.models import FuelLog
from motovault.accountdata import CsvFile, model_rows

from .models import Station


def station_files(user) -> Iterator[CsvFile]:
    yield "stations/stations.csv", model_rows(Station.objects.filter(owner=user).order_by("pk"))
    yield "stations/fill-up-stations.csv", _fill_up_stations(user)


def _fill_up_stations(user) -> Iterator[list[str]]:
    yield ["vehicle_id", "filled_at", "station_id", "station_name"]
    named = FuelLog.objects.filter(owner=user, station__isnull=False).order_by("vehicle_id", "filled_at", "id")
    for vehicle_id, filled_at, station_id, name in named.values_list(
        "vehicle_id", "filled_at", "station_id", "station__name"
    ).iterator(chunk_size=2000):
        yield [str(vehicle_id), filled_at.isoformat(), str(station_id), name]


def stations_letting_go(user) -> None:
    """Fill-ups someone else keeps (of a vehicle shared with the user, or handed over) stop naming
    the user's stations as the account goes: a station is personal, the fill-up stays."""
    FuelLog.objects.filter(station__owner=user).exclude(owner=user).update(station=None)
