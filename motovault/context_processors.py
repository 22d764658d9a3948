from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

# The page shell's links (header, menus), by URL name.
SHELL = {
    "home": "home",
    "garage": "vehicles:garage",
    "quick": "fuel_logs:quick",
    "analytics": "fuel_logs:garage-analytics",
    "catalog": "platform_data:browse",
    "stations": "stations:list",
    "due": "maintenance:due",
    "services": "maintenance:list",
    "notifications": "maintenance:notifications",
    "documents": "documents:list",
    "imports": "imports:start",
    "preferences": "accounts:preferences",
    "account": "accounts:settings",
    "admin": "admin:index",
    "login": "login",
    "logout": "logout",
    "manifest": "manifest",
}


@cache
def shell_urls() -> dict[str, str]:
    """Reversed once a process: a reverse() for each of the shell's links on every page was a tenth
    of a simple page's time."""
    return {key: reverse(name) for key, name in SHELL.items()}


def site(request: HttpRequest) -> dict:
    """What the base template needs on every page: how people may sign in, and the shell's links."""
    return {
        "oidc_enabled": settings.OIDC_ENABLED,
        "oidc_provider_name": settings.OIDC_PROVIDER_NAME,
        "password_login_enabled": settings.PASSWORD_LOGIN_ENABLED,
        "shell": shell_urls(),
    }
