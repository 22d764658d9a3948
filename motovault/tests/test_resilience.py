"""The app keeps answering while Redis is stopped and after PostgreSQL restarts.

The real app (gunicorn, development settings) is served over HTTP against throw-away PostgreSQL
and Redis servers started here, so the tests may stop and restart them; the machine's shared ones
are never touched."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests

from motovault.tests.throwaway import REQUEST_SECONDS, AppServer, PostgresServer, RedisServer

pytestmark = pytest.mark.resilience

HEALTHY = {"status": "ok", "postgres": "ok", "redis": "ok"}
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Stack:
    postgres: PostgresServer
    redis: RedisServer
    app: AppServer

    def get(self, path: str, browser: requests.Session | None = None) -> requests.Response:
        """What a browser gets first: a redirect to the sign-in page is not a page."""
        return (browser or requests).get(f"{self.app.url}{path}", timeout=REQUEST_SECONDS, allow_redirects=False)


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    with PostgresServer() as postgres, RedisServer() as redis, AppServer(postgres, redis) as app:
        yield Stack(postgres, redis, app)


def _expected(record: dict) -> bool:
    """django-redis logs each Redis error it ignores; /health's 503 is its answer, not a failure."""
    health_503 = record.get("status", record.get("status_code")) == 503 and "/health" in record["message"]
    return record["logger"] == "motovault.cache" or health_503


@pytest.fixture(autouse=True)
def _server_survives(stack: Stack) -> Iterator[None]:
    """Whatever a test stops, the server stays up and logs no unhandled error or 500."""
    offset = stack.app.log_size()
    yield
    assert stack.app.alive(), f"the app server died: {stack.app.log.read_text()}"
    assert stack.app.problems_since(offset, _expected) == []


def sign_in(stack: Stack) -> requests.Session:
    """A new browser signed in as the demo user through the password form."""
    browser = requests.Session()
    login = f"{stack.app.url}/accounts/login/"
    form = stack.get("/accounts/login/", browser)
    assert form.status_code == 200
    response = browser.post(
        login,
        data={"username": "demo", "password": "motovault-demo", "csrfmiddlewaretoken": CSRF_FIELD.search(form.text)[1]},
        headers={"Referer": login},
        timeout=REQUEST_SECONDS,
    )
    assert [page.status_code for page in response.history] == [302]
    assert (response.status_code, response.url) == (200, f"{stack.app.url}/")
    return browser


def assert_signed_in_pages_answer(stack: Stack, browser: requests.Session) -> None:
    """The home page answers a signed-out visitor too: only its sign-out button says who it served."""
    for path in ("/", "/vehicles/"):
        page = stack.get(path, browser)
        assert page.status_code == 200, path
        assert "Sign out" in page.text, path
    me = stack.get("/api/me", browser)
    assert me.status_code == 200
    assert me.json()["username"] == "demo"


def assert_health(stack: Stack, status: int, body: dict) -> None:
    response = stack.get("/health")
    assert (response.status_code, response.json()) == (status, body)


def test_signed_in_pages_and_password_sign_in_keep_working_while_redis_is_stopped(stack):
    demo = sign_in(stack)
    assert_health(stack, 200, HEALTHY)
    assert_signed_in_pages_answer(stack, demo)

    stack.redis.stop()
    try:
        # The session is written through to PostgreSQL, so nobody is signed out.
        assert_signed_in_pages_answer(stack, demo)
        assert_signed_in_pages_answer(stack, sign_in(stack))
        assert_health(stack, 503, {"status": "degraded", "postgres": "ok", "redis": "unavailable"})
    finally:
        stack.redis.start()

    assert_health(stack, 200, HEALTHY)
    assert_signed_in_pages_answer(stack, demo)


def test_pages_answer_right_after_postgres_restarts(stack):
    demo = sign_in(stack)
    assert_signed_in_pages_answer(stack, demo)
    assert stack.postgres.app_connections() == 1, "the worker should hold one persistent connection"

    stack.postgres.restart()

    # The very next requests: the stale connection is found out and replaced, not a 500.
    assert_signed_in_pages_answer(stack, demo)
    assert_health(stack, 200, HEALTHY)


def test_health_says_postgres_is_unavailable_while_it_is_stopped(stack):
    demo = sign_in(stack)
    stack.postgres.stop()
    try:
        assert_health(stack, 503, {"status": "degraded", "postgres": "unavailable", "redis": "ok"})
    finally:
        stack.postgres.start()

    assert_health(stack, 200, HEALTHY)
    assert_signed_in_pages_answer(stack, demo)
