import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create
from motovault.tests.oidc_provider import StandInProvider, serve
from motovault.tests.ownedapp.models import Thing
from vehicles.models import OdometerReading, Vehicle

SECRET = "AliceSecretCar"


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


@pytest.fixture
def household(alices, django_user_model):
    """Alice's vehicle shared with Bob (manager), Dave (driver) and Erin (viewer), with an open
    invitation link and an open offer of the vehicle to Dave: ``{role name: user}`` and the rows
    (by model, over ``alices``) the scoping sweep names in URLs."""
    from households.models import ShareInvitation, Transfer
    from vehicles.access import Role
    from vehicles.models import Membership

    vehicle = alices[Vehicle]
    people = {"owner": vehicle.owner}
    for name, role in (("manager", Role.MANAGER), ("driver", Role.DRIVER), ("viewer", Role.VIEWER)):
        person = django_user_model.objects.create_user(name, f"{name}@example.com", f"{name}-password-1")
        membership = Membership.objects.create(vehicle=vehicle, user=person, role=role, invited_by=vehicle.owner)
        people[name] = person
    invitation = ShareInvitation(vehicle=vehicle, role=Role.DRIVER, created_by=vehicle.owner)
    invitation.new_token()
    invitation.save()
    transfer = Transfer.objects.create(vehicle=vehicle, from_user=vehicle.owner, to_user=people["driver"])
    rows = {**alices, Membership: membership, ShareInvitation: invitation, Transfer: transfer}  # the viewer's
    return people, rows
