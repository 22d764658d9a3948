"""Every URL the project routes, walked from the URLconf itself so a new view cannot be forgotten:
another user gets 404 on Alice's objects and sees none of her data; a signed-out visitor is sent
to sign in (or gets 401 from the JSON API)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create
from motovault.models import OwnedModel
from motovault.tests.ownedapp.models import Thing
from vehicles.models import OdometerReading, Vehicle

pytestmark = pytest.mark.django_db

PUBLIC = {"", "health", "api/health", "accounts/login/", "accounts/logout/", "metrics"}  # metrics: own tests
SKIPPED_PREFIXES = ("admin/", "oidc/")  # Django's admin and the OIDC endpoints have their own tests
SECRET = "AliceSecretCar"


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


@pytest.fixture
def alices(owner):
    """One of every kind of Alice's objects, by model (asserted below: a new model must add its row)."""
    vehicle = Vehicle.objects.create(owner=owner, year=2012, make="Honda", model="Civic", nickname=SECRET)
    reading = OdometerReading.objects.create(
        owner=owner, vehicle=vehicle, date=datetime.date(2024, 1, 1), odometer_km=10
    )
    yesterday = timezone.now() - datetime.timedelta(days=1)
    log, _ = fuel_log_create(
        log=FuelLog(
            owner=owner, vehicle=vehicle, filled_at=yesterday, odometer_km=Decimal(20),
            quantity=Decimal(30), price_per_unit=Decimal("1.5"), total_cost=Decimal("45.00"),
        )
    )  # fmt: skip
    thing = Thing.objects.create(owner=owner, name=SECRET)
    return {Vehicle: vehicle, OdometerReading: reading, FuelLog: log, Thing: thing}


def url_for(route: str, view, objects: dict) -> str:
    model = getattr(getattr(view, "view_class", None), "model", None)

    def value(match: re.Match) -> str:
        name = match.group(1)
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


@pytest.mark.parametrize(
    "route, view", [*WITH_IDS, *((r, None) for r in WITHOUT_IDS)], ids=[*(r for r, _ in WITH_IDS), *WITHOUT_IDS]
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
