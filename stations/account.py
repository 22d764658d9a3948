"""Stations in a user's export: one CSV of every station, live and trashed (``deleted_at`` says
which), coordinates in degrees."""

from collections.abc import Iterator

from motovault.accountdata import CsvFile, model_rows

from .models import Station


def station_files(user) -> Iterator[CsvFile]:
    yield "stations/stations.csv", model_rows(Station.objects.filter(owner=user).order_by("pk"))
