"""Imports in a user's export (what was uploaded when, and what came of it) and their deletion."""

from collections.abc import Iterator

from motovault.accountdata import CsvFile, model_rows

from .models import ImportBatch


def import_files(user) -> Iterator[CsvFile]:
    # The uploads themselves are copies of data the export holds already.
    yield (
        "imports.csv",
        model_rows(
            ImportBatch.objects.filter(owner=user).order_by("pk").defer("content"), exclude=("owner", "content")
        ),
    )
