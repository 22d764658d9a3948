"""Tests: the real PostgreSQL and Redis, a Redis database of their own, and a stand-in OIDC
provider on a port chosen here so every setting that names it (CSP included) agrees.

Under pytest-xdist each worker (gw0, gw1...) is a process of its own: pytest-django gives it its own
test database (test_<name>_gw0...), this module its own Redis database and OIDC port."""

import os

from django.core.exceptions import ImproperlyConfigured

from motovault.config import env
from motovault.tests.ports import reserved_port

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# TEST_REDIS_DB for a serial run and the first worker, the next databases for the next workers
# (a subprocess a test starts inherits PYTEST_XDIST_WORKER, so it lands in the same one).
TEST_REDIS_DB = env.int("TEST_REDIS_DB", 1) + int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
if TEST_REDIS_DB > 15:
    raise ImproperlyConfigured(
        f"Redis database {TEST_REDIS_DB} does not exist (0-15): lower TEST_REDIS_DB or the number of workers (-n)"
    )
CACHES["default"]["LOCATION"] = REDIS_URL.rsplit("/", 1)[0] + "/" + str(TEST_REDIS_DB)  # noqa: F405

OIDC_TEST_PORT = reserved_port()
OIDC_ISSUER = f"http://127.0.0.1:{OIDC_TEST_PORT}/"
OIDC_ENABLED = True
OIDC_PROVIDER_NAME = "Test provider"
OIDC_RP_CLIENT_ID = "motovault-test-client"
OIDC_RP_CLIENT_SECRET = "test-client-secret"
OIDC_AUDIENCE = "https://api.motovault.test"
OIDC_AUTH_REQUEST_EXTRA_PARAMS = {"audience": OIDC_AUDIENCE}
# No endpoint is configured: every one comes from the stand-in's discovery document.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "motovault.auth.OIDCBackend",
    "django.contrib.auth.backends.ModelBackend",
]
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = ["'self'", OIDC_ISSUER.rstrip("/")]  # noqa: F405

# A test-only app with one owned model, for the tests of the scoping base itself.
INSTALLED_APPS = [*INSTALLED_APPS, "motovault.tests.ownedapp"]  # noqa: F405

# Provider search is off unless a test turns it on against its stand-in (stations/tests).
GOOGLE_MAPS_API_KEY = ""
# Webhooks are delivered to a receiver on the loopback in the tests.
WEBHOOK_ALLOW_PRIVATE = True
