"""The preview's and the import's queries: the same for a file of 3 rows as for one of 300, so no
row is checked or stored with a query of its own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.imports import fuelly_file
from imports import plan as plans
from imports import services
from imports.models import ImportBatch
from vehicles import odometer
from vehicles.models import OdometerReading

pytestmark = pytest.mark.django_db

# The preview: the user (the session is in Redis), the batch the URL names, the garage for the plan
# and for the vehicle choices, the data version's marker; then for the file's vehicle (matched by
# name) its fill-ups' keys (duplicates) and its readings, one query a source of readings. The
# import: the same reads, the vehicle read again for the user and the role, one INSERT a batch of
# 5,000, then the chain locked, read in order and written by one UPDATE.
PREVIEW_QUERIES = 6 + len(odometer.SOURCES)


def preview_queries(client, owner, rows: int) -> int:
    batch = ImportBatch.objects.create(owner=owner, file_name="f.csv", content=fuelly_file(rows))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/import/{batch.pk}/").status_code == 200
    return len(queries)


def import_queries(owner, rows: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert services.import_run(user=owner, raw=fuelly_file(rows), choices=plans.Choices())["stored"] == rows
    return len(queries)


def test_the_preview_reads_the_same_few_queries_for_any_number_of_rows(owner_client, owner, vehicle):
    vehicle.nickname = "Bench"
    vehicle.save()
    OdometerReading.objects.create(owner=owner, vehicle=vehicle, date="2000-01-01", odometer_km=1)
    assert preview_queries(owner_client, owner, 3) == preview_queries(owner_client, owner, 300) == PREVIEW_QUERIES


def test_an_import_writes_with_the_same_few_queries_for_any_number_of_rows(owner, django_user_model):
    other = django_user_model.objects.create_user("bob")
    assert import_queries(owner, 3) == import_queries(other, 300)
