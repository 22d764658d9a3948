"""Every way a fill-up is written leaves the stored economy right: each goes through
``fuel_logs/services.py``, which recomputes the chain in the same transaction. The chain here:
full at 0 km, full at 500 km on 50 L (10.0 km/L); each path adds, changes or removes the next one."""

import csv
import io
from decimal import Decimal

import pytest

from fuel_logs.csv_io import header
from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_restore, fuel_log_trash
from imports import plan as plans
from imports import services as imports_services

pytestmark = pytest.mark.django_db


def economies(vehicle) -> list[Decimal | None]:
    """km/L of each live full fill-up, oldest first, as stored."""
    logs = FuelLog.objects.filter(vehicle=vehicle, deleted_at__isnull=True, is_full=True).order_by("odometer_km")
    return [None if log.economy is None else round(log.economy, 1) for log in logs]


@pytest.fixture
def chain(metric_car, fill):
    fill(metric_car, 0, 40, day=0)
    fill(metric_car, 500, 50, day=10)
    return metric_car


def form(**changes) -> dict:
    """The fill-up form for 1,500 km on 40 L (a segment of 1,000 km: 25.0 km/L)."""
    data = {"filled_at": "2024-02-01T08:00", "odometer": "1500", "energy": "petrol", "quantity": "40"}
    return {**data, "price": "1.5", "total_cost": "", "is_full": "on", "notes": "", **changes}


def test_the_add_page(owner_client, chain):
    assert owner_client.post(f"/vehicles/{chain.pk}/fuel/add/", form()).status_code == 302
    assert economies(chain) == [None, Decimal("10.0"), Decimal("25.0")]


def test_quick_entry(owner_client, chain):
    assert owner_client.post("/fuel/add/", form(vehicle=chain.pk)).status_code == 302
    assert economies(chain) == [None, Decimal("10.0"), Decimal("25.0")]


def test_an_edit(owner_client, chain):
    last = FuelLog.objects.get(vehicle=chain, odometer_km=500)
    data = form(filled_at="2024-01-11T08:00", odometer="400", quantity="50")
    assert owner_client.post(f"/fuel/{last.pk}/edit/", data).status_code == 302
    assert economies(chain) == [None, Decimal("8.0")]


def test_a_delete_and_a_restore(owner_client, chain):
    last = FuelLog.objects.get(vehicle=chain, odometer_km=500)
    assert owner_client.post(f"/fuel/{last.pk}/delete/").status_code == 302
    assert economies(chain) == [None]
    fuel_log_restore(log=last)
    assert economies(chain) == [None, Decimal("10.0")]


def test_an_import(owner_client, chain):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header("km"))
    writer.writerow(["2024-02-01T08:00", "Octavia", "1500", "petrol", "40", "L", "1.5", "60.00", "", "yes", "no", ""])
    imports_services.import_run(
        user=chain.owner, raw=out.getvalue().encode(), choices=plans.Choices(into=str(chain.pk))
    )
    assert economies(chain) == [None, Decimal("10.0"), Decimal("25.0")]


def test_the_model_refuses_to_be_trashed_or_restored_behind_the_services_back(chain):
    last = FuelLog.objects.get(vehicle=chain, odometer_km=500)
    with pytest.raises(TypeError, match="fuel_log_trash"):
        last.soft_delete()
    fuel_log_trash(log=last)
    with pytest.raises(TypeError, match="fuel_log_restore"):
        last.restore()
    assert economies(chain) == [None]
