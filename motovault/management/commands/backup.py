from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motovault import backup


class Command(BaseCommand):
    help = "Write the database and the stored documents into one dated archive with a manifest (make backup)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="where archives go (default: BACKUP_DIR)")
        parser.add_argument("--keep", type=int, default=0, help="then keep only the newest N archives (0: keep all)")

    def handle(self, dir: Path | None, keep: int, **options) -> None:
        directory = dir or settings.BACKUP_DIR
        try:
            path = backup.create_backup(directory)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))
        for old in backup.prune(directory, keep):
            self.stdout.write(f"Removed old backup {old.name}")
