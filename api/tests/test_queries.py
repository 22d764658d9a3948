"""Query counts of the API's reads, the same with 10 fill-ups as with 10,000 (no row loaded one by
one, no OFFSET): the token (with its user), then the rows with their vehicle and owner in one
join; a vehicle's list also its odometer subqueries in the same statement; the figures are the
cached selector's (the vehicle's check, then the values as the analytics page has them)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fuel_logs.tests.conftest import bulk_fill, metric_car  # noqa: F401 - the fuel tests' bulk data

pytestmark = pytest.mark.django_db

EXPECTED = {
    "fill-ups, first page": ("/api/v1/fill-ups?vehicle={v}", 2),
    "fill-ups, a later page": ("/api/v1/fill-ups?vehicle={v}&cursor={next}", 2),
    "fill-ups over a period": ("/api/v1/fill-ups?since=2015-01-02&until=2015-01-03", 2),
    "vehicles": ("/api/v1/vehicles", 2),
    "a vehicle": ("/api/v1/vehicles/{v}", 2),
    "fuel figures (from the cache)": ("/api/v1/figures/fuel?vehicle={v}", 2),
}


def counts(api, vehicle) -> dict[str, int]:
    following = api.get(f"/api/v1/fill-ups?vehicle={vehicle.pk}&limit=3").json()["next"]
    api.get(f"/api/v1/figures/fuel?vehicle={vehicle.pk}")  # the figures' first visit fills the cache
    measured = {}
    for name, (url, _) in EXPECTED.items():
        with CaptureQueriesContext(connection) as queries:
            response = api.get(url.format(v=vehicle.pk, next=following))
        assert response.status_code == 200, (name, response.content)
        measured[name] = len(queries)
    return measured


def test_query_counts_are_the_same_with_10_and_10000_fill_ups(api, metric_car, bulk_fill):  # noqa: F811
    bulk_fill(metric_car, 10)
    with_10 = counts(api, metric_car)
    bulk_fill(metric_car, 9_990, first=10)
    with_10000 = counts(api, metric_car)
    assert with_10 == with_10000 == {name: expected for name, (_, expected) in EXPECTED.items()}


def _services(vehicle, count: int, first: int = 0) -> None:
    """``count`` service records of two items each, a day apart."""
    from maintenance.models import LineItem, ServiceRecord

    records = ServiceRecord.objects.bulk_create(
        ServiceRecord(owner=vehicle.owner, vehicle=vehicle, date=datetime.date(2000, 1, 1) + datetime.timedelta(days=n),
                      odometer_km=n * 100, total_cost=10)
        for n in range(first, first + count)
    )  # fmt: skip
    LineItem.objects.bulk_create(
        LineItem(record=record, service_type=kind, parts_cost=5) for record in records for kind in ("Oil", "Filter")
    )


SERVICE_LISTS = {
    "service records, first page": "/api/v1/service-records?vehicle={v}",
    "service records, a later page": "/api/v1/service-records?vehicle={v}&cursor={next}",
}


def service_counts(api, vehicle) -> dict[str, int]:
    following = api.get(f"/api/v1/service-records?vehicle={vehicle.pk}&limit=3").json()["next"]
    measured = {}
    for name, url in SERVICE_LISTS.items():
        with CaptureQueriesContext(connection) as queries:
            response = api.get(url.format(v=vehicle.pk, next=following))
        assert response.status_code == 200, (name, response.content)
        measured[name] = len(queries)
    return measured


def test_service_records_list_in_the_same_queries_with_10_and_1000(api, metric_car):  # noqa: F811
    """The token, the records with their vehicle and owner, their items in one more query."""
    _services(metric_car, 10)
    with_10 = service_counts(api, metric_car)
    _services(metric_car, 990, first=10)
    assert with_10 == service_counts(api, metric_car) == dict.fromkeys(SERVICE_LISTS, 3)
