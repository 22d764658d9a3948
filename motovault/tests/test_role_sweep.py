"""Every routed URL with an id, GET and POST, as the owner, a manager, a driver and a viewer of
Alice's shared vehicle, and as a stranger: each gets exactly what their role allows. Driven by the
URLconf and the ``alices`` fixture (plus the household), so a feature's new views and models are
swept by themselves. The role a view needs is what it declares (``required_role``; None: it is
about one person, not a role), else what it is: a page that only reads needs a viewer, a form or a
POST on a vehicle a manager, on a vehicle's record a driver. A member gets what the owner gets when
the owner gets 404 or 405 (nothing there), else 403 below the role, and never 403 or 404 at it.
A refused request changes nothing."""

from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.views.generic.edit import FormMixin

from motovault.models import OwnedModel
from motovault.tests.test_url_sweep import WITH_IDS, url_for
from vehicles.access import Role
from vehicles.models import Membership, Vehicle, VehicleRecord

pytestmark = pytest.mark.django_db

MEMBERS = {"manager": Role.MANAGER, "driver": Role.DRIVER, "viewer": Role.VIEWER}
UNDECLARED = object()


def required_role(view, method: str):
    view_class = getattr(view, "view_class", None)
    declared = getattr(view_class or view, "required_role", UNDECLARED)
    if declared is not UNDECLARED:
        return declared
    model = getattr(view_class, "model", None)
    if method == "GET" and not (view_class and issubclass(view_class, FormMixin)):
        return Role.VIEWER
    if model is Vehicle:
        return Role.MANAGER
    if model is not None and issubclass(model, VehicleRecord):
        return Role.DRIVER
    return UNDECLARED


@contextmanager
def rolled_back():
    """A request whose writes are undone (and the cache emptied), so the next starts alike."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
    cache.clear()


def ask(user, method: str, url: str) -> int:
    client = Client()
    client.force_login(user)
    with rolled_back():
        if method == "GET":
            return client.get(url).status_code
        return client.post(url, {"name": "x"}).status_code


def state() -> dict:
    """Every row of user data and of households, to compare before and after a refused request."""
    models = [m for m in apps.get_models() if issubclass(m, OwnedModel) or m._meta.app_label == "households"]
    return {m: list(m.objects.order_by("pk").values()) for m in [*models, Membership]}


CASES = [(route, view, method) for route, view in WITH_IDS for method in ("GET", "POST")]


@pytest.mark.parametrize("route, view, method", CASES, ids=[f"{method} {route}" for route, _, method in CASES])
def test_each_role_gets_what_it_allows(household, other_user, route, view, method):
    people, rows = household
    url = url_for(route, view, rows)
    before = state()
    stranger = ask(other_user, method, url)
    assert stranger in (404, 405), f"a stranger: {method} {url} answered {stranger}"
    owner = ask(people["owner"], method, url)
    needed = required_role(view, method)
    assert owner in (404, 405) or needed is not UNDECLARED, f"{route}: say which role it needs (required_role)"
    for name, role in MEMBERS.items():
        status = ask(people[name], method, url)
        if needed is None:
            continue
        if owner in (404, 405):
            assert status == owner, f"{name}: {method} {url} answered {status}, the owner {owner}"
        elif role >= needed:
            assert status not in (403, 404), f"{name} may: {method} {url} answered {status}"
        else:
            assert status == 403, f"{name} may not: {method} {url} answered {status}"
    assert state() == before


def test_the_sweep_knows_the_household_routes():
    routes = {route for route, _, _ in CASES}
    assert {"vehicles/<int:vehicle_pk>/sharing/add/", "memberships/<int:pk>/revoke/"} <= routes
