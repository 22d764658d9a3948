import logging

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django_redis import get_redis_connection

from motovault.mixins import api_login_required

logger = logging.getLogger(__name__)


def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """Stands in for the admin's own sign-in form: the admin signs in through our sign-in page (the
    provider's, or a password where allowed). A signed-in user without staff rights is told so,
    rather than sent back and forth between the admin and the sign-in page."""
    if request.user.is_authenticated:
        return render(request, "motovault/no_access.html", status=403)
    return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"))


@cache_control(public=True, max_age=60 * 60)
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: added to a phone's home screen, MotoVault opens on quick entry."""
    return render(request, "motovault/manifest.webmanifest", content_type="application/manifest+json")


@api_login_required
def me(request: HttpRequest) -> JsonResponse:
    """Who is signed in, for API clients. Also the benchmark's floor: the least a signed-in page
    can do through the full middleware stack."""
    user = request.user
    return JsonResponse({"username": user.get_username(), "name": user.get_full_name(), "email": user.email})


class LoginView(auth_views.LoginView):
    """One sign-in page: the OIDC provider's button, and Django's password form only where
    settings allow it (development's demo account)."""

    template_name = "motovault/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.PASSWORD_LOGIN_ENABLED:
            raise Http404("Password sign-in is turned off.")
        return super().post(request, *args, **kwargs)


def _check(name: str, probe) -> str:
    try:
        probe()
    except Exception as exc:  # any failure means "down"; the reason goes to the log
        logger.warning("health check %s failed: %s", name, exc)
        return "unavailable"
    return "ok"


def _ping_postgres() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _ping_redis() -> None:
    get_redis_connection("default").ping()


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and `docker compose`: 200 when PostgreSQL and Redis answer, else 503."""
    checks = {"postgres": _check("postgres", _ping_postgres), "redis": _check("redis", _ping_redis)}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "degraded", **checks}, status=200 if healthy else 503)
