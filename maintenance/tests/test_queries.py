"""Query counts of the service lists: the same with 3 services as with 300, on a first visit after
a change and from the cache."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maintenance.models import LineItem, ServiceRecord

pytestmark = pytest.mark.django_db

# The session's user, then (a vehicle's list) the vehicle the URL names and its reminders (never
# cached: the page links each); on a first visit the page's values: the count and total, the
# newest records with their vehicles, their items, the service types for suggestions (used types,
# reminders' types), and on a vehicle's list its due list (its vehicle, reminders, odometers, the
# user's thresholds, a query an odometer source for the driving rate, the documents' notice days
# and the expiring documents).
EXPECTED = {
    "garage services": ("/services/", {}, (6, 1)),
    "garage services, filtered": ("/services/?service_type=Brakes&start=2020-01-01", {}, (6, 1)),
    "a vehicle's services": ("/vehicles/{v}/services/", {}, (17, 3)),
    "the vehicle page's tab": (
        "/vehicles/{v}/services/",
        {"HX-Request": "true", "HX-Target": "vehicle-section"},
        (17, 3),
    ),
}


def bulk(car, start: int, count: int) -> None:
    records = ServiceRecord.objects.bulk_create(
        ServiceRecord(owner=car.owner, vehicle=car, date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
                      odometer_km=1000 + n * 10, total_cost=100)
        for n in range(start, start + count)
    )  # fmt: skip
    LineItem.objects.bulk_create(
        LineItem(record=r, service_type=kind, parts_cost=50) for r in records for kind in ("Brakes", "Coolant")
    )


def counts(client, car, reminder) -> dict:
    measured = {}
    for name, (url, headers, _) in EXPECTED.items():
        car.save()
        visits = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url.format(v=car.pk), headers=headers).status_code == 200
            visits.append(len(queries))
        measured[name] = tuple(visits)
    return measured


def test_service_list_queries_are_the_same_with_3_and_300_services(owner_client, car, reminder):
    reminder(car, title="MOT", due_date=datetime.date(2030, 1, 1))
    bulk(car, 0, 3)
    few = counts(owner_client, car, reminder)
    bulk(car, 3, 297)
    assert few == counts(owner_client, car, reminder) == {name: want for name, (_, _, want) in EXPECTED.items()}
