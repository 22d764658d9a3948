"""The garage and quick entry of a household member: the same number of queries with one shared
vehicle as with fifty (the role, the owner's name and the member count come with the vehicles)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vehicles.access import Role
from vehicles.models import Membership, Vehicle

pytestmark = pytest.mark.django_db

PAGES = ["/vehicles/", "/fuel/add/", "/households/"]


def shared_garage(owner, member, count: int) -> list[Vehicle]:
    vehicles = Vehicle.objects.bulk_create(
        Vehicle(owner=owner, year=2010 + n % 10, make="Make", model=f"Model {n}") for n in range(count)
    )
    Membership.objects.bulk_create(Membership(vehicle=v, user=member, role=Role.DRIVER) for v in vehicles)
    return vehicles


def queries(user, vehicle: Vehicle) -> dict[str, tuple[int, int]]:
    client = Client()
    client.force_login(user)
    measured = {}
    for url in PAGES:
        vehicle.save()  # a change: every member's data version moves, the cached cards with it
        visits = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            visits.append(len(captured))
        measured[url] = tuple(visits)
    return measured


def test_a_members_pages_read_as_much_with_one_shared_vehicle_as_with_fifty(owner, other_user):
    one = queries(other_user, shared_garage(owner, other_user, 1)[0])
    many = queries(other_user, shared_garage(owner, other_user, 49)[0])
    assert one == many
    # The user, the vehicles, their latest fill-ups, then on the garage its next reminders and on
    # quick entry the user's stations; from the cache, the user alone.
    assert one == {"/vehicles/": (4, 1), "/fuel/add/": (4, 1), "/households/": (4, 4)}


def test_the_owners_garage_reads_as_much_sharing_one_vehicle_as_fifty(owner, other_user):
    one = queries(owner, shared_garage(owner, other_user, 1)[0])
    many = queries(owner, shared_garage(owner, other_user, 49)[0])
    assert one == many
