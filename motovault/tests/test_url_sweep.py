"""Every URL the project routes, walked from the URLconf itself so a new view cannot be forgotten:
another user gets 404 on Alice's objects and sees none of her data; a signed-out visitor is sent
to sign in (or gets 401 from the JSON API)."""

import re

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver

from fuel_logs.models import FuelLog
from motovault.models import OwnedModel
from motovault.tests.conftest import SECRET
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db

PUBLIC = {
    "",
    "health",
    "api/health",
    "accounts/login/",
    "accounts/logout/",
    "invitation/<str:token>/",
    "metrics",
    "manifest.webmanifest",
    "calendar/<str:token>.ics",  # the calendar feed: its secret token is the key (maintenance/tests)
}
# Django's admin and the OIDC endpoints have their own tests; so has the REST API, walked from its
# OpenAPI schema with tokens and JSON bodies (api/tests/test_scoping.py).
SKIPPED_PREFIXES = ("admin/", "oidc/", "api/v1/")


def routes(patterns=None, prefix: str = ""):
    """(route, view) for every URL pattern, includes flattened."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


ALL = [(route, view) for route, view in routes() if not route.startswith(SKIPPED_PREFIXES)]
WITH_IDS = [(route, view) for route, view in ALL if "<" in route]
WITHOUT_IDS = [route for route, _ in ALL if "<" not in route and route not in PUBLIC]


def url_for(route: str, view, objects: dict) -> str:
    model = getattr(getattr(view, "view_class", None), "model", None)

    def value(match: re.Match) -> str:
        name = match.group(1)
        if name == "year":  # a year report: the year the fixture's rows were made
            return str(objects[Vehicle].created_at.year)
        if name == "vehicle_pk" or model not in objects:
            return str(objects[Vehicle].pk)
        return str(objects[model].pk)

    return "/" + re.sub(r"<(?:int:)?(\w+)>", value, route)


def test_the_sweep_covers_the_features():
    assert len(WITH_IDS) >= 15 and any("fuel" in route for route, _ in WITH_IDS)


def test_the_fixture_holds_a_row_of_every_owned_model(alices):
    """Else a new model's routes would answer 404 for want of a row, and the sweep pass by accident."""
    owned = {model for model in apps.get_models() if issubclass(model, OwnedModel)}
    assert set(alices) == owned
    for model, row in alices.items():
        assert model.objects.for_user(row.owner).filter(pk=row.pk).exists(), model


@pytest.mark.parametrize("route, view", WITH_IDS, ids=[route for route, _ in WITH_IDS])
def test_another_user_gets_404_on_alices_objects(other_client, alices, route, view):
    url = url_for(route, view, alices)
    statuses = {other_client.get(url).status_code, other_client.post(url, {"name": "x"}).status_code}
    assert statuses <= {404, 405} and 404 in statuses, f"{url} answered {statuses}"
    assert Vehicle.objects.filter(pk=alices[Vehicle].pk, deleted_at__isnull=True, nickname=SECRET).exists()
    assert FuelLog.objects.filter(pk=alices[FuelLog].pk, deleted_at__isnull=True).exists()


@pytest.mark.parametrize("route", WITHOUT_IDS)
def test_another_user_sees_none_of_alices_data(other_client, alices, route):
    response = other_client.get("/" + route)
    assert response.status_code in (200, 400), f"/{route} answered {response.status_code}"
    body = response.getvalue() if hasattr(response, "getvalue") else b"".join(response.streaming_content)
    assert SECRET.encode() not in body


PRIVATE_WITH_IDS = [(route, view) for route, view in WITH_IDS if route not in PUBLIC]


@pytest.mark.parametrize(
    "route, view",
    [*PRIVATE_WITH_IDS, *((r, None) for r in WITHOUT_IDS)],
    ids=[*(r for r, _ in PRIVATE_WITH_IDS), *WITHOUT_IDS],
)
def test_a_signed_out_visitor_is_sent_to_sign_in(client, alices, route, view):
    response = client.get(url_for(route, view, alices))
    if route.startswith("api/"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "who, status, shows",
    [("staff", 200, "Site administration"), ("user", 403, "No access to the admin"), ("nobody", 200, "")],
)
def test_the_admin_lets_staff_in_and_tells_others_plainly(client, owner, who, status, shows):
    """A signed-in user who is not staff used to be sent round a redirect loop."""
    if who != "nobody":
        owner.is_staff = who == "staff"
        owner.save()
        client.force_login(owner)
    response = client.get("/admin/", follow=True)
    assert response.status_code == status and shows in response.content.decode()
    if who == "nobody":
        assert response.redirect_chain == [("/admin/login/?next=/admin/", 302), ("/accounts/login/?next=/admin/", 302)]
