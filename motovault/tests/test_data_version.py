"""The data version PostgreSQL raises on every change to a user's data, which cached pages key on."""

import pytest
from django.apps import apps
from django.db import connection

from motovault import data_version
from motovault.models import OwnedModel
from motovault.tests.ownedapp.models import Thing

pytestmark = pytest.mark.django_db


def version(user) -> int:
    user.refresh_from_db(fields=["data_version"])
    return user.data_version


def test_every_table_of_user_data_has_the_triggers():
    """A new kind of record without them would serve stale cached pages: this names it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        installed = {row[0] for row in cursor.fetchall()}
    owned = [model for model in apps.get_models() if issubclass(model, OwnedModel)]
    assert len(owned) >= 4
    for model in owned:
        assert data_version.trigger_name(model._meta.db_table) in installed, model


def test_every_kind_of_write_raises_the_owners_version_and_no_one_elses(owner, other_user):
    seen = [version(owner)]
    thing = Thing.objects.create(owner=owner, name="a")
    seen.append(version(owner))
    thing.soft_delete()
    seen.append(version(owner))
    Thing.objects.bulk_create([Thing(owner=owner, name=str(n)) for n in range(500)])
    seen.append(version(owner))
    Thing.objects.filter(owner=owner).update(name="renamed")  # no signals, no save()
    seen.append(version(owner))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ownedapp_thing WHERE owner_id = %s", [owner.pk])
    seen.append(version(owner))
    assert seen == sorted(set(seen)), "each write raised it"
    assert seen[3] == seen[2] + 1, "a bulk insert of 500 rows raises it once"
    assert version(other_user) == 0


def test_a_statement_touching_two_users_raises_both(owner, other_user):
    Thing.objects.bulk_create([Thing(owner=owner, name="a"), Thing(owner=other_user, name="b")])
    assert (version(owner), version(other_user)) == (1, 1)


def test_a_rolled_back_write_leaves_it(owner):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        Thing.objects.create(owner=owner, name="a")
        raise RuntimeError
    assert version(owner) == 0


@pytest.mark.django_db(transaction=True)
def test_a_committed_transaction_raises_it_once_at_the_commit(owner):
    from django.db import transaction

    with transaction.atomic():
        Thing.objects.create(owner=owner, name="a")
        Thing.objects.bulk_create([Thing(owner=owner, name=str(n)) for n in range(500)])
        Thing.objects.filter(owner=owner).update(name="renamed")
        assert version(owner) == 0, "not before the commit"
    assert version(owner) == 1
    Thing.objects.create(owner=owner, name="b")  # autocommit: a transaction of its own
    assert version(owner) == 2


@pytest.mark.django_db(transaction=True)
def test_a_fill_up_and_a_vehicle_edit_at_once_do_not_deadlock(owner):
    """One writes a record then locks its vehicle (as a fill-up does); the other edits the vehicle
    meanwhile. Were the user's row taken at each write, each would wait for the other."""
    import threading

    from django.db import connection as main_connection
    from django.db import connections, transaction

    from vehicles.models import OdometerReading, Vehicle

    vehicle = Vehicle.objects.create(owner=owner, year=2012, make="Honda", model="Civic")
    recorded, edited, errors = threading.Event(), threading.Event(), []

    def fill_up():
        try:
            with transaction.atomic():
                OdometerReading.objects.create(owner=owner, vehicle=vehicle, date="2024-01-01", odometer_km=1000)
                recorded.set()
                edited.wait(5)
                Vehicle.objects.select_for_update().get(pk=vehicle.pk)
        except Exception as error:  # a deadlock is reported here
            errors.append(error)
        finally:
            connections.close_all()

    def edit():
        try:
            recorded.wait(5)
            with transaction.atomic():
                Vehicle.objects.filter(pk=vehicle.pk).update(nickname="Blue")
                edited.set()
                threading.Event().wait(0.3)  # the fill-up now waits for this vehicle row
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=fill_up), threading.Thread(target=edit)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    main_connection.close()
    assert errors == []
    assert version(owner) == 3  # the vehicle's creation, then each transaction once
