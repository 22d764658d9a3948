"""Deleting a fill-up: soft, confirmed, with Undo and a place in the trash; the chain is worked out
again without it, and with it when it comes back."""

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
    assert (
        response.status_code == 302 and response["Location"] == f"/vehicles/{metric_car.pk}/fuel/?deleted={middle.pk}"
    )
    middle.refresh_from_db()
    assert middle.deleted_at is not None
    assert list(FuelLog.objects.trashed_for_user(metric_car.owner)) == [middle]
    last.refresh_from_db()
    assert (last.segment_distance_km, last.segment_quantity) == (800, 32)


def economies(vehicle) -> list:
    logs = FuelLog.objects.for_user(vehicle.owner).filter(vehicle=vehicle).complete_segments().order_by("odometer_km")
    return [(log.segment_distance_km, log.segment_quantity) for log in logs]


def test_htmx_answers_with_the_rows_and_undo_brings_it_back(owner_client, metric_car, fill):
    fill(metric_car, 0, 40)
    middle = fill(metric_car, 400, 40)
    fill(metric_car, 800, 32)
    assert economies(metric_car) == [(400, 40), (400, 32)]
    htmx = {"HX-Request": "true", "HX-Target": "fuel-rows"}
    response = owner_client.post(f"/fuel/{middle.pk}/delete/", headers=htmx)
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div id="fuel-rows"')
    assert f'hx-post="/fuel/{middle.pk}/restore/"' in html and "Undo" in html
    assert f'id="fuel-{middle.pk}"' not in html and economies(metric_car) == [(800, 32)]
    response = owner_client.post(f"/fuel/{middle.pk}/restore/", headers=htmx)
    html = response.content.decode()
    assert response.status_code == 200 and f'id="fuel-{middle.pk}"' in html and "Undo" not in html
    assert economies(metric_car) == [(400, 40), (400, 32)]


def test_without_javascript_the_list_offers_undo(owner_client, metric_car, fill):
    log = fill(metric_car, 0, 40)
    response = owner_client.post(f"/fuel/{log.pk}/delete/", follow=True)
    assert f'action="/fuel/{log.pk}/restore/"' in response.content.decode()
    response = owner_client.post(f"/fuel/{log.pk}/restore/")
    assert response.status_code == 302 and response["Location"] == f"/vehicles/{metric_car.pk}/fuel/"
    assert FuelLog.objects.for_user(metric_car.owner).filter(pk=log.pk).exists()


def test_the_trash_lists_deleted_fill_ups_with_their_vehicle_and_restores_them(owner_client, metric_car, fill):
    log = fill(metric_car, 0, 40)
    owner_client.post(f"/fuel/{log.pk}/delete/")
    html = owner_client.get("/vehicles/trash/").content.decode()
    assert "Fill-ups" in html and "2019 Skoda Octavia" in html and f'action="/fuel/{log.pk}/restore/"' in html
    owner_client.post(f"/fuel/{log.pk}/restore/")
    assert "No fill-up in the trash." in owner_client.get("/vehicles/trash/").content.decode()


def test_only_a_trashed_fill_up_of_ones_own_live_vehicle_can_be_restored(owner_client, other_client, metric_car, fill):
    log = fill(metric_car, 0, 40)
    assert owner_client.post(f"/fuel/{log.pk}/restore/").status_code == 404  # not in the trash
    owner_client.post(f"/fuel/{log.pk}/delete/")
    assert other_client.post(f"/fuel/{log.pk}/restore/").status_code == 404
    metric_car.soft_delete()
    assert owner_client.post(f"/fuel/{log.pk}/restore/").status_code == 404  # its vehicle is trashed
    assert "No fill-up in the trash." in owner_client.get("/vehicles/trash/").content.decode()
