"""``manage.py import_catalog [FILE]``: load the EPA vehicle catalog; quick and harmless to re-run."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from platform_data.epa import SHIPPED_FILE, EpaFileError
from platform_data.services import ImportResult, catalog_import


class Command(BaseCommand):
    help = (
        "Load the EPA vehicle catalog (by default the file shipped with the app). Rows are matched by "
        "EPA id and only what changed is written; a bad file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=SHIPPED_FILE, help="an EPA .csv or .csv.gz file")
        parser.add_argument(
            "--overwrite-curated",
            action="store_true",
            help="also replace configurations an admin has edited with the file's values",
        )

    def handle(self, *args, file: Path, overwrite_curated: bool, verbosity: int, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file.")
        started = time.perf_counter()
        with tqdm(unit=" rows", desc="Importing", leave=False, disable=not self.stdout.isatty()) as bar:
            try:
                result = catalog_import(path=file, overwrite_curated=overwrite_curated, progress=bar)
            except EpaFileError as exc:
                raise CommandError(f"{file}, {exc}. Nothing was imported: the catalog is as it was.") from None
        if verbosity:
            self.stdout.write(summary(result, seconds=time.perf_counter() - started))


def summary(result: ImportResult, *, seconds: float) -> str:
    total = result.created + result.updated + result.unchanged + result.kept_curated
    if result.changed:
        lines = [
            f"Catalog import: {result.created:,} created, {result.updated:,} updated, "
            f"{result.unchanged:,} unchanged ({result.makes_created:,} new makes, "
            f"{result.models_created:,} new models) in {seconds:.1f} s."
        ]
    else:
        lines = [f"Catalog import: nothing changed; all {total:,} configurations are up to date ({seconds:.1f} s)."]
    if result.kept_curated:
        lines.append(
            f"{result.kept_curated:,} curated configurations differ from the file and were kept "
            "(--overwrite-curated replaces them)."
        )
    if result.other_fuels:
        spellings = ", ".join(f"{name!r} ({count})" for name, count in result.other_fuels.most_common())
        lines.append(f"Fuel types with no mapping, stored as 'other': {spellings}.")
    return "\n".join(lines)
