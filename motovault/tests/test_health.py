"""`/health` and `/api/health`: for load balancers, without sign-in."""

import pytest

pytestmark = pytest.mark.django_db

REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": REDIS_DOWN}}


@pytest.mark.parametrize("url", ["/health", "/api/health"])
def test_health_reports_both_services_without_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "postgres": "ok", "redis": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/health", "/api/health"])
def test_health_is_503_when_redis_is_unreachable(client, redis_down, url):
    response = client.get(url)
    assert response.status_code == 503
    assert response.json() == {"status": "degraded", "postgres": "ok", "redis": "unavailable"}


def test_pages_keep_working_for_a_signed_in_user_while_redis_is_down(owner_client, owner, redis_down):
    """Sessions are written through to PostgreSQL, so a Redis outage signs nobody out."""
    response = owner_client.get("/")
    assert response.status_code == 200
    assert response.context["user"] == owner


def test_password_sign_in_works_while_redis_is_down(client, owner, redis_down):
    response = client.post("/accounts/login/", {"username": "alice", "password": "alice-password-1"})
    assert response.status_code == 302
    assert client.get("/").context["user"] == owner


def test_api_me_says_who_is_signed_in(owner_client):
    assert owner_client.get("/api/me").json() == {"username": "alice", "name": "", "email": "alice@example.com"}


def test_api_me_answers_a_signed_out_client_with_401(client):
    response = client.get("/api/me")
    assert response.status_code == 401 and response.json() == {"error": "Sign in to use the API."}
