"""Account deletion: after a typed confirmation, every row and stored file of the user goes, in
the order PROTECT requires, and every row and file of anyone else stays."""

import pytest
from axes.models import AccessLog
from django.contrib.auth import get_user_model

from accounts import services
from fuel_logs.models import FuelLog
from motovault import accountdata
from vehicles.models import OdometerReading, Vehicle

pytestmark = pytest.mark.django_db


def counts(user) -> dict:
    return {m: m.objects.filter(owner=user).count() for m in (Vehicle, OdometerReading, FuelLog)}


def test_deletion_needs_the_typed_confirmation_and_changes_nothing_without_it(owner_client, owner, both):
    before = counts(owner)
    response = owner_client.post("/account/delete/", {"confirm": "yes"})
    assert response.status_code == 400
    assert "Type “delete my account” exactly" in response.content.decode()
    assert counts(owner) == before and get_user_model().objects.filter(pk=owner.pk).exists()


def test_deletion_removes_every_row_and_file_of_the_user_and_nothing_of_another(
    owner_client, owner, other_user, both, media, django_capture_on_commit_callbacks
):
    alices, charlies = both
    export = services.export_build(user=owner)
    others_before = counts(other_user)
    alice_photo, charlie_photo = media / alices.photo.name, media / charlies.photo.name
    for username in ("alice", "charlie"):
        AccessLog.objects.create(username=username, ip_address="203.0.113.1", user_agent="x", path_info="/")
    assert alice_photo.exists() and (media / export).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post("/account/delete/", {"confirm": "  Delete my account "})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not get_user_model().objects.filter(pk=owner.pk).exists()
    for model in (Vehicle, OdometerReading, FuelLog):
        assert not model.objects.filter(owner_id=owner.pk).exists(), model
    assert not alice_photo.exists() and not (media / export).exists()
    assert counts(other_user) == others_before and charlie_photo.read_bytes() == b"charlie-photo"
    assert not AccessLog.objects.filter(username="alice").exists()
    assert AccessLog.objects.filter(username="charlie").exists()
    assert not owner_client.get("/").context["user"].is_authenticated


def test_the_deletion_order_puts_every_model_before_what_it_points_at():
    order = accountdata.deletion_order()
    assert order.index(FuelLog) < order.index(Vehicle) and order.index(OdometerReading) < order.index(Vehicle)
