"""Prometheus metrics: what an operator watches to see a slow page or a failing job first.

django-prometheus' middleware counts requests and times them by view; this module adds our own
(SQL per request, cache hits by use, sign-ins, imports, the worker's jobs and notifications) and
the ``/metrics`` endpoint. Several gunicorn workers share one directory of counters
(``PROMETHEUS_MULTIPROC_DIR``, set up by ``gunicorn.conf.py``), summed at each scrape; each replica
is scraped on its own.

**Labels never carry user data**: a label value is a view's or a template's name, a status code,
a method, the name a value is memoized under, or one word from a fixed list below (reasons,
outcomes, channel types, task names). ``motovault/tests/test_metrics_labels.py`` checks every call.
"""

import inspect
import ipaddress
import os
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

import prometheus_client
import requests
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import SuspiciousOperation
from django.db import connection
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django_prometheus.middleware import PrometheusAfterMiddleware
from prometheus_client import Counter, Gauge, Histogram, multiprocess

from motovault.config import secret

P = ParamSpec("P")
T = TypeVar("T")

# Most pages run a handful of queries; a page past 50 is an N+1 to find.
QUERY_BUCKETS = (0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, float("inf"))
SECONDS_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, float("inf"))

REQUEST_QUERIES = Histogram(
    "motovault_http_request_queries", "SQL queries a request ran, by view.", ["view"], buckets=QUERY_BUCKETS
)
REQUEST_QUERY_SECONDS = Histogram(
    "motovault_http_request_query_seconds", "Time a request spent in SQL, by view.", ["view"], buckets=SECONDS_BUCKETS
)
CACHE_REQUESTS = Counter(
    "motovault_cache_requests_total", "Cache reads by use (a memoized value's name), hit or miss.", ["use", "result"]
)
SIGN_INS = Counter("motovault_sign_ins_total", "Successful sign-ins by method.", ["method"])
SIGN_IN_REFUSALS = Counter(
    "motovault_sign_in_refusals_total", "Refused sign-ins by method and reason.", ["method", "reason"]
)
IMPORTS = Counter("motovault_imports_total", "Imports by kind and outcome.", ["kind", "outcome"])
IMPORT_ROWS = Counter("motovault_import_rows_total", "Rows of imports, stored or rejected.", ["kind", "result"])
IMPORT_SECONDS = Histogram(
    "motovault_import_duration_seconds", "Time to read, check and store an import.", ["kind"], buckets=SECONDS_BUCKETS
)
# The worker's: the task queue calls ``job_finished`` and ``notification_finished`` (see below).
JOBS = Counter(
    "motovault_jobs_total", "Jobs run, by task and outcome (succeeded, failed, retried).", ["task", "outcome"]
)
JOB_SECONDS = Histogram("motovault_job_duration_seconds", "Job run time by task.", ["task"], buckets=SECONDS_BUCKETS)
NOTIFICATIONS = Counter(
    "motovault_notifications_total", "Notifications by channel type, sent or failed.", ["channel", "outcome"]
)
# Searches of an outside place provider (stations/places.py): quota or a refused key show here first.
PLACE_SEARCHES = Counter("motovault_place_searches_total", "Place searches by outcome.", ["outcome"])
OLDEST_WAITING_JOB = Gauge(
    "motovault_oldest_waiting_job_age_seconds",
    "Age of the oldest job waiting in the queue.",
    multiprocess_mode="livemax",
)
# A timestamp: the latest success stays after the process that recorded it has gone.
BACKUP_LAST_SUCCESS = Gauge(
    "motovault_backup_last_success_timestamp_seconds",
    "When the last backup succeeded (Unix time).",
    multiprocess_mode="max",
)

JOB_OUTCOMES = ("succeeded", "failed", "retried")
DELIVERY_OUTCOMES = ("sent", "failed")
IMPORT_OUTCOMES = ("stored", "rejected", "unreadable", "empty")
PLACE_OUTCOMES = ("found", "none", "cached", "quota", "denied", "invalid", "unavailable", "timeout")
# Why a sign-in was refused: the password form's and an OIDC callback's (an unknown state, the
# provider's error, a token that failed verification, a provider down or answering nonsense, an
# answer that signed no one in), and a lockout (django-axes' ``user_locked_out``).
REFUSAL_REASONS = (
    "bad_password",
    "locked_out",
    "unknown_state",
    "provider_error",
    "token_refused",
    "provider_unreachable",
    "bad_response",
    "no_user",
)


def _enabled() -> bool:
    return settings.METRICS_ENABLED


def _one_of(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {allowed}: labels come from fixed lists.")
    return value


def cache_read(use: str, hit: bool) -> None:
    """One read of a memoized value (``use`` is its name) or a catalog lookup (``"catalog"``)."""
    if _enabled():
        CACHE_REQUESTS.labels(use=use, result="hit" if hit else "miss").inc()


def import_finished(kind: str, outcome: str, started: float, stored: int = 0, rejected: int = 0) -> None:
    """An import ended (``started`` from ``time.perf_counter()``); ``kind`` names what was imported."""
    if not _enabled():
        return
    IMPORTS.labels(kind=kind, outcome=_one_of(outcome, IMPORT_OUTCOMES)).inc()
    IMPORT_ROWS.labels(kind=kind, result="stored").inc(stored)
    IMPORT_ROWS.labels(kind=kind, result="rejected").inc(rejected)
    IMPORT_SECONDS.labels(kind=kind).observe(time.perf_counter() - started)


def place_search_finished(outcome: str) -> None:
    """A place search answered (or came from the cache, or failed: why, in one word)."""
    if _enabled():
        PLACE_SEARCHES.labels(outcome=_one_of(outcome, PLACE_OUTCOMES)).inc()


def refusal_reason(problem: Exception) -> str:
    """The reason, from a fixed list, an OIDC callback was refused; never the exception's text."""
    if isinstance(problem, SuspiciousOperation):
        return "token_refused"
    if isinstance(problem, requests.RequestException):
        return "provider_unreachable"
    return "bad_response"


def sign_in_refused(method: str, reason: str) -> None:
    if _enabled():
        SIGN_IN_REFUSALS.labels(method=method, reason=_one_of(reason, REFUSAL_REASONS)).inc()


def _method(backend_path: str | None) -> str:
    return "oidc" if backend_path and "OIDC" in backend_path else "password"


@receiver(user_logged_in)
def _count_sign_in(sender, request, user, **kwargs) -> None:
    if _enabled():
        SIGN_INS.labels(method=_method(getattr(user, "backend", None))).inc()


@receiver(user_login_failed)
def _count_password_refusal(sender, credentials, request=None, **kwargs) -> None:
    """The password form's; an OIDC callback that fails is counted by its view, with a reason."""
    if "password" in credentials:
        sign_in_refused("password", "bad_password")


@receiver(user_locked_out)
def _count_lockout(sender, request=None, **kwargs) -> None:
    """django-axes refused a sign-in: too many failures from the address or for the account."""
    sign_in_refused("password", "locked_out")


def measured_job(task: Callable[P, T]) -> Callable[P, T]:
    """Counts and times every run of a task function, under its dotted name (procrastinate's own
    name for it). Put it under ``@app.task(...)``; async tasks too."""
    name = f"{task.__module__}.{task.__name__}"

    @contextmanager
    def run() -> Iterator[None]:
        started, outcome = time.perf_counter(), "failed"
        try:
            yield
            outcome = "succeeded"
        finally:
            job_finished(name, outcome, time.perf_counter() - started)

    if inspect.iscoroutinefunction(task):

        @wraps(task)
        async def measured_async(*args: P.args, **kwargs: P.kwargs):
            with run():
                return await task(*args, **kwargs)

        return measured_async

    @wraps(task)
    def measured(*args: P.args, **kwargs: P.kwargs) -> T:
        with run():
            return task(*args, **kwargs)

    return measured


def job_finished(task: str, outcome: str, seconds: float) -> None:
    """For the task queue's worker: one job ended. ``task`` is the task's name (its function's
    dotted path), never its arguments."""
    JOBS.labels(task=task, outcome=_one_of(outcome, JOB_OUTCOMES)).inc()
    JOB_SECONDS.labels(task=task).observe(seconds)


def notification_finished(channel: str, outcome: str) -> None:
    """For the worker: one notification through a channel type (``email``, ``webpush``...)."""
    NOTIFICATIONS.labels(channel=channel, outcome=_one_of(outcome, DELIVERY_OUTCOMES)).inc()


def queue_observed(oldest_waiting_seconds: float) -> None:
    """For the worker, every poll: the age of the oldest job still waiting (0 when none)."""
    OLDEST_WAITING_JOB.set(oldest_waiting_seconds)


def backup_succeeded(at: float | None = None) -> None:
    """A backup finished now, or ``at`` (Unix time: the newest archive's, when the worker starts)."""
    BACKUP_LAST_SUCCESS.set(time.time() if at is None else at)


def serve_worker_metrics(port: int, addr: str = "0.0.0.0"):
    """For the worker process, which is no web server: its metrics on a port of its own, for the
    internal network only (no router leads there). Returns the server and its thread."""
    return prometheus_client.start_http_server(port, addr=addr, registry=_registry())


def _registry() -> prometheus_client.CollectorRegistry:
    """Every process's counters summed when several share a directory, else this process's own."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return prometheus_client.REGISTRY
    registry = prometheus_client.CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def _view_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.view_name if match else None) or "<unnamed view>"


class QueryMetricsMiddleware:
    """Counts and times every SQL statement a request runs, observed under its view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        spent = {"queries": 0, "seconds": 0.0}

        def timed(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                spent["queries"] += 1
                spent["seconds"] += time.perf_counter() - started

        with connection.execute_wrapper(timed):
            response = self.get_response(request)
        view = _view_name(request)
        REQUEST_QUERIES.labels(view=view).observe(spent["queries"])
        REQUEST_QUERY_SECONDS.labels(view=view).observe(spent["seconds"])
        return response


class ViewMetricsMiddleware(PrometheusAfterMiddleware):
    """django-prometheus' per-view middleware, but a request that raised is timed once, not twice:
    Django turns the exception into a 500 that ``process_response`` times anyway."""

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        self.metrics.exceptions_by_type.labels(type=type(exception).__name__).inc()
        self.metrics.exceptions_by_view.labels(view=_view_name(request)).inc()


def _allowed(request: HttpRequest) -> bool:
    """A bearer token from the secret file ``metrics-token``, or a direct request (no proxy on the
    way: Traefik always adds X-Forwarded-For) from one of ``METRICS_ALLOWED_NETWORKS``."""
    token = secret("metrics-token")
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if token and secrets.compare_digest(offered.encode(), token.encode()):
        return True
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


@never_cache
def export(request: HttpRequest) -> HttpResponse:
    """What Prometheus scrapes. Anyone else learns nothing: the same 404 as a page that is not there."""
    if not _allowed(request):
        return HttpResponse("Not Found", status=404, content_type="text/plain")
    body = prometheus_client.generate_latest(_registry())
    return HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)
