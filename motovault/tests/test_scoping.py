"""The owned-model base and the view mixin: the only way views reach user data."""

import pytest

from motovault.tests.ownedapp.models import Thing

pytestmark = [pytest.mark.django_db, pytest.mark.urls("motovault.tests.ownedapp.urls")]


@pytest.fixture
def thing(owner):
    return Thing.objects.create(owner=owner, name="Alice thing")


def test_the_owner_sees_their_object(owner_client, thing):
    assert owner_client.get(f"/things/{thing.pk}/").content.decode().strip() == "Alice thing"


@pytest.mark.parametrize("suffix", ["", "edit/"])
def test_other_user_gets_404(other_client, thing, suffix):
    assert other_client.get(f"/things/{thing.pk}/{suffix}").status_code == 404


def test_other_user_cannot_edit_by_posting(other_client, thing):
    assert other_client.post(f"/things/{thing.pk}/edit/", {"name": "pwned"}).status_code == 404
    thing.refresh_from_db()
    assert thing.name == "Alice thing"


def test_other_users_list_does_not_show_it(other_client, thing):
    assert "Alice" not in other_client.get("/things/").content.decode()


def test_a_signed_out_visitor_is_sent_to_sign_in(client, thing):
    response = client.get(f"/things/{thing.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_soft_deleted_rows_are_invisible_and_restorable(owner_client, owner, thing):
    thing.soft_delete()
    assert owner_client.get(f"/things/{thing.pk}/").status_code == 404
    assert list(Thing.objects.for_user(owner)) == []
    assert list(Thing.objects.trashed_for_user(owner)) == [thing]
    thing.restore()
    assert owner_client.get(f"/things/{thing.pk}/").status_code == 200


def test_deleting_a_user_with_data_is_refused(owner, thing):
    """PROTECT, not CASCADE: a user's rows are never removed behind their back."""
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        owner.delete()
    assert Thing.objects.filter(pk=thing.pk).exists()
