"""A user's export: every record of theirs and nothing of another's, re-importable, streamed;
built by the worker for big accounts."""

import csv
import datetime
import io
import json
import os
import time
import zipfile

import pytest

from accounts import services
from fuel_logs import csv_io
from fuel_logs.models import FuelLog
from imports import plan as plans
from motovault import accountdata
from motovault.models import OwnedModel
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db


def read_zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def rows(archive: zipfile.ZipFile, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(archive.read(name).decode())))


def test_every_owned_model_is_registered_for_export_and_deletion():
    """A new feature's model that is not registered would be left out of exports and would block
    (PROTECT) every account deletion: this sweep cannot pass by forgetting one."""
    from django.apps import apps

    owned = {m for m in apps.get_models() if issubclass(m, OwnedModel) and m._meta.app_label != "ownedapp"}
    # Models without an owner (a household's memberships) are registered with the rows they take.
    registered = {rt.model_class for rt in accountdata.record_types() if rt.rows is None}
    assert owned == registered


def test_the_export_holds_every_record_of_the_user_and_nothing_of_another(owner_client, both):
    alices, charlies = both
    response = owner_client.get("/account/export/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response.streaming
    archive = read_zip(response)
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"CharlieCar" not in everything and b"charlie-photo" not in everything

    vehicles = rows(archive, "vehicles.csv")
    assert len(vehicles) == 2 and vehicles[1][vehicles[0].index("nickname")] == "AliceCar"
    assert len(rows(archive, "odometer_readings.csv")) == 2
    live = rows(archive, f"fuel_logs/vehicle-{alices.pk}.csv")
    trashed = rows(archive, f"fuel_logs/vehicle-{alices.pk}-trash.csv")
    assert live[0] == csv_io.header("km") and len(live) == 3 and len(trashed) == 2
    assert archive.read(f"documents/{alices.photo.name}") == b"alice-photo-bytes"

    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["record_types"]["fuel_logs"] == {
        f"fuel_logs/vehicle-{alices.pk}.csv": 2,
        f"fuel_logs/vehicle-{alices.pk}-trash.csv": 1,
    }
    assert manifest["documents"] == [alices.photo.name]


def test_the_fill_up_file_imports_back_into_a_new_vehicle(owner_client, owner, both):
    alices, _ = both
    archive = read_zip(owner_client.get("/account/export/"))
    exported = archive.read(f"fuel_logs/vehicle-{alices.pk}.csv")
    fresh = Vehicle.objects.create(owner=owner, year=2019, make="Skoda", model="Octavia", distance_unit="km")
    plan = plans.build(owner, exported, plans.Choices(into=str(fresh.pk)))
    assert plan.rejected == []
    logs = plan.vehicles[0].logs
    originals = FuelLog.objects.filter(vehicle=alices, deleted_at__isnull=True).order_by("filled_at")
    assert [(x.filled_at, x.odometer_km, x.quantity, x.total_cost, x.notes) for x in logs] == [
        (x.filled_at, x.odometer_km, x.quantity, x.total_cost, x.notes) for x in originals
    ]


def test_a_big_account_is_exported_by_the_worker_and_listed(owner_client, owner, both, settings):
    settings.EXPORT_STREAM_MAX_RECORDS = 3
    page = owner_client.get("/account/")
    assert "Prepare my export" in page.content.decode()
    assert owner_client.get("/account/export/")["Location"] == "/account/"
    response = owner_client.post("/account/export/")
    assert response.status_code == 302
    from procrastinate.contrib.django.models import ProcrastinateJob

    job = ProcrastinateJob.objects.get(task_name="accounts.tasks.build_export")
    assert job.args == {"user_id": owner.pk}
    again = owner_client.post("/account/export/", follow=True)  # asked twice: one job, and a word
    assert "already being prepared" in again.content.decode()
    assert ProcrastinateJob.objects.filter(task_name="accounts.tasks.build_export").count() == 1
    # What the worker runs for that job:
    services.export_build(user=owner)
    (name,) = services.ready_exports(owner)
    assert name in owner_client.get("/account/").content.decode()
    download = owner_client.get(f"/account/exports/{name}")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert "vehicles.csv" in archive.namelist()


def test_another_users_export_is_a_404(other_client, owner, both):
    name = services.export_build(user=owner).rsplit("/", 1)[1]
    assert other_client.get(f"/account/exports/{name}").status_code == 404
    assert other_client.get("/account/exports/..%2F..%2Fsecrets").status_code == 404


def test_built_exports_older_than_a_week_are_removed(owner, other_user, both, media):
    old = services.export_build(user=owner)
    recent = services.export_build(user=other_user)
    week_ago = time.time() - 8 * 24 * 3600
    os.utime(media / old, (week_ago, week_ago))
    assert services.exports_prune(older_than=datetime.timedelta(days=7)) == 1
    assert not (media / old).exists() and (media / recent).exists()
