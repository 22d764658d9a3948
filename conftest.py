"""Fixtures every app's tests share: who is who, a clean cache, the browser, a closed network."""

import ipaddress
import os
import socket

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from motovault.tests.oidc_provider import StandInProvider, serve

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright cannot download its own browser here."""
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def _data_versions_move_per_statement(request):
    """A test runs in one transaction, rolled back and never committed, so the data version's
    trigger (deferred to the commit in the app, see motovault/data_version.py) fires at the end
    of each statement instead, as if each had been committed."""
    marker = request.node.get_closest_marker("django_db")
    if marker and not marker.kwargs.get("transaction") and "live_server" not in request.fixturenames:
        request.getfixturevalue("db")
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.fixture(autouse=True)
def _clean_cache():
    """Tests use a Redis database of their own; each starts with it empty."""
    cache.clear()
    yield


# The stand-in OIDC provider, here so every app's tests share the one server on its port.
@pytest.fixture(scope="session")
def _provider_server():
    provider = StandInProvider(
        issuer=settings.OIDC_ISSUER, client_id=settings.OIDC_RP_CLIENT_ID, client_secret=settings.OIDC_RP_CLIENT_SECRET
    )
    server = serve(provider, settings.OIDC_TEST_PORT)
    yield provider
    server.shutdown()


@pytest.fixture
def oidc_provider(_provider_server):
    """The stand-in provider, behaving well and with Alice as the person signing in."""
    _provider_server.reset()
    return _provider_server


@pytest.fixture
def owner(django_user_model):
    """Alice: the user whose data a test is about."""
    return django_user_model.objects.create_user("alice", "alice@example.com", "alice-password-1")


@pytest.fixture
def other_user(django_user_model):
    """Charlie: must never see or touch anything of Alice's."""
    return django_user_model.objects.create_user("charlie", "charlie@example.com", "charlie-password-1")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def other_client(other_user):
    """Charlie's own browser session (a separate client, so a test can hold both)."""
    from django.test import Client

    client = Client()
    client.force_login(other_user)
    return client


@pytest.fixture
def console_errors(page):
    """Everything the browser complains about: CSP violations and script errors land here."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def signed_in_page(page, live_server, owner):
    """A real browser signed in as Alice through the password form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("alice-password-1")
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    return page


@pytest.fixture
def vehicle(owner):
    """Alice's car, logged in miles and US gallons."""
    from vehicles.models import Vehicle

    return Vehicle.objects.create(
        owner=owner, year=2012, make="Honda", model="Civic", nickname="Civic", distance_unit="mi", volume_unit="us_gal"
    )


@pytest.fixture
def network_closed(monkeypatch):
    """Any connection to an address off this machine fails, as it would with no network at all
    (PostgreSQL and Redis on the loopback still answer)."""
    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, _loopback_only(getattr(socket.socket, name)))


def _loopback_only(connect):
    def guarded(sock: socket.socket, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise OSError(f"the network is closed in this test ({address[0]})")
        return connect(sock, address)

    return guarded


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@pytest.fixture
def fill_up_at():
    """``fill_up_at(vehicle, when, total="60.00")``: 40 L at 1.50 at 1,000 km at the aware datetime
    ``when``, stored by the service (its economy kept right); for tests about dates and times."""
    from decimal import Decimal

    from fuel_logs.models import FuelLog
    from fuel_logs.services import fuel_log_create

    def make(vehicle, when, *, total: str = "60.00", quantity: str = "40", price: str = "1.5"):
        log = FuelLog(
            owner=vehicle.owner, vehicle=vehicle, filled_at=when, odometer_km=Decimal(1000),
            quantity=Decimal(quantity), price_per_unit=Decimal(price), total_cost=Decimal(total),
        )  # fmt: skip
        return fuel_log_create(log=log)[0]

    return make


@pytest.fixture(autouse=True)
def documents_root(tmp_path, settings):
    """Each test stores documents in a folder of its own (STORAGES["documents"]), removed after it."""
    root = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": root}},
    }
    return root
