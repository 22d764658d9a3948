"""Every bad input of the issue: a clear message beside the field, and nothing stored (rows and
files counted before and after)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document, DocumentVehicle

from .conftest import EXECUTABLE, HTML_PAGE, SVG_WITH_SCRIPT, pdf, png, png_bomb, stored_files

pytestmark = pytest.mark.django_db


def counts(root) -> tuple[int, int, list[str]]:
    return Document.objects.count(), DocumentVehicle.objects.count(), stored_files(root)


BAD_FILES = {
    "empty": ("scan.pdf", b"", "is empty"),
    "an executable renamed .pdf": ("policy.pdf", EXECUTABLE, "not a file we keep"),
    "an SVG with a script": ("card.svg", SVG_WITH_SCRIPT, "not a file we keep"),
    "the same SVG named .png": ("card.png", SVG_WITH_SCRIPT, "not a file we keep"),
    "HTML named .jpg": ("photo.jpg", HTML_PAGE, "not a file we keep"),
    "a 20,000 × 20,000 PNG": ("huge.png", png_bomb(), "too many pixels"),
    "a broken image": ("broken.png", png()[:60], "not a readable image"),
    "binary noise": ("data.txt", bytes(range(256)) * 4, "not a file we keep"),
}


@pytest.mark.parametrize("name, content, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_and_nothing_is_stored(owner_client, vehicle, documents_root, name, content, message):
    before = counts(documents_root)
    response = owner_client.post(
        reverse("documents:add"),
        {"kind": "other", "vehicles": [vehicle.pk], "files": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors["files"][0]
    assert message in response.content.decode()
    assert counts(documents_root) == before


def test_an_oversize_file_is_refused_with_the_limit(owner_client, vehicle, documents_root, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    response = owner_client.post(
        reverse("documents:add"),
        {"kind": "other", "vehicles": [vehicle.pk], "files": SimpleUploadedFile("big.txt", b"a" * 1025)},
    )
    assert "may be 1.0\xa0KB at most" in response.context["form"].errors["files"][0]
    assert counts(documents_root) == (0, 0, [])


def test_one_bad_file_among_several_refuses_them_all(owner_client, vehicle, documents_root):
    files = [SimpleUploadedFile("ok.pdf", pdf()), SimpleUploadedFile("bad.pdf", EXECUTABLE)]
    response = owner_client.post(reverse("documents:add"), {"kind": "other", "vehicles": [vehicle.pk], "files": files})
    assert "“bad.pdf” is not a file we keep" in response.context["form"].errors["files"][0]
    assert counts(documents_root) == (0, 0, [])


def test_expiry_before_issue_is_refused(owner_client, vehicle, documents_root):
    data = {"kind": "insurance", "vehicles": [vehicle.pk], "issued_on": "2026-05-01", "expires_on": "2026-04-30"}
    response = owner_client.post(reverse("documents:add"), {**data, "files": SimpleUploadedFile("p.pdf", pdf())})
    assert response.context["form"].errors["expires_on"] == ["The expiry date is before the issue date."]
    assert counts(documents_root) == (0, 0, [])


def test_a_premium_needs_its_period_and_issue_date(owner_client, vehicle, documents_root):
    data = {"kind": "insurance", "vehicles": [vehicle.pk], "premium": "480.00"}
    response = owner_client.post(reverse("documents:add"), {**data, "files": SimpleUploadedFile("p.pdf", pdf())})
    errors = response.context["form"].errors
    assert "premium_period" in errors and "issued_on" in errors
    assert counts(documents_root) == (0, 0, [])


def test_the_same_file_twice_for_a_vehicle_is_flagged_not_stored_twice(owner_client, vehicle, documents_root):
    content = pdf()
    data = {"kind": "insurance", "vehicles": [vehicle.pk]}
    owner_client.post(reverse("documents:add"), {**data, "files": SimpleUploadedFile("a.pdf", content)})
    before = counts(documents_root)
    response = owner_client.post(reverse("documents:add"), {**data, "files": SimpleUploadedFile("again.pdf", content)})
    assert "already stored for this vehicle as “a”" in response.context["form"].errors["files"][0]
    assert counts(documents_root) == before


def test_a_duplicate_later_in_a_batch_leaves_no_file_of_the_earlier_ones(owner_client, vehicle, documents_root):
    content = pdf()
    data = {"kind": "other", "vehicles": [vehicle.pk]}
    files = [
        SimpleUploadedFile("new.png", png()),
        SimpleUploadedFile("one.pdf", content),
        SimpleUploadedFile("two.pdf", content),
    ]
    response = owner_client.post(reverse("documents:add"), {**data, "files": files})
    assert "already stored for this vehicle" in response.context["form"].errors["files"][0]
    assert counts(documents_root) == (0, 0, [])


def test_another_users_vehicle_or_fill_up_cannot_be_chosen(owner_client, other_user, documents_root):
    from vehicles.models import Vehicle

    theirs = Vehicle.objects.create(owner=other_user, year=2020, make="Kia", model="Rio")
    response = owner_client.post(
        reverse("documents:add"),
        {"kind": "other", "vehicles": [theirs.pk], "files": SimpleUploadedFile("a.pdf", pdf())},
    )
    assert "vehicles" in response.context["form"].errors
    assert counts(documents_root) == (0, 0, [])


def test_no_file_is_refused(owner_client, vehicle):
    response = owner_client.post(reverse("documents:add"), {"kind": "other", "vehicles": [vehicle.pk]})
    assert response.context["form"].errors["files"] == ["This field is required."]
    assert Document.objects.count() == 0
