"""Another user gets a 404 for everything of Alice's documents; trashing, restoring and purging."""

import pytest
from django.urls import reverse

from documents.models import Document, DocumentVehicle
from vehicles.services import vehicle_purge

from .conftest import make_document as make
from .conftest import pdf, png, stored_files

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["detail", "edit", "file", "download", "thumbnail"])
def test_another_user_gets_404_for_the_metadata_the_file_and_the_preview(other_client, owner, vehicle, name):
    document = make(owner, [vehicle])
    assert other_client.get(reverse(f"documents:{name}", args=[document.pk])).status_code == 404


@pytest.mark.parametrize("name", ["delete", "restore", "purge"])
def test_another_user_cannot_trash_restore_or_purge(other_client, owner, vehicle, name, documents_root):
    document = make(owner, [vehicle])
    if name != "delete":
        document.soft_delete()
    assert other_client.post(reverse(f"documents:{name}", args=[document.pk])).status_code == 404
    assert Document.objects.filter(pk=document.pk, deleted_at=document.deleted_at).exists()
    assert len(stored_files(documents_root)) == 2


def test_signed_out_the_file_sends_to_sign_in(client, owner, vehicle):
    document = make(owner, [vehicle])
    response = client.get(reverse("documents:file", args=[document.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_trash_restore_and_the_trash_page(owner_client, owner, vehicle):
    document = make(owner, [vehicle], title="Green card")
    response = owner_client.post(reverse("documents:delete", args=[document.pk]))
    assert response["Location"] == f"{reverse('documents:list')}?deleted={document.pk}"
    assert owner_client.get(reverse("documents:detail", args=[document.pk])).status_code == 404
    assert owner_client.get(reverse("documents:file", args=[document.pk])).status_code == 404
    listing = owner_client.get(response["Location"]).content.decode()
    assert "Moved “Green card” to the trash." in listing
    assert "Green card" in owner_client.get(reverse("vehicles:trash")).content.decode()
    owner_client.post(reverse("documents:restore", args=[document.pk]))
    assert owner_client.get(reverse("documents:detail", args=[document.pk])).status_code == 200


def test_purge_removes_the_file_and_nothing_else(
    owner_client, owner, vehicle, second_vehicle, documents_root, django_capture_on_commit_callbacks
):
    kept = make(owner, [vehicle], "kept.png", png())
    shared_bytes = pdf()
    first = make(owner, [vehicle], "a.pdf", shared_bytes)
    second = make(owner, [second_vehicle], "b.pdf", shared_bytes)  # the same stored file
    all_files = stored_files(documents_root)
    assert len(all_files) == 4  # the PNG and the PDF, each with its preview

    first.soft_delete()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("documents:purge", args=[first.pk]))
    assert not Document.objects.filter(pk=first.pk).exists()
    assert stored_files(documents_root) == all_files  # the second document still needs the PDF

    second.soft_delete()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("documents:purge", args=[second.pk]))
    assert stored_files(documents_root) == sorted([kept.file.name, kept.thumbnail.name])
    assert list(Document.objects.all()) == [kept]


def test_a_live_document_cannot_be_purged(owner_client, owner, vehicle, documents_root):
    document = make(owner, [vehicle])
    assert owner_client.post(reverse("documents:purge", args=[document.pk])).status_code == 404
    assert len(stored_files(documents_root)) == 2


def test_purging_a_vehicle_takes_its_own_documents_and_leaves_shared_ones(
    owner, vehicle, second_vehicle, documents_root, django_capture_on_commit_callbacks
):
    alone = make(owner, [vehicle], "alone.pdf", pdf("red"))
    shared = make(owner, [vehicle, second_vehicle], "shared.png", png())
    other = make(owner, [second_vehicle], "other.pdf", pdf("red"))  # same bytes as ``alone``, other vehicle
    vehicle.soft_delete()
    assert list(Document.objects.for_user(owner).order_by("pk")) == [shared, other]  # ``alone`` hidden with its vehicle
    with django_capture_on_commit_callbacks(execute=True):
        vehicle_purge(vehicle=vehicle, with_records=True)
    assert list(Document.objects.order_by("pk")) == [shared, other]
    assert (
        list(DocumentVehicle.objects.values_list("vehicle", flat=True).order_by("vehicle")) == [second_vehicle.pk] * 2
    )
    # ``alone``'s stored file is ``other``'s too: it stays.
    assert alone.file.name == other.file.name
    assert stored_files(documents_root) == sorted(
        [other.file.name, other.thumbnail.name, shared.file.name, shared.thumbnail.name]
    )


def test_purging_a_vehicle_without_its_records_is_refused_while_it_has_documents(owner, vehicle):
    from django.db.models import ProtectedError

    make(owner, [vehicle])
    vehicle.soft_delete()
    with pytest.raises(ProtectedError):
        vehicle_purge(vehicle=vehicle, with_records=False)


def test_the_owner_rule_refuses_a_link_to_another_users_vehicle(owner, other_user, vehicle):
    from django.db import IntegrityError

    from vehicles.models import Vehicle

    document = make(owner, [vehicle])
    theirs = Vehicle.objects.create(owner=other_user, year=2020, make="Kia", model="Rio")
    with pytest.raises(IntegrityError):
        DocumentVehicle.objects.create(owner=other_user, vehicle=theirs, document=document)
