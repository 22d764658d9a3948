import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django_redis import get_redis_connection

from motovault.caching import cached_partial
from motovault.mixins import api_login_required
from vehicles.models import Vehicle

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    """The landing page; signed in, a dashboard of the garage."""
    user, context = request.user, {}
    if user.is_authenticated:

        def dashboard() -> dict:
            return {"vehicles": Vehicle.objects.for_user(user).with_odometer()}

        template = "motovault/home.html#dashboard"
        context["dashboard"] = cached_partial(request, template, dashboard, user.first_name)
    return render(request, "motovault/home.html", context)


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
