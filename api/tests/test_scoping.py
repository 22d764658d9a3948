"""Every operation of the API, walked from its own OpenAPI schema so a new one cannot be
forgotten: with another user's ids it is a 404 and changes nothing; signed out, a 401; as a
household member of the vehicle, what their role allows (below it a 403 that changes nothing)."""

import json
import re

import pytest
from django.test import Client

from api.api import api as ninja_api
from api.tests.conftest import bearer, make_token
from costs.models import OtherCost
from documents.models import Document
from fuel_logs.models import FuelLog
from maintenance.models import Reminder, ServiceRecord
from motovault.tests.conftest import SECRET, alices, household  # noqa: F401 - Alice's records, her household
from motovault.tests.test_role_sweep import rolled_back, state
from stations.models import Station
from vehicles.access import Role
from vehicles.models import OdometerReading, Vehicle

pytestmark = pytest.mark.django_db

# The model an id in a path names, by the path's first segment; and a body each write would accept.
MODELS = {
    "vehicles": Vehicle, "fill-ups": FuelLog, "odometer-readings": OdometerReading, "service-records": ServiceRecord,
    "reminders": Reminder, "documents": Document, "stations": Station, "other-costs": OtherCost,
}  # fmt: skip
BODIES = {
    "vehicles": {"year": 2020, "make": "Kia", "model": "Ceed", "distance_unit": "km", "volume_unit": "l",
                 "economy_unit": "l_100km"},
    "fill-ups": {"filled_at": "2024-02-01T10:00:00Z", "odometer": 30, "quantity": 20, "price": 2},
    "odometer-readings": {"date": "2024-02-01", "odometer": 40},
    "service-records": {"date": "2024-02-01", "odometer": 40, "items": [{"service_type": "Oil change"}]},
    "reminders": {"title": "Tyres", "interval_months": 6},
    "stations": {"name": "Aral"},
    "documents": {"title": "Policy", "kind": "insurance"},
    "other-costs": {"date": "2024-02-01", "amount": 12},
    "restore": {}, "done": {}, "snooze": {"until": "2030-01-01"},
}  # fmt: skip

OPERATIONS = [
    (path, method.upper())
    for path, item in ninja_api.get_openapi_schema()["paths"].items()
    for method in item
    if method in ("get", "post", "put", "delete")
]
WITH_IDS = [(path, method) for path, method in OPERATIONS if "{" in path]


def test_every_resource_is_known_here():
    """A new resource must say which model its ids name, or its routes would 404 by accident."""
    for path, _ in OPERATIONS:
        segment = path.removeprefix("/api/v1/").split("/")[0]
        assert segment in MODELS or segment in ("figures", "due", "openapi.json", "docs"), path


def _url(path: str, objects: dict) -> str:
    def value(match: re.Match) -> str:
        model = Vehicle if match.group(1) == "vehicle_id" else MODELS[path.removeprefix("/api/v1/").split("/")[0]]
        return str(objects[model].pk)

    return re.sub(r"\{(\w+)\}", value, path)


def _resource(path: str) -> str:
    """The resource a write's body is for: the last segment that is not an id."""
    return [segment for segment in path.split("/") if segment and "{" not in segment][-1]


@pytest.mark.parametrize("path, method", WITH_IDS, ids=[f"{m} {p}" for p, m in WITH_IDS])
def test_another_users_ids_are_a_404(other_api, alices, path, method):  # noqa: F811
    url = _url(path, alices)
    body = BODIES[_resource(path)] if method in ("POST", "PUT") else None
    response = other_api.generic(method, url, json.dumps(body) if body else "", "application/json")
    assert response.status_code == 404, f"{method} {url} answered {response.status_code}: {response.content[:200]}"
    assert SECRET.encode() not in response.content
    for model, row in alices.items():
        assert model.objects.filter(pk=row.pk, deleted_at__isnull=True).exists()
    assert Vehicle.objects.get(pk=alices[Vehicle].pk).nickname == SECRET


def test_filters_by_another_users_vehicle_find_nothing(other_api, alices):  # noqa: F811
    vehicle = alices[Vehicle].pk
    for resource in ("fill-ups", "odometer-readings", "service-records", "reminders", "other-costs", "documents"):
        assert other_api.get(f"/api/v1/{resource}?vehicle={vehicle}").json() == {"items": [], "next": None}
    for figures in ("figures/fuel", "figures/costs", "due"):
        assert other_api.get(f"/api/v1/{figures}?vehicle={vehicle}").status_code == 404
    for read in ("stations", "stations/cheapest", "due", "figures/costs", "documents"):
        assert SECRET not in other_api.get(f"/api/v1/{read}").content.decode()
    assert SECRET not in other_api.get("/api/v1/vehicles").content.decode()


@pytest.mark.parametrize("path, method", OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_a_signed_out_caller_gets_a_401(alices, path, method):  # noqa: F811
    response = Client().generic(method, _url(path, alices), "{}", "application/json")
    assert response.status_code == 401 and response.json()["detail"]


# Resources that belong to a person, not to a vehicle: never shared with a household.
PERSONAL = ("stations",)


@pytest.mark.parametrize("path, method", WITH_IDS, ids=[f"{m} {p}" for p, m in WITH_IDS])
def test_a_member_gets_what_their_role_allows(household, path, method):  # noqa: F811
    """A read needs a viewer, a write to a record a driver, to the vehicle itself a manager."""
    people, rows = household
    url = _url(path, rows)
    body = BODIES[_resource(path)] if method in ("POST", "PUT") else None
    needed = Role.VIEWER if method == "GET" else Role.MANAGER if _resource(path) == "vehicles" else Role.DRIVER
    personal = path.removeprefix("/api/v1/").split("/")[0] in PERSONAL  # nothing of the owner's own for a member
    before = state()
    for name, role in (("viewer", Role.VIEWER), ("driver", Role.DRIVER), ("manager", Role.MANAGER)):
        client = bearer(make_token(people[name]))
        with rolled_back():
            response = client.generic(method, url, json.dumps(body) if body else "", "application/json")
        if personal:
            assert response.status_code == 404, f"{name}: {method} {url} answered {response.status_code}"
        elif role < needed:
            assert response.status_code == 403, f"{name}: {method} {url} answered {response.status_code}"
        else:
            assert response.status_code < 400 or response.status_code == 422, (
                f"{name}: {method} {url}: {response.content[:300]}"
            )
    assert {model: rows for model, rows in state().items() if model._meta.label != "api.AccessToken"} == {
        model: rows for model, rows in before.items() if model._meta.label != "api.AccessToken"
    }
