"""``manage.py import_catalog [FILE]``: load the vehicle catalog (EPA to 2015, vPIC after); quick and
harmless to re-run."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from platform_data import vpic
from platform_data.epa import SHIPPED_FILE, EpaFileError
from platform_data.models import Source
from platform_data.services import ImportResult, catalog_import
from platform_data.vpic import VpicFileError


class Command(BaseCommand):
    help = (
        "Load the vehicle catalog: the EPA's records (by default the file shipped with the app) and the "
        "later model years from NHTSA's vPIC data. Rows are matched by EPA id or vPIC key and only what "
        "changed is written; a bad file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=SHIPPED_FILE, help="an EPA .csv or .csv.gz file")
        parser.add_argument(
            "--vpic",
            dest="vpic_file",
            type=Path,
            default=vpic.shipped_file(),
            help="the vPIC catalog file (build_vpic_catalog writes it; by default the one shipped with the app)",
        )
        parser.add_argument("--no-vpic", action="store_true", help="load the EPA file alone")
        parser.add_argument(
            "--overwrite-curated",
            action="store_true",
            help="also replace configurations an admin has edited with the file's values",
        )

    def handle(
        self, *args, file: Path, vpic_file: Path, no_vpic: bool, overwrite_curated: bool, verbosity: int, **options
    ) -> None:
        vpic_path = None if no_vpic else vpic_file
        for path in (file, vpic_path):
            if path and not path.is_file():
                raise CommandError(f"{path}: no such file.")
        started = time.perf_counter()
        with tqdm(unit=" rows", desc="Importing", leave=False, disable=not self.stdout.isatty()) as bar:
            try:
                result = catalog_import(
                    path=file, vpic_path=vpic_path, overwrite_curated=overwrite_curated, progress=bar
                )
            except EpaFileError as exc:
                bad = vpic_path if isinstance(exc, VpicFileError) else file
                raise CommandError(f"{bad}, {exc}. Nothing was imported: the catalog is as it was.") from None
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
    lines += [
        f"{Source(source).label}: {count:,} rows, model years {result.years[source][0]}-{result.years[source][1]}."
        for source, count in result.rows.items()
    ]
    if result.kept_curated:
        lines.append(
            f"{result.kept_curated:,} curated configurations differ from the file and were kept "
            "(--overwrite-curated replaces them)."
        )
    if result.other_fuels:
        spellings = ", ".join(f"{name!r} ({count})" for name, count in result.other_fuels.most_common())
        lines.append(f"Fuel types with no mapping, stored as 'other': {spellings}.")
    return "\n".join(lines)
