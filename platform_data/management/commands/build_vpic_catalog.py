"""``manage.py build_vpic_catalog``: rebuild the shipped vPIC catalog file from the installed ultravin."""

import time

import ultravin
from django.core.management.base import BaseCommand

from platform_data import vpic


class Command(BaseCommand):
    help = (
        "Write platform_data/data/vpic-<data month>.csv.gz from the vPIC data in the installed ultravin "
        "(after upgrading it; two to three minutes). import_catalog loads the file."
    )
    requires_system_checks = []  # a build step: it needs neither the database nor the URLs

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        rows = vpic.build_rows()
        path = vpic.shipped_file()
        vpic.write_file(path, rows)
        years = sorted({row.year for row in rows})
        self.stdout.write(
            f"{path.name}: {len(rows):,} configurations of {len({(r.make, r.model) for r in rows}):,} models, "
            f"model years {years[0]}-{years[-1]}, from ultravin {ultravin.__version__} "
            f"in {time.perf_counter() - started:.0f} s."
        )
