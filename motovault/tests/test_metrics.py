"""Prometheus metrics from the web process: who may read them, and that they count exactly what
happened, by view."""

import ipaddress
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import yaml
from django.conf import settings
from django.test import Client
from prometheus_client import REGISTRY

from motovault.caching import memoize
from motovault.tests.test_oidc import sign_in
from platform_data import lookups

pytestmark = pytest.mark.django_db

RESPONSES = "django_http_responses_total_by_status_view_method_total"
LATENCY = "django_http_requests_latency_seconds_by_view_method"


def sample(name: str, **labels: str) -> float:
    """A sample's value now; 0 for a series not yet counted."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def metrics_token(tmp_path, monkeypatch):
    """The secret file ``metrics-token``, as Docker mounts it."""
    (tmp_path / "metrics-token").write_text("s3cret-scrape-token\n")
    monkeypatch.setenv("SECRETS_DIR", str(tmp_path))
    return "s3cret-scrape-token"


# Who may read /metrics.


def test_a_direct_request_from_the_machine_itself_is_answered(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "django_http_requests_latency_seconds_by_view_method" in response.content.decode()


def test_a_request_through_the_public_router_is_refused(client):
    """Traefik adds X-Forwarded-For to everything it forwards, even from an allowed address."""
    response = client.get("/metrics", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 404
    assert b"django_http" not in response.content


def test_a_request_from_outside_the_internal_networks_is_refused(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404


def test_the_internal_network_is_allowed(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network("172.30.99.0/24")]
    assert client.get("/metrics", REMOTE_ADDR="172.30.99.5").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="172.30.98.5").status_code == 404


def test_the_bearer_token_is_allowed_from_anywhere_and_a_wrong_one_is_not(client, metrics_token):
    outside = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {metrics_token}", **outside).status_code == 200
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer guess", **outside).status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ", **outside).status_code == 404


def test_compose_keeps_metrics_off_the_public_router_and_on_the_internal_network():
    compose = yaml.safe_load((settings.BASE_DIR / "compose.yaml").read_text())
    web = compose["services"]["web"]
    rule = next(label for label in web["labels"] if label.startswith("traefik.http.routers.motovault.rule="))
    assert "!PathPrefix(`/metrics`)" in rule
    monitoring = compose["networks"]["monitoring"]
    assert monitoring["internal"] is True
    assert "monitoring" in web["networks"] and "monitoring" not in compose["services"]["traefik"]["networks"]
    subnet = monitoring["ipam"]["config"][0]["subnet"]
    production = yaml.safe_load((settings.BASE_DIR / "deploy" / "config" / "production.yml").read_text())
    assert production["metrics_allowed_networks"] == [subnet]
    scrape = yaml.safe_load((settings.BASE_DIR / "deploy" / "prometheus" / "prometheus.yml").read_text())
    assert compose["services"]["prometheus"]["networks"] == ["monitoring"]
    assert {job["job_name"] for job in scrape["scrape_configs"]} >= {"motovault-web"}


# What they count.


def test_requests_move_the_counters_and_histograms_of_their_view_by_exactly_that_many(owner_client, vehicle):
    labels = {"view": "vehicles:garage", "method": "GET"}
    before = {
        "responses": sample(RESPONSES, status="200", **labels),
        "latency": sample(f"{LATENCY}_count", **labels),
        "queries": sample("motovault_http_request_queries_count", view="vehicles:garage"),
        "sql_seconds": sample("motovault_http_request_query_seconds_count", view="vehicles:garage"),
        "detail": sample(RESPONSES, status="200", view="vehicles:detail", method="GET"),
    }
    for _ in range(3):
        assert owner_client.get("/vehicles/").status_code == 200
    owner_client.get(f"/vehicles/{vehicle.pk}/")
    assert sample(RESPONSES, status="200", **labels) - before["responses"] == 3
    assert sample(f"{LATENCY}_count", **labels) - before["latency"] == 3
    assert sample("motovault_http_request_queries_count", view="vehicles:garage") - before["queries"] == 3
    assert sample("motovault_http_request_query_seconds_count", view="vehicles:garage") - before["sql_seconds"] == 3
    assert sample(RESPONSES, status="200", view="vehicles:detail", method="GET") - before["detail"] == 1


def test_the_queries_of_a_request_are_counted(owner_client, vehicle):
    """The garage runs a few queries (session, user, vehicles...), each counted once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    owner_client.get("/vehicles/")  # the cache filled, so the next visit runs the same queries
    before = sample("motovault_http_request_queries_sum", view="vehicles:garage")
    with CaptureQueriesContext(connection) as queries:
        owner_client.get("/vehicles/")
    assert sample("motovault_http_request_queries_sum", view="vehicles:garage") - before == len(queries) > 0


def test_a_500_is_counted_under_its_view_once(owner, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(owner)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("motovault.views.JsonResponse", broken)
    labels = {"view": "api-me", "method": "GET"}
    errors = sample(RESPONSES, status="500", **labels)
    latency = sample(f"{LATENCY}_count", **labels)
    exceptions = sample("django_http_exceptions_total_by_view_total", view="api-me")
    assert client.get("/api/me").status_code == 500
    assert sample(RESPONSES, status="500", **labels) - errors == 1
    assert sample(f"{LATENCY}_count", **labels) - latency == 1
    assert sample("django_http_exceptions_total_by_view_total", view="api-me") - exceptions == 1


def test_cache_hits_and_misses_are_counted_by_use(owner):
    miss, hit = (sample("motovault_cache_requests_total", use="sample-value", result=r) for r in ("miss", "hit"))
    for _ in range(3):
        memoize(owner, "sample-value", lambda: 42)
    assert sample("motovault_cache_requests_total", use="sample-value", result="miss") - miss == 1
    assert sample("motovault_cache_requests_total", use="sample-value", result="hit") - hit == 2


def test_catalog_lookups_are_counted_as_catalog():
    miss, hit = (sample("motovault_cache_requests_total", use="catalog", result=r) for r in ("miss", "hit"))
    lookups.years()
    lookups.years()
    assert sample("motovault_cache_requests_total", use="catalog", result="miss") - miss == 1
    assert sample("motovault_cache_requests_total", use="catalog", result="hit") - hit == 1


def test_password_sign_ins_and_refusals_are_counted(client, owner):
    refused = sample("motovault_sign_in_refusals_total", method="password", reason="bad_password")
    signed_in = sample("motovault_sign_ins_total", method="password")
    client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    client.post("/accounts/login/", {"username": "alice", "password": "alice-password-1"})
    assert sample("motovault_sign_in_refusals_total", method="password", reason="bad_password") - refused == 1
    assert sample("motovault_sign_ins_total", method="password") - signed_in == 1


@pytest.mark.parametrize(
    "tamper, reason", [(None, None), ("expired", "token_refused"), ("wrong_audience", "token_refused")]
)
def test_oidc_sign_ins_and_refusals_are_counted_by_reason(client, oidc_provider, tamper, reason):
    oidc_provider.tamper = tamper
    refusals = {r: sample("motovault_sign_in_refusals_total", method="oidc", reason=r) for r in ("token_refused",)}
    signed_in = sample("motovault_sign_ins_total", method="oidc")
    sign_in(client)
    assert sample("motovault_sign_ins_total", method="oidc") - signed_in == (0 if reason else 1)
    for name, before in refusals.items():
        assert sample("motovault_sign_in_refusals_total", method="oidc", reason=name) - before == (name == reason)


def test_an_error_from_the_provider_is_counted_as_such(client, oidc_provider):
    from urllib.parse import parse_qs, urlsplit

    def refusals(reason: str) -> float:
        return sample("motovault_sign_in_refusals_total", method="oidc", reason=reason)

    foreign, provider = refusals("unknown_state"), refusals("provider_error")
    client.get("/oidc/callback/", {"error": "access_denied"})  # a link from anywhere: no sign-in started
    assert (refusals("unknown_state") - foreign, refusals("provider_error") - provider) == (1, 0)
    state = parse_qs(urlsplit(client.get("/oidc/authenticate/")["Location"]).query)["state"][0]
    client.get("/oidc/callback/", {"error": "access_denied", "state": state})
    assert (refusals("unknown_state") - foreign, refusals("provider_error") - provider) == (1, 1)


def test_metrics_off_leaves_the_middleware_out():
    """The benchmark's switch: ``METRICS_ENABLED=false make bench`` measures the app without them."""
    script = "import django; django.setup(); from django.conf import settings; print(settings.MIDDLEWARE)"
    env = {"DJANGO_SETTINGS_MODULE": "motovault.settings.test", "PATH": "/usr/bin:/bin"}
    on, off = (
        subprocess.run(
            [sys.executable, "-c", script],
            env={**env, "METRICS_ENABLED": flag},
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for flag in ("true", "false")
    )
    assert "motovault.metrics.ViewMetricsMiddleware" in on and "Prometheus" in on
    assert "metrics" not in off.lower() and "prometheus" not in off.lower()


# The worker's, ready for the task queue to call.


def test_the_workers_helpers_count_jobs_notifications_and_the_queue():
    from motovault import metrics

    task = {"task": "maintenance.tasks.send_due_digest"}
    before = {o: sample("motovault_jobs_total", outcome=o, **task) for o in metrics.JOB_OUTCOMES}
    durations = sample("motovault_job_duration_seconds_count", **task)
    sent = sample("motovault_notifications_total", channel="email", outcome="sent")
    metrics.job_finished(task["task"], "succeeded", 0.2)
    metrics.job_finished(task["task"], "retried", 0.1)
    metrics.job_finished(task["task"], "failed", 0.1)
    metrics.job_finished(task["task"], "failed", 0.1)
    metrics.notification_finished("email", "sent")
    metrics.queue_observed(42.0)
    metrics.backup_succeeded()
    moved = {o: sample("motovault_jobs_total", outcome=o, **task) - before[o] for o in metrics.JOB_OUTCOMES}
    assert moved == {"succeeded": 1, "retried": 1, "failed": 2}
    assert sample("motovault_job_duration_seconds_count", **task) - durations == 4
    assert sample("motovault_notifications_total", channel="email", outcome="sent") - sent == 1
    assert sample("motovault_oldest_waiting_job_age_seconds") == 42.0
    assert sample("motovault_backup_last_success_timestamp_seconds") == pytest.approx(time.time(), abs=5)
    with pytest.raises(ValueError, match="fixed lists"):
        metrics.job_finished(task["task"], "exploded", 1.0)


def test_the_worker_serves_its_metrics_on_a_port_of_its_own():
    from motovault import metrics

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server, thread = metrics.serve_worker_metrics(port, addr="127.0.0.1")
    try:
        metrics.notification_finished("webpush", "failed")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            text = response.read().decode()
        assert 'motovault_notifications_total{channel="webpush",outcome="failed"}' in text
    finally:
        server.shutdown()
        thread.join(timeout=5)


def test_a_measured_task_counts_its_runs_by_outcome_sync_or_async():
    import asyncio

    from motovault.metrics import measured_job

    @measured_job
    def tidy(*, fail: bool) -> str:
        if fail:
            raise RuntimeError("no")
        return "done"

    @measured_job
    async def export(*, fail: bool) -> str:
        if fail:
            raise RuntimeError("no")
        return "built"

    for task, run in ((tidy, tidy), (export, lambda **kw: asyncio.run(export(**kw)))):
        labels = {"task": f"{__name__}.{task.__name__}"}
        assert run(fail=False) in ("done", "built")
        with pytest.raises(RuntimeError):
            run(fail=True)
        assert sample("motovault_jobs_total", outcome="succeeded", **labels) == 1
        assert sample("motovault_jobs_total", outcome="failed", **labels) == 1
        assert sample("motovault_job_duration_seconds_count", **labels) == 2


def test_the_last_backup_can_be_read_back_from_its_archive():
    from motovault import metrics

    metrics.backup_succeeded(at=1_700_000_000.0)
    assert sample("motovault_backup_last_success_timestamp_seconds") == 1_700_000_000.0
