"""Production settings: every refusal at start, `check --deploy` clean, and the security headers,
the trusted proxy and the sign-in rate limit on real responses from gunicorn."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from motovault.tests.ports import reserved_port

ROOT = Path(settings.BASE_DIR)
HOST = "motovault.example.com"
GOOD = {
    "DJANGO_SECRET_KEY": "a-production-secret-key-of-more-than-fifty-characters-0123456789",
    "ALLOWED_HOSTS": HOST,
    "PASSWORD_LOGIN_ENABLED": "true",
}


def prod_env(tmp_path: Path, **overrides: str) -> dict:
    """Exactly this environment (no secret files unless the test writes them), production settings."""
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "DATABASE_HOST", "REDIS_HOST")}
    env = {**clean, "DJANGO_SETTINGS_MODULE": "motovault.settings.prod", "SECRETS_DIR": str(tmp_path), **GOOD}
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def manage(tmp_path: Path, *args: str, **overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=prod_env(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DJANGO_SECRET_KEY": None}, "No Django secret key"),
        ({"PASSWORD_LOGIN_ENABLED": "false"}, "No way to sign in"),
        ({"OIDC_ISSUER": "https://id.example.com/", "OIDC_CLIENT_ID": "mv"}, "OIDC is on but has no client secret"),
        ({"OIDC_ISSUER": "https://id.example.com/"}, "OIDC_ISSUER is set but OIDC_CLIENT_ID is not"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS is the default"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS is the default"),
    ],
)
def test_production_refuses_to_start_wrong_with_a_clear_message(tmp_path, overrides, message):
    result = manage(tmp_path, "check", **overrides)
    assert result.returncode != 0
    assert "MotoVault will not start" in result.stderr and message in result.stderr


def test_every_refusal_is_said_at_once(tmp_path):
    result = manage(tmp_path, "check", DJANGO_SECRET_KEY=None, PASSWORD_LOGIN_ENABLED="false", ALLOWED_HOSTS=None)
    assert all(m in result.stderr for m in ("No Django secret key", "No way to sign in", "ALLOWED_HOSTS"))


def test_oidc_with_its_secret_file_is_a_way_to_sign_in(tmp_path):
    (tmp_path / "auth0-client-secret").write_text("s3cret\n")
    result = manage(
        tmp_path, "check", PASSWORD_LOGIN_ENABLED="false", OIDC_ISSUER="https://id.example.com/", OIDC_CLIENT_ID="mv"
    )
    assert result.returncode == 0, result.stderr


def test_check_deploy_has_no_warning(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.fixture
def gunicorn(tmp_path, transactional_db, owner):
    """The app as the container serves it: gunicorn, production settings, collected static files,
    the test database and the tests' Redis database."""
    env = prod_env(
        tmp_path,
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_NAME=connection.settings_dict["NAME"],
        REDIS_DB=str(settings.TEST_REDIS_DB),
        CACHE_KEY_PREFIX=settings.CACHES["default"]["KEY_PREFIX"],
        SIGNIN_FAILURE_LIMIT="3",
    )
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = reserved_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "motovault.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"{base}/health", timeout=5)
            break
        except requests.RequestException:
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


def via_traefik(client_address: str = "203.0.113.7") -> dict:
    """What Traefik adds to a request it forwards over HTTPS."""
    return {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": client_address}


def test_security_headers_on_real_responses(gunicorn):
    response = requests.get(f"{gunicorn}/accounts/login/", headers=via_traefik(), allow_redirects=False, timeout=5)
    assert response.status_code == 200
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    csrf_cookie = next(c for c in response.cookies if c.name == "csrftoken")
    assert csrf_cookie.secure


def test_plain_http_is_sent_to_https_but_health_answers_the_probe(gunicorn):
    redirect = requests.get(f"{gunicorn}/accounts/login/", headers={"Host": HOST}, allow_redirects=False, timeout=5)
    assert redirect.status_code == 301 and redirect.headers["Location"] == f"https://{HOST}/accounts/login/"
    assert requests.get(f"{gunicorn}/health", headers={"Host": HOST}, timeout=5).status_code == 200


def _failed_sign_in(base: str, client_address: str, username: str):
    """A browser's failed password sign-in over HTTPS (the cookie is Secure, so it is sent by hand:
    this hop is plain HTTP from the proxy)."""
    headers = via_traefik(client_address)
    token = requests.get(f"{base}/accounts/login/", headers=headers, timeout=5).cookies["csrftoken"]
    return requests.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": "wrong", "csrfmiddlewaretoken": token},
        headers={**headers, "Referer": f"https://{HOST}/accounts/login/", "Cookie": f"csrftoken={token}"},
        allow_redirects=False,
        timeout=5,
    )


def test_sign_in_is_locked_per_client_address_behind_the_proxy(gunicorn):
    """Three failures from one client (its address from X-Forwarded-For, as Traefik sends it)
    lock that address; the same proxy forwarding another client's attempt is not locked."""
    statuses = [_failed_sign_in(gunicorn, "203.0.113.7", f"nobody{i}").status_code for i in range(3)]
    assert statuses[:2] == [200, 200]
    locked = _failed_sign_in(gunicorn, "203.0.113.7", "someone-else")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.text and "Try again in 15 minutes" in locked.text
    assert _failed_sign_in(gunicorn, "198.51.100.4", "another").status_code == 200


def test_sign_in_is_locked_per_account_from_any_address(gunicorn):
    for i in range(3):
        _failed_sign_in(gunicorn, f"203.0.113.{20 + i}", "alice")
    assert _failed_sign_in(gunicorn, "198.51.100.9", "alice").status_code == 429


def test_a_forged_forwarded_address_from_a_client_does_not_escape_the_lock(gunicorn):
    """X-Forwarded-For is believed only from the proxy; a client adding its own entries on the
    left (Traefik appends the real address) still counts as itself."""
    for i, forged in enumerate(("1.1.1.1", "2.2.2.2", "3.3.3.3")):
        _failed_sign_in(gunicorn, f"{forged}, 203.0.113.8", f"nobody{i}")
    assert _failed_sign_in(gunicorn, "4.4.4.4, 203.0.113.8", "nobody-else").status_code == 429


def test_the_containers_health_check_passes_against_gunicorn(gunicorn):
    port = gunicorn.rsplit(":", 1)[1]
    env = {"PATH": os.environ["PATH"], "ALLOWED_HOSTS": f"{HOST},other.example.com", "HEALTHCHECK_PORT": port}
    result = subprocess.run([sys.executable, "deploy/healthcheck.py"], cwd=ROOT, env=env, timeout=30)
    assert result.returncode == 0
