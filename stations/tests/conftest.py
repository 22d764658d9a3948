import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create
from stations import places
from stations.models import Station

from .places_stand_in import OK, StandInPlaces, serve


@pytest.fixture(scope="session")
def _places_server():
    stand_in = StandInPlaces()
    server = serve(stand_in)
    yield stand_in, server
    server.shutdown()


@pytest.fixture
def places_api(_places_server, settings, monkeypatch):
    """Provider search on, against the stand-in (behaving well until a test says otherwise), with
    short timeouts and backoff."""
    stand_in, server = _places_server
    stand_in.answers, stand_in.delay, stand_in.requests = [OK], 0.0, []
    host, port = server.server_address
    settings.GOOGLE_MAPS_API_KEY = "test-key-never-in-a-page"
    settings.GOOGLE_PLACES_URL = f"http://{host}:{port}/maps/api/place"
    settings.PLACES_TIMEOUT_SECONDS = 0.5
    monkeypatch.setattr(places, "BACKOFF_SECONDS", 0.01)
    return stand_in


@pytest.fixture
def station(owner):
    """``station(name, **fields)``: one of Alice's stations."""

    def make(name: str, **fields) -> Station:
        return Station.objects.create(owner=owner, name=name, **fields)

    return make


@pytest.fixture
def bought():
    """``bought(vehicle, station, days_ago, price, ...)``: a fill-up at ``station`` ``days_ago``
    days before 15 Jun 2025 noon (UTC), at ``price`` per litre (canonical), stored by the service."""
    counter = iter(range(1, 100_000))

    def make(vehicle, station, days_ago: int, price: str, *, litres="40", energy="petrol", grade="Regular"):
        n = next(counter)
        when = timezone.make_aware(datetime.datetime(2025, 6, 15, 12, 0)) - datetime.timedelta(days=days_ago)
        quantity, unit_price = Decimal(litres), Decimal(price)
        log, _ = fuel_log_create(
            log=FuelLog(
                owner=vehicle.owner, vehicle=vehicle, station=station, filled_at=when - datetime.timedelta(minutes=n),
                odometer_km=Decimal(1000 + n), energy=energy, fuel_grade=grade, quantity=quantity,
                price_per_unit=unit_price, total_cost=(quantity * unit_price).quantize(Decimal("0.01")),
            )
        )  # fmt: skip
        return log

    return make
