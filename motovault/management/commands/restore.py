from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motovault import backup


class Command(BaseCommand):
    help = "Restore an archive from `backup` into an empty database and storage, verifying its manifest."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, file: Path, **options) -> None:
        try:
            manifest = backup.restore_backup(file)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["database"]["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {file.name}: {rows} rows in {len(manifest['database']['row_counts'])} tables and "
                f"{len(manifest['documents'])} documents, all matching the manifest."
            )
        )
