"""Start-up checks (`manage.py check --deploy`, run by the web container before it serves)."""

import requests
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

from motovault import oidc


@register(Tags.security, deploy=True)
def oidc_issuer_matches_the_provider(app_configs, **kwargs) -> list[CheckMessage]:
    """A slash of difference between our issuer and the provider's refuses every sign-in with
    only "Invalid issuer" in the log; said here, at start, it is a one-line fix."""
    if not settings.OIDC_ENABLED:
        return []
    try:
        document = oidc.discovery_document(refresh=True)
    except (requests.RequestException, ValueError, ImproperlyConfigured) as exc:
        # A warning, not an error: a provider that is down for a while must not keep the app
        # (and its signed-in users) down with it; sign-ins wait for it either way.
        return [
            Warning(
                f"The provider's discovery document {oidc.discovery_url(settings.OIDC_ISSUER)} cannot be read: {exc}",
                hint="Check OIDC_ISSUER and that this host reaches the provider.",
                id="motovault.W001",
            )
        ]
    difference = oidc.issuer_difference(settings.OIDC_ISSUER, document.get("issuer", ""))
    return [Error(difference, id="motovault.E001")] if difference else []
