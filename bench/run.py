"""`make bench`: how fast every main page is with a huge garage, against the framework's floor.

Builds a database of its own (``motovault_bench``), times the catalog import and the seeding,
serves the app with gunicorn and the production settings on 127.0.0.1, and drives each page with
``wrk`` (a separate process) signed in with a session cookie. Prints, per page: requests per
second, its ratio to the floor (``/api/me``: signed in, the full middleware stack, nothing else),
p50/p95/p99 latency at the chosen concurrency, and SQL queries per request (counted in-process
with the same data). Pages keep their costly values in the cache until the user's data changes, so
each page is also timed in-process on its first visit after a change, with its queries then. Last,
quick entry's POST under the same load: a fill-up logged per request, each vehicle's economy
recomputed; then the REST API with a personal token and no session: a page of a vehicle's
fill-ups, and the same fill-up created per request as JSON. Writes the table to bench/results.json.
"""

import argparse
import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {
    **os.environ,
    "DATABASE_NAME": os.environ.get("BENCH_DATABASE_NAME", "motovault_bench"),
    "REDIS_DB": os.environ.get("BENCH_REDIS_DB", "8"),
    "DJANGO_SETTINGS_MODULE": "motovault.settings.prod",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-production",
    "SECURE_COOKIES": "false",
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "PASSWORD_LOGIN_ENABLED": "true",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
    # The API's limit a token a minute would turn the load into 429s; each request is still counted.
    "API_RATE_PER_MINUTE": "1000000000",
}
# The overhead of Prometheus metrics: run once as is and once with METRICS_ENABLED=false.
METRICS = ENV.get("METRICS_ENABLED", "true").lower() != "false"
TARGET_RATIO = 0.30
TARGET_P95_MS = 50.0
TARGET_WRITE_P95_MS = 100.0
# The first visit after a change, in-process; the garage's chart data reads every fill-up.
TARGET_CHANGED_MS = 60.0
TARGET_CHANGED_MS_BY_PAGE = {"chart data, garage": 150.0}
WRITE = "quick entry POST (a fill-up saved)"
API_LIST = "API fill-ups list (token)"
API_CREATE = "API fill-up POST (token)"
WRITES = (WRITE, API_CREATE)


def step(title: str, command: list[str]) -> float:
    """Run a management step, echo its output, return its wall time."""
    print(f"\n== {title}", flush=True)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True)
    return time.perf_counter() - started


def fresh_database() -> None:
    import psycopg

    with psycopg.connect(
        host=ENV.get("DATABASE_HOST", "127.0.0.1"), user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{ENV["DATABASE_NAME"]}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{ENV["DATABASE_NAME"]}"')
    import redis

    redis.Redis(db=int(ENV["REDIS_DB"])).flushdb()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "motovault.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=log.open("w"), stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit(f"gunicorn did not start; see {log}")


def django_setup() -> None:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def session_cookie(user) -> str:
    """A real signed-in session for ``user``, as the sign-in view would leave it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def query_count(client, path: str) -> tuple[int, float]:
    """SQL queries and in-process milliseconds of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code} in-process")
    return len(queries), elapsed


def after_a_change(user) -> None:
    """What any write does: the user's data version moves on, so cached fragments are stale."""
    from django.db.models import F

    type(user).objects.filter(pk=user.pk).update(data_version=F("data_version") + 1)


def cold_and_warm(client, user, path: str) -> dict:
    """The page's first visit after a change (its cached parts rebuilt) and the next one; a visit
    before, so that neither pays for loading the code and templates."""
    query_count(client, path)
    after_a_change(user)
    cold_queries, cold_ms = query_count(client, path)
    queries, _ = query_count(client, path)
    return {"queries": queries, "cold_queries": cold_queries, "cold_ms": cold_ms}


def run_wrk(
    url: str, cookie: str, seconds: int, connections: int, script_args: tuple = (), headers: tuple = ()
) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-H", f"Cookie: {cookie}"]
    for header in headers:
        command += ["-H", header]
    command += ["-s", str(ROOT / "bench" / "report.lua"), url]
    if script_args:
        command += ["--", *map(str, script_args)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def write_targets(user) -> tuple:
    """The user's vehicles, a file of "id energy odometer" lines for report.lua (each odometer past
    any the vehicle has) and a minute ago, as a form's datetime-local value."""
    from django.utils import timezone

    from fuel_logs.models import energies_for
    from motovault.units import from_km
    from vehicles.models import Vehicle

    vehicles = Vehicle.objects.for_user(user).with_odometer().order_by("pk")
    lines = [
        f"{v.pk} {energies_for(v)[0].value} {int(from_km(v.current_odometer_km, v.distance_unit)) + 1000}"
        for v in vehicles
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as vehicles_file:
        vehicles_file.write("\n".join(lines))
    when = (timezone.localtime() - datetime.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    return vehicles, vehicles_file, when


def bench_api(user, base_url: str, vehicle_pk: int, args) -> list[dict]:
    """The API with a personal token (no session): a page of a vehicle's fill-ups, then a fill-up
    created per request (JSON through the same form and services as quick entry)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from api.models import AccessToken, Scope
    from api.services import token_create
    from fuel_logs.models import FuelLog
    from motovault.units import from_km

    token = token_create(token=AccessToken(name="bench", scope=Scope.WRITE), owner=user)
    header = f"Authorization: Bearer {token}"
    client = Client(headers={"Authorization": f"Bearer {token}"})
    rows = []
    path = f"/api/v1/fill-ups?vehicle={vehicle_pk}"
    counts = cold_and_warm(client, user, path)
    run_wrk(base_url + path, "", 1, args.concurrency, headers=(header,))
    result = run_wrk(base_url + path, "", args.seconds, args.concurrency, headers=(header,))
    rows.append({"page": API_LIST, "path": path, **counts, **result})
    print(f"  {API_LIST:<34} {result['rps']:8.1f} req/s  p95 {result['p95_ms']:7.1f} ms  {counts['queries']} queries")

    vehicles, vehicles_file, when = write_targets(user)
    before, requests = FuelLog.objects.filter(owner=user).count(), 0
    for run, seconds in ((1, 1), (2, args.seconds)):  # the first warms the workers
        result = run_wrk(
            base_url + "/", "", seconds, args.concurrency, ("api", vehicles_file.name, run, when), (header,)
        )
        requests += result["requests"]
    stored = FuelLog.objects.filter(owner=user).count() - before
    if stored < requests:
        result["errors"] += requests - stored
        print(f"  {requests} API POSTs stored only {stored} fill-ups")
    vehicle = vehicles[0]
    odometer = int(from_km(vehicle.current_odometer_km, vehicle.distance_unit)) + 10**5
    body = {"filled_at": when, "odometer": odometer, "quantity": 30, "price": 1.5}
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.post(f"/api/v1/vehicles/{vehicle.pk}/fill-ups", body, "application/json")
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 201:
        sys.exit(f"the API's POST answered {response.status_code} in-process: {response.content[:300]}")
    print(f"  {API_CREATE:<34} {result['rps']:8.1f} req/s  p95 {result['p95_ms']:7.1f} ms  {len(queries)} queries")
    counts = {"queries": len(queries), "cold_queries": len(queries), "cold_ms": elapsed}
    rows.append({"page": API_CREATE, "path": "/api/v1/vehicles/<id>/fill-ups", **counts, **result})
    return rows


def bench_write(client, user, base_url: str, cookie: str, args) -> dict:
    """Quick entry's POST under load through gunicorn, CSRF-checked as from a browser; every request
    must store one fill-up."""
    from django.middleware.csrf import _get_new_csrf_string
    from django.urls import reverse

    from fuel_logs.models import FuelLog, energies_for
    from motovault.units import from_km

    path = reverse("fuel_logs:quick")
    vehicles, vehicles_file, when = write_targets(user)
    csrf = _get_new_csrf_string()
    cookie = f"{cookie}; csrftoken={csrf}"
    before = FuelLog.objects.filter(owner=user).count()
    requests = 0
    for run, seconds in ((1, 1), (2, args.seconds)):  # the first warms the workers
        result = run_wrk(
            base_url + path, cookie, seconds, args.concurrency, ("post", vehicles_file.name, run, when, csrf)
        )
        requests += result["requests"]
    # Every completed request stored its fill-up (a request still in flight when wrk stops may too).
    stored = FuelLog.objects.filter(owner=user).count() - before
    if stored < requests:
        result["errors"] += requests - stored
        print(f"  {requests} POSTs stored only {stored} fill-ups")
    # One more in-process, for its queries and time.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    vehicle = vehicles[0]
    data = {"vehicle": vehicle.pk, "energy": energies_for(vehicle)[0].value, "filled_at": when, "quantity": "30"}
    data |= {"odometer": int(from_km(vehicle.current_odometer_km, vehicle.distance_unit)) + 10**5, "price": "1.5"}
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.post(path, {**data, "is_full": "on"})
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 302:
        sys.exit(f"quick entry's POST answered {response.status_code} in-process")
    print(
        f"  {WRITE:<34} {result['rps']:8.1f} req/s  p95 {result['p95_ms']:7.1f} ms  {len(queries)} queries", flush=True
    )
    counts = {"queries": len(queries), "cold_queries": len(queries), "cold_ms": elapsed}
    return {"page": WRITE, "path": path, **counts, **result}


# The history import's sizes (issue 15: 5,000 rows under 5 s into a fresh database), timed before
# the seed fills the database, so the fill-up table has no statistics yet.
HISTORY_ROWS = {"small": ["500", "5000"], "full": ["500", "5000", "50000"]}
TARGET_IMPORT_5000_S = 5.0


def history_import(scale: str) -> list[dict]:
    print("\n== history import (a Fuelly file, previewed then imported; fresh database)", flush=True)
    command = [PYTHON, str(ROOT / "bench" / "imports.py"), *HISTORY_ROWS[scale]]
    output = subprocess.run(command, cwd=ROOT, env=ENV, check=True, capture_output=True, text=True).stdout
    *lines, figures = output.rstrip().splitlines()
    print("\n".join(lines), flush=True)
    return json.loads(figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["full", "small"], default="full")
    parser.add_argument("--seconds", type=int, default=8, help="load per page")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench installs it)")

    timings = {}
    fresh_database()
    timings["migrate_s"] = step("migrate", [PYTHON, "manage.py", "migrate", "--noinput", "-v0"])
    timings["history_import"] = history_import(args.scale)
    timings["catalog_import_s"] = step("catalog import", [PYTHON, "manage.py", "import_catalog"])
    step("collect static files", [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"])
    timings["seed_s"] = step(f"seed ({args.scale})", [PYTHON, "manage.py", "seed", "--bench", "--scale", args.scale])

    django_setup()
    from django.test import Client

    from bench import documents as bench_documents
    from bench.pages import REVALIDATED, bench_pages, busiest_vehicle, uncached_picker_paths
    from platform_data import lookups

    user, pages = bench_pages()
    cookie = session_cookie(user)
    client = Client()
    client.force_login(user)

    port = free_port()
    log = Path(tempfile.gettempdir()) / "motovault-bench-gunicorn.log"
    server = start_gunicorn(port, args.workers, log)
    rows = []
    try:
        for name, path in pages:
            counts = cold_and_warm(client, user, path)
            url = f"http://127.0.0.1:{port}{path}"
            headers = (f"If-None-Match: {client.get(path)['ETag']}",) if REVALIDATED in name else ()
            run_wrk(url, cookie, 1, args.concurrency, headers=headers)  # warm the workers and caches
            result = run_wrk(url, cookie, args.seconds, args.concurrency, headers=headers)
            rows.append({"page": name, "path": path, **counts, **result})
            print(
                f"  {name:<34} {result['rps']:8.1f} req/s  p95 {result['p95_ms']:7.1f} ms"
                f"  {counts['queries']} queries (after a change: {counts['cold_queries']}, {counts['cold_ms']:.0f} ms)",
                flush=True,
            )
        picker_paths = uncached_picker_paths()
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as paths_file:
            paths_file.write("\n".join(picker_paths))
        lookups.bump_version()  # every lookup below is a miss the first time it is asked
        queries, cold_ms = query_count(client, picker_paths[-1])
        result = run_wrk(f"http://127.0.0.1:{port}/", cookie, args.seconds, args.concurrency, (paths_file.name,))
        if result["requests"] > len(picker_paths):
            print(f"  note: {result['requests']} requests over {len(picker_paths)} distinct pairs; some were hits")
        name = "catalog picker fragment (uncached)"
        rows.append(
            {
                "page": name,
                "path": "/catalog/options/configurations (a new year/model each time)",
                "queries": queries,
                "cold_queries": queries,
                "cold_ms": cold_ms,
                **result,
            }
        )
        rows.append(bench_write(client, user, f"http://127.0.0.1:{port}", cookie, args))
        rows += bench_api(user, f"http://127.0.0.1:{port}", busiest_vehicle(user).pk, args)
        documents = bench_documents.measure(client, user)
        print(
            f"  documents: a {documents['file_mb']} MB upload {documents['upload_mb_s']} MB/s, its download"
            f" {documents['download_mb_s']} MB/s; a preview {documents['thumbnail_png_ms']} ms (that PNG),"
            f" {documents['thumbnail_pdf_ms']} ms (a PDF's first page)",
            flush=True,
        )
        # The floor again: the machine drifts by a few per cent over the run; ratios use the mean.
        floor = rows[0]
        floor["rps_first"] = floor["rps"]
        floor["rps_again"] = run_wrk(f"http://127.0.0.1:{port}{floor['path']}", cookie, args.seconds, args.concurrency)[
            "rps"
        ]
        floor["rps"] = (floor["rps_first"] + floor["rps_again"]) / 2
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)

    print(f"\nScale {args.scale}; {args.concurrency} connections; {args.workers} workers; {args.seconds} s a page.")
    print(f"Metrics {'on' if METRICS else 'off'} (METRICS_ENABLED=false make bench: without them).")
    print(f"Floor {floor['rps_first']:.0f} req/s first and {floor['rps_again']:.0f} last: ratios are to their mean.")
    print(
        f"Catalog import {timings['catalog_import_s']:.1f} s, seeding {timings['seed_s']:.1f} s,"
        f" migrate {timings['migrate_s']:.1f} s."
    )
    for figures in timings["history_import"]:
        verdict = "" if figures["rows"] != 5000 else (" ok" if figures["import_s"] < TARGET_IMPORT_5000_S else " SLOW")
        took = f"{figures['import_s']:.2f} s (preview {figures['preview_s']:.2f} s)"
        print(f"History import of {figures['rows']} rows: {took}{verdict}")
    print()
    header = (
        f"{'page':<36}{'req/s':>9}{'floor':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'SQL':>5}{'errors':>8}"
        f"{'changed: SQL':>14}{'ms':>7}  verdict"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        row["floor_ratio"] = row["rps"] / floor["rps"]
        misses = []
        if row["page"] not in WRITES and row["floor_ratio"] < TARGET_RATIO:
            misses.append(f"<{TARGET_RATIO:.0%} of floor")
        p95_target = TARGET_WRITE_P95_MS if row["page"] in WRITES else TARGET_P95_MS
        if row["p95_ms"] >= p95_target:
            misses.append(f"p95>={p95_target:.0f}ms")
        changed_target = TARGET_CHANGED_MS_BY_PAGE.get(row["page"], TARGET_CHANGED_MS)
        if row["page"] not in WRITES and row["cold_ms"] >= changed_target:
            misses.append(f"changed>={changed_target:.0f}ms")
        if row["errors"]:
            misses.append("errors")
        row["verdict"] = "ok" if not misses else ", ".join(misses)
        print(
            f"{row['page']:<36}{row['rps']:>9.1f}{row['floor_ratio']:>7.0%}{row['p50_ms']:>9.1f}"
            f"{row['p95_ms']:>9.1f}{row['p99_ms']:>9.1f}{row['queries']:>5}{row['errors']:>8}"
            f"{row['cold_queries']:>14}{row['cold_ms']:>7.0f}  {row['verdict']}"
        )
    results = {"scale": args.scale, "concurrency": args.concurrency, "workers": args.workers, **timings, "pages": rows}
    results["metrics_enabled"] = METRICS
    results["documents"] = documents
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2))
    print("\nWritten to bench/results.json")


if __name__ == "__main__":
    main()
