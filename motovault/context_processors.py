from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    """What the base template needs on every page: how people may sign in."""
    return {
        "oidc_enabled": settings.OIDC_ENABLED,
        "oidc_provider_name": settings.OIDC_PROVIDER_NAME,
        "password_login_enabled": settings.PASSWORD_LOGIN_ENABLED,
    }
