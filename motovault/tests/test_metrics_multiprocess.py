"""Several gunicorn workers, one set of numbers: a scrape sums every worker's counts (Prometheus'
multi-process mode, set up by gunicorn.conf.py), and a worker that exits takes none of them with it.
A real gunicorn with two workers, started the way the container starts it."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from prometheus_client.parser import text_string_to_metric_families

from motovault.tests.ports import reserved_port

REQUESTS = 12
SERIES = (
    "django_http_responses_total_by_status_view_method_total",
    {"status": "401", "view": "api-me", "method": "GET"},
)


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn with two workers on a port of its own; yields (base URL, metrics directory)."""
    port = reserved_port()
    metrics_dir = tmp_path / "metrics"
    env = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        "DJANGO_SETTINGS_MODULE": "motovault.settings.test",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "motovault.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: _scrape(base) is not None, "gunicorn to answer")
        yield base, metrics_dir
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


def _wait_for(condition, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"waited {seconds} s for {what}")


def _get(url: str) -> int:
    """A fresh connection each time, so the kernel may hand it to either worker."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _scrape(base: str) -> str | None:
    try:
        with urllib.request.urlopen(f"{base}/metrics", timeout=10) as response:
            return response.read().decode()
    except OSError:
        return None


def _value(text: str, name: str, labels: dict) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return sample.value
    return 0.0


def _pids(metrics_dir: Path) -> set[int]:
    """The processes that have counted something (one file of counters each)."""
    return {int(path.stem.rsplit("_", 1)[1]) for path in metrics_dir.glob("counter_*.db")}


def test_two_workers_counts_are_summed_and_survive_a_worker_restart(gunicorn):
    base, metrics_dir = gunicorn
    for _ in range(REQUESTS):
        assert _get(f"{base}/api/me") == 401
    assert _value(_scrape(base), *SERIES) == REQUESTS
    served = _pids(metrics_dir)

    for pid in served:  # every worker that counted exits; gunicorn starts others in their place
        os.kill(pid, signal.SIGTERM)
    _wait_for(lambda: all(not Path(f"/proc/{pid}").exists() for pid in served), "the workers to exit")
    for _ in range(REQUESTS):
        assert _get(f"{base}/api/me") == 401

    text = _scrape(base)
    assert _value(text, *SERIES) == 2 * REQUESTS  # neither reset nor doubled
    assert len(_pids(metrics_dir)) >= 2 and served < _pids(metrics_dir)  # the exited workers' counts kept
    histogram = ("django_http_requests_latency_seconds_by_view_method_count", {"view": "api-me", "method": "GET"})
    assert _value(text, *histogram) == 2 * REQUESTS
