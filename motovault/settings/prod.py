"""Production: refuses to start wrong, cookies only over HTTPS, the client's address and scheme
taken from the trusted proxy (Traefik) in front."""

from django.core.exceptions import ImproperlyConfigured

from motovault.config import env

from .common import *  # noqa: F403
from .common import (
    ALLOWED_HOSTS,
    MIDDLEWARE,
    OIDC_ENABLED,
    OIDC_RP_CLIENT_ID,
    OIDC_RP_CLIENT_SECRET,
    PASSWORD_LOGIN_ENABLED,
    SECRET_KEY,
)

DEFAULT_ALLOWED_HOSTS = ["127.0.0.1", "localhost"]


def _refusals() -> list[str]:
    """Every reason this configuration must not serve, each said the way an operator fixes it."""
    problems = []
    if not SECRET_KEY:
        problems.append("No Django secret key: put one in $SECRETS_DIR/django-secret-key (or DJANGO_SECRET_KEY).")
    if not (OIDC_ENABLED or PASSWORD_LOGIN_ENABLED):
        problems.append(
            "No way to sign in: set OIDC_ISSUER and OIDC_CLIENT_ID (and the client secret), "
            "or PASSWORD_LOGIN_ENABLED=true for local accounts."
        )
    if OIDC_ENABLED and not OIDC_RP_CLIENT_ID:
        problems.append("OIDC_ISSUER is set but OIDC_CLIENT_ID is not.")
    if OIDC_ENABLED and not OIDC_RP_CLIENT_SECRET:
        problems.append("OIDC is on but has no client secret: put it in $SECRETS_DIR/auth0-client-secret.")
    if sorted(ALLOWED_HOSTS) == sorted(DEFAULT_ALLOWED_HOSTS) or "*" in ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS is the default: set it to the host names this site is served under.")
    return problems


if problems := _refusals():
    raise ImproperlyConfigured("MotoVault will not start:\n- " + "\n- ".join(problems))

SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", True)
# /health is probed over plain HTTP from inside the container network.
SECURE_REDIRECT_EXEMPT = [r"^health$", r"^api/health$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", False)
# Preloading commits the whole registered domain to HTTPS in browsers for months: the domain's
# owner opts in with SECURE_HSTS_PRELOAD=true, so the check that nags about it is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Behind Traefik: the scheme from X-Forwarded-Proto, the client's address from X-Forwarded-For,
# both believed only when the request comes from one of these networks (Docker's by default).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", ["127.0.0.1/32", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"])
MIDDLEWARE = ["motovault.proxy.TrustedProxyMiddleware", *MIDDLEWARE]
