"""Query counts of the documents pages: the same with 10 documents as with 10,000."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document, DocumentKind, DocumentVehicle

pytestmark = pytest.mark.django_db

# The session's user; (a vehicle's pages) the vehicle the URL names; the user's preferences (the
# notice form and the rows' expiry marks); the owners of the vehicles they see (so the list walks
# the owner's index); the page's rows (one more than a page) and, in the garage's list, their vehicles
# (one prefetch); a vehicle's tab also its due documents (the notice and the links).
EXPECTED = {
    "garage list": ("/documents/", {}, 5),
    "garage list, searched": ("/documents/?q=polic+card&kind=insurance", {}, 5),
    "garage list rows (HTMX)": ("/documents/?q=card", {"HX-Request": "true", "HX-Target": "document-rows"}, 5),
    "a vehicle's documents": ("/vehicles/{v}/documents/", {}, 7),
    "the vehicle page's tab": ("/vehicles/{v}/documents/", {"HX-Request": "true", "HX-Target": "vehicle-section"}, 7),
}


def fill(owner, vehicles, count: int) -> None:
    kinds = DocumentKind.values
    documents = Document.objects.bulk_create(
        Document(
            owner=owner, kind=kinds[n % len(kinds)], title=f"Policy card {n}", number=f"POL-{n}",
            notes="kept in the glovebox",
            expires_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 700), file=f"{owner.pk}/{n}.pdf",
            original_name=f"{n}.pdf", content_type="application/pdf", size=1000 + n, sha256=f"{n:064x}",
        )
        for n in range(count)
    )  # fmt: skip
    DocumentVehicle.objects.bulk_create(
        DocumentVehicle(owner=owner, vehicle=vehicle, document=document)
        for n, document in enumerate(documents)
        for vehicle in vehicles[: 1 + n % 2]
    )


def measure(client, vehicle) -> dict[str, int]:
    measured = {}
    for name, (url, headers, _) in EXPECTED.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url.format(v=vehicle.pk), headers=headers)
        assert response.status_code == 200, name
        measured[name] = len(queries)
    return measured


@pytest.mark.parametrize("count", [10, 10_000])
def test_query_counts_do_not_grow_with_the_documents(owner_client, owner, vehicle, second_vehicle, count):
    fill(owner, [vehicle, second_vehicle], count)
    assert measure(owner_client, vehicle) == {name: expected for name, (_, _, expected) in EXPECTED.items()}


def test_the_list_shows_what_the_search_and_filter_ask_for(owner_client, owner, vehicle, second_vehicle):
    fill(owner, [vehicle, second_vehicle], 30)
    page = owner_client.get("/documents/?q=polic+card+12&kind=").content.decode()
    assert "Policy card 12<" in page and "Policy card 13<" not in page
    by_number = owner_client.get("/documents/?q=POL-7").content.decode()
    assert "Policy card 7<" in by_number and "Policy card 17<" not in by_number
    receipts = owner_client.get("/documents/?kind=receipt").content.decode()
    assert "Policy card 5<" in receipts and "Policy card 6<" not in receipts  # receipts are the 6th type
    notes = owner_client.get("/documents/?q=glovebox").content.decode()
    assert notes.count('class="row-link"') == 30  # every one has it in its notes
    fill(owner, [vehicle], 40)  # 70 now: two pages
    first, second = (owner_client.get(f"/documents/?q=glovebox&page={n}").content.decode() for n in (1, 2))
    assert first.count('class="row-link"') == 50 and "page=2" in first and "Page 1" in first
    assert second.count('class="row-link"') == 20 and "page=1" in second and "page=3" not in second
    assert owner_client.get("/documents/?page=x").status_code == 200
