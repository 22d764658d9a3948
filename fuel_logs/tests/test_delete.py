"""Deleting a fill-up: soft, confirmed, and the chain is worked out again without it."""

import pytest

from fuel_logs.models import FuelLog

pytestmark = pytest.mark.django_db


def test_without_javascript_it_asks_first(owner_client, vehicle, fill):
    log = fill(vehicle, 1000, 40)
    html = owner_client.get(f"/fuel/{log.pk}/delete/").content.decode()
    assert "Delete this fill-up?" in html and FuelLog.objects.for_user(vehicle.owner).count() == 1


def test_deleting_trashes_it_and_recomputes(owner_client, metric_car, fill):
    fill(metric_car, 0, 40)
    middle = fill(metric_car, 400, 40)
    last = fill(metric_car, 800, 32)
    response = owner_client.post(f"/fuel/{middle.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == f"/vehicles/{metric_car.pk}/fuel/"
    middle.refresh_from_db()
    assert middle.deleted_at is not None
    assert list(FuelLog.objects.trashed_for_user(metric_car.owner)) == [middle]
    last.refresh_from_db()
    assert (last.segment_distance_km, last.segment_quantity) == (800, 32)


def test_htmx_gets_a_refresh_event(owner_client, vehicle, fill):
    log = fill(vehicle, 1000, 40)
    response = owner_client.post(f"/fuel/{log.pk}/delete/", headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Trigger"] == "fuel-changed"
    assert not FuelLog.objects.for_user(vehicle.owner).exists()
