"""The history import's timing (issue 15): a Fuelly file of N fill-ups of one car, newest first,
previewed and then imported into an account of its own, in the database as it is (run by
``bench/run.py`` right after migrating a fresh one, so the fill-up table has no statistics yet);
then Fuelly's services.csv of the same car, N rows too (services and expenses), previewed and
imported onto it. Prints a line per size and, last, the figures as JSON.

    python bench/imports.py 500 5000 50000
"""

import datetime
import json
import os
import sys
import time
from pathlib import Path

HEADER = "car_name, model, mpg, odometer, miles, gallons, price, city_percentage, fuelup_date, date_added, tags, notes"
HEADER += ", missed_fuelup, partial_fuelup, latitude, longitude, brand"


def fuelly_file(rows: int) -> bytes:
    """``rows`` fill-ups a day apart up to yesterday, every fifth one partial, newest first; the
    trips shorter the more rows, so that the odometer stays plausible."""
    start = datetime.date.today() - datetime.timedelta(days=rows + 1)
    trip = min(300, 900_000 // rows)
    lines = []
    for n in range(rows):
        day = start + datetime.timedelta(days=n)
        partial = int(n % 5 == 4)
        lines.append(f"Bench, Civic, 0, {10_000 + trip * n}, {trip}, {9 + n % 3}.5, 3.{n % 10}99, 50, {day}, {day}, , ")
        lines[-1] += f", 0, {partial}, , , Shell"
    return "\n".join([HEADER, *reversed(lines)]).encode()


SERVICES_HEADER = "car_name, model, service_type, service_date, odometer, miles, price, sub_service_types, notes, tags"


def fuelly_services_file(rows: int) -> bytes:
    """``rows`` services and expenses of the fill-ups' car, on the fill-ups' days and odometers."""
    start = datetime.date.today() - datetime.timedelta(days=rows + 1)
    trip = min(300, 900_000 // rows)
    lines = []
    for n in range(rows):
        day = start + datetime.timedelta(days=n)
        kind, what = ("expense", "parking") if n % 3 == 2 else ("service", '"engine_oil,oil_filter"')
        lines.append(f"Bench, Civic, {kind}, {day}, {10_000 + trip * n}, , {40 + n % 50}.90, {what}, , ")
    return "\n".join([SERVICES_HEADER, *reversed(lines)]).encode()


def timed(user, raw: bytes) -> tuple[float, float, dict]:
    from imports import plan, services

    started = time.perf_counter()
    preview = plan.build(user, raw, plan.Choices())
    previewed = time.perf_counter() - started
    if not preview.ready:
        sys.exit(f"the bench file is not ready to import: {[str(r) for r in preview.rejected[:3]]}")
    started = time.perf_counter()
    result = services.import_run(user=user, raw=raw, choices=plan.Choices())
    return previewed, time.perf_counter() - started, result


def measure(rows: int) -> dict:
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username=f"bench-import-{rows}-{time.time_ns()}")
    previewed, imported, result = timed(user, fuelly_file(rows))
    assert result["stored"] == rows
    services_previewed, services_imported, result = timed(user, fuelly_services_file(rows))
    assert result["records"] == rows
    return {
        "rows": rows,
        "preview_s": round(previewed, 2),
        "import_s": round(imported, 2),
        "services_preview_s": round(services_previewed, 2),
        "services_import_s": round(services_imported, 2),
    }


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motovault.settings.dev")
    import django

    django.setup()
    figures = []
    for rows in map(int, sys.argv[1:] or ["500", "5000"]):
        figures.append(measure(rows))
        f = figures[-1]
        per_k = f["import_s"] / rows * 1000
        print(
            f"  {rows:>6} rows: preview {f['preview_s']:6.2f} s,"
            f" import {f['import_s']:6.2f} s ({per_k:.2f} s per 1,000); services.csv: preview"
            f" {f['services_preview_s']:6.2f} s, import {f['services_import_s']:6.2f} s"
        )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
