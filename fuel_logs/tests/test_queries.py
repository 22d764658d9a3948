"""Query counts of the pages that grow with a vehicle's history: the same with 10 fill-ups as with
10,000, so no page loads rows one by one (N+1) or pages with OFFSET through them all."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fuel_logs.models import FuelLog

pytestmark = pytest.mark.django_db

# Each page's queries on a first visit after a change, then on the next (when the page's values
# come from the cache). The user (the session is read from Redis) and, on a vehicle's pages, the
# vehicle the URL names, never cached; then on the first visit the values themselves: a page of
# rows (the list); the vehicle(s) and a GROUP BY query (analytics' figures); the vehicle(s), the
# period's first and last fill-up and a GROUP BY query (chart data); the vehicles with their
# odometers and last fill-up times (the choice, and which one is preselected), that one's last
# fill-up (its prefill) and the station picker's stations (quick entry); the vehicle's current
# odometer and its readings (the vehicle page); a vehicle's page and analytics also read its
# catalog configuration for the EPA's figures; the home page reads the garage's costs too (see
# dashboard/tests/test_queries.py).
EXPECTED = {
    "list, newest": ("/vehicles/{v}/fuel/", {}, (3, 2)),
    "list, oldest": ("/vehicles/{v}/fuel/?page=last", {}, (3, 2)),
    "list, a page in the middle": ("/vehicles/{v}/fuel/?before={middle}", {}, (3, 2)),
    "list, the vehicle page's fuel tab": (
        "/vehicles/{v}/fuel/",
        {"HX-Request": "true", "HX-Target": "vehicle-section"},
        (3, 2),
    ),
    "vehicle analytics": ("/vehicles/{v}/fuel/analytics/", {}, (5, 2)),
    "vehicle chart data": ("/vehicles/{v}/fuel/analytics/charts.json", {}, (5, 2)),
    "garage analytics": ("/fuel/analytics/", {}, (3, 1)),
    "garage chart data": ("/fuel/analytics/charts.json", {}, (4, 1)),
    "quick entry": ("/fuel/add/", {}, (4, 1)),
    "garage": ("/vehicles/", {}, (4, 1)),  # a query a card fact: fuel economy, next reminder
    "vehicle page": ("/vehicles/{v}/", {}, (5, 2)),
    "home": ("/", {}, (15, 1)),
}


def counts(client, vehicle) -> dict[str, tuple[int, int]]:
    from fuel_logs.pagination import cursor

    total = FuelLog.objects.filter(vehicle=vehicle).count()
    middle = cursor(FuelLog.objects.filter(vehicle=vehicle).order_by("filled_at")[total // 2])
    measured = {}
    for name, (url, headers, _) in EXPECTED.items():
        vehicle.save()  # a change: the user's data version moves on and cached fragments with it
        visits = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url.format(v=vehicle.pk, middle=middle), headers=headers)
            assert response.status_code == 200, name
            visits.append(len(queries))
        measured[name] = tuple(visits)
    return measured


def test_query_counts_are_the_same_with_10_and_10000_fill_ups(owner_client, metric_car, bulk_fill):
    bulk_fill(metric_car, 10)
    with_10 = counts(owner_client, metric_car)
    bulk_fill(metric_car, 9_990, first=10)
    with_10000 = counts(owner_client, metric_car)
    assert with_10 == with_10000 == {name: expected for name, (_, _, expected) in EXPECTED.items()}


def test_bulk_figures_match_the_full_tank_method(metric_car, bulk_fill):
    """The data above: a full tank every 100 km with a partial in between: each figure is 100 km on 8 L."""
    bulk_fill(metric_car, 7)
    figures = (
        FuelLog.objects.filter(vehicle=metric_car)
        .complete_segments()
        .values_list("segment_distance_km", "segment_quantity")
    )
    assert list(figures) == [(Decimal(100), Decimal(8))] * 3
