"""Documents in the user's export (rows and files) and in the deletion of their account."""

import csv
import io
import zipfile

import pytest

from documents.models import Document, DocumentVehicle
from motovault.accountdata import account_delete

from .conftest import make_document as make
from .conftest import pdf, stored_files

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_documents_rows_and_files(owner_client, owner, vehicle, second_vehicle):
    content = pdf()
    document = make(owner, [vehicle, second_vehicle], "policy.pdf", content)
    make(owner, [vehicle], "notes.txt", b"tyre pressures 2.3 bar")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(owner_client.get("/account/export/").streaming_content)))
    rows = list(csv.reader(io.StringIO(archive.read("documents.csv").decode())))
    assert len(rows) == 3 and rows[1][rows[0].index("original_name")] == "policy.pdf"
    assert len(list(csv.reader(io.StringIO(archive.read("document_vehicles.csv").decode())))) == 4
    assert archive.read(f"documents/{document.file.name}") == content
    assert archive.read(f"documents/{document.thumbnail.name}")[:2] == b"\xff\xd8"


def test_deleting_the_account_removes_every_document_and_file(
    owner, other_user, vehicle, documents_root, django_capture_on_commit_callbacks
):
    from vehicles.models import Vehicle

    make(owner, [vehicle], "a.pdf", pdf())
    theirs = make(
        other_user, [Vehicle.objects.create(owner=other_user, year=2020, make="Kia", model="Rio")], "b.txt", b"b"
    )
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=owner)
    assert list(Document.objects.all()) == [theirs] and DocumentVehicle.objects.count() == 1
    assert stored_files(documents_root) == [theirs.file.name]
