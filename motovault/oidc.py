"""The provider's discovery document (OpenID Connect Discovery 1.0): the issuer alone configures
every endpoint, and a configured issuer that differs from the provider's is caught at start."""

import hashlib
import logging

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

# Our setting -> the discovery document's key.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_END_SESSION_ENDPOINT": "end_session_endpoint",
}


def discovery_url(issuer: str) -> str:
    """The spec removes a trailing slash from the issuer before appending the well-known path."""
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def discovery_document(*, refresh: bool = False) -> dict:
    """The provider's discovery document, cached for an hour (a provider changes it rarely)."""
    url = discovery_url(settings.OIDC_ISSUER)
    cache_key = "oidc:discovery:" + hashlib.sha256(url.encode()).hexdigest()[:16]
    document = None if refresh else cache.get(cache_key)
    if document is None:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        if not isinstance(document, dict):
            raise ImproperlyConfigured(f"{url} is not a discovery document (not a JSON object).")
        cache.set(cache_key, document, settings.OIDC_DISCOVERY_CACHE_SECONDS)
    return document


def endpoint(setting: str) -> str:
    """An endpoint's URL: the setting when an operator set it, else the discovery document's."""
    configured = getattr(settings, setting, "")
    if configured:
        return configured
    value = discovery_document().get(ENDPOINTS[setting], "")
    if not value and setting != "OIDC_OP_END_SESSION_ENDPOINT":
        raise ImproperlyConfigured(
            f"The provider's discovery document names no {ENDPOINTS[setting]}: set {setting.replace('_OP', '')}."
        )
    return value


def issuer_difference(configured: str, discovered: str) -> str | None:
    """What an operator must change when the issuers differ, or None when they match exactly
    (ID tokens are checked against the configured issuer character for character)."""
    if configured == discovered:
        return None
    if configured.rstrip("/") == discovered.rstrip("/"):
        slash = "ends" if discovered.endswith("/") else "does not end"
        return (
            f"OIDC_ISSUER is {configured!r} but the provider's issuer is {discovered!r}: the provider's "
            f"{slash} with a slash. Set OIDC_ISSUER to {discovered!r} exactly, or every sign-in is refused."
        )
    return (
        f"OIDC_ISSUER is {configured!r} but the provider's discovery document says its issuer is "
        f"{discovered!r}. Set OIDC_ISSUER to {discovered!r}, or every sign-in is refused."
    )
