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
        for event in ("insert", "update", "delete"):
            assert data_version.trigger_name(model._meta.db_table, event) in installed, model


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


def test_the_cache_key_follows_the_version(owner):
    before = data_version.cache_key(owner, "garage")
    Thing.objects.create(owner=owner, name="a")
    owner.refresh_from_db()
    assert data_version.cache_key(owner, "garage") != before
