"""The benchmark's stations: the bench user's fill-ups spread over its stations, each vehicle
keeping to five of them."""

import pytest
from django.db.models import Count

from demo.seed import BENCH_USERNAME, Scale, seed_bench
from fuel_logs.models import FuelLog
from stations.models import Station

pytestmark = pytest.mark.django_db


def test_the_bench_user_buys_at_its_stations():
    seed_bench(scale=Scale(vehicles=4, fillups=400, other_users=1, other_fillups=5, stations=12))
    logs = FuelLog.objects.filter(owner__username=BENCH_USERNAME)
    assert Station.objects.filter(owner__username=BENCH_USERNAME).count() == 12
    assert logs.count() == 400 and not logs.filter(station__isnull=True).exists()
    per_vehicle = logs.values("vehicle").annotate(stations=Count("station", distinct=True))
    assert {row["stations"] for row in per_vehicle} == {5}
    assert not FuelLog.objects.exclude(owner__username=BENCH_USERNAME).filter(station__isnull=False).exists()
