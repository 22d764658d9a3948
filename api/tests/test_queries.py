"""Query counts of the API's reads, the same with 10 fill-ups as with 10,000 (no row loaded one by
one, no OFFSET): the token (with its user), then the rows with their vehicle and owner in one
join; a vehicle's list also its odometer subqueries in the same statement; the figures are the
cached selector's (the vehicle's check, then the values as the analytics page has them)."""

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
