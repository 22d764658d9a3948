"""Import another app's history for a user from the command line (an operator moving a household
over): the preview as a report, then all of the files or nothing."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from imports import formats, reading, services
from imports import plan as plans


class Command(BaseCommand):
    help = "Import fill-ups from Fuelly, Fuelio, Drivvo, Spritmonitor, LubeLogger or our exports, all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--user", required=True, help="the username whose account receives the history")
        parser.add_argument("--format", choices=[name for name, _ in formats.FORMAT_CHOICES], default="")
        parser.add_argument("--date-order", choices=sorted(reading.DATE_ORDERS), default="")
        parser.add_argument("--decimal-mark", choices=[".", ","], default="")
        parser.add_argument(
            "--vehicle", action="append", default=[], metavar="NAME=ID",
            help="send the file's vehicle NAME to the user's vehicle ID (or 'new'); by default a vehicle of the"
            " same name, else a new one",
        )  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="report what would be imported, store nothing")

    def handle(self, *args, files: list[Path], user: str, dry_run: bool, **options) -> None:
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"No user named {user!r}.")
        vehicles = dict(pair.split("=", 1) for pair in options["vehicle"] if "=" in pair)
        choices = plans.Choices(
            format=options["format"],
            date_order=options["date_order"],
            decimal_mark=options["decimal_mark"],
            vehicles=vehicles,
        )
        contents = {path: self._read(path) for path in files}
        ready = True
        for path, raw in contents.items():
            ready &= self._report(path, owner, raw, choices)
        if not ready:
            raise CommandError("Nothing was imported: fix the files (or the choices) above and run it again.")
        if dry_run:
            self.stdout.write("Dry run: nothing was stored.")
            return
        with transaction.atomic(), tqdm(total=0, unit=" rows", disable=not sys.stdout.isatty()) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            stored = records = 0
            for path, raw in contents.items():
                try:
                    result = services.import_run(user=owner, raw=raw, choices=choices, progress=progress)
                except (plans.UnreadableFile, services.NotImported) as problem:
                    raise CommandError(f"{path}: {problem} Nothing was imported.") from None
                stored, records = stored + result["stored"], records + result["records"]
        others = f" and {records - stored} other records" if records > stored else ""
        self.stdout.write(self.style.SUCCESS(f"Imported {stored} fill-ups{others} from {len(contents)} file(s)."))

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as problem:
            raise CommandError(f"{path}: {problem.strerror}.") from None

    def _report(self, path: Path, owner, raw: bytes, choices: plans.Choices) -> bool:
        """The preview of one file, as text; whether it can be imported as it is."""
        try:
            plan = plans.build(owner, raw, choices)
        except plans.UnreadableFile as problem:
            self.stderr.write(f"{path}: {problem}")
            return False
        self.stdout.write(f"{path}: {plan.format}")
        for vehicle_plan in plan.vehicles:
            target = (
                f"a new vehicle ({vehicle_plan.vehicle})"
                if vehicle_plan.new
                else f"#{vehicle_plan.vehicle.pk} {vehicle_plan.vehicle}"
            )
            line = f"  {vehicle_plan.file_vehicle.name} -> {target}: {len(vehicle_plan.logs)} fill-ups"
            line += "".join(f", {count} {name}" for name, count in vehicle_plan.records.counts().items() if count)
            if vehicle_plan.records.estimated:
                line += f" ({len(vehicle_plan.records.estimated)} services without an odometer: the reading before)"
            if vehicle_plan.duplicates:
                line += f", {len(vehicle_plan.duplicates)} already there (skipped)"
            if vehicle_plan.paid_differences:
                line += f", {vehicle_plan.paid_differences} totals kept where quantity x price differs"
            self.stdout.write(line)
        if plan.documents or plan.stations:
            self.stdout.write(
                f"  and {len(plan.documents)} documents (with their files), {len(plan.stations)} stations"
            )
        for skipped in plan.skipped:
            self.stdout.write(f"  not imported: {skipped}")
        for question in plan.questions:
            option = {"date_order": "--date-order dmy|mdy", "decimal_mark": "--decimal-mark .|,"}[question]
            self.stderr.write(f"  the file does not decide its {question.replace('_', ' ')}: give {option}")
        for rejection in plan.rejected:
            self.stderr.write(f"  {rejection}")
        return not plan.blocked
