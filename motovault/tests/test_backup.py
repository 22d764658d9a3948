"""Backups that restore: a populated database and its documents, backed up, restored into a new
database and storage, give identical row counts and identical document bytes."""

import datetime
import io
import os
import subprocess
import sys
import tarfile
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from fuel_logs.models import FuelLog
from motovault import backup
from vehicles.models import OdometerReading, Vehicle

ROOT = Path(settings.BASE_DIR)
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def populated(media, owner, other_user):
    """Two users, each with a vehicle with a photo, a reading and fill-ups."""
    for user, photo in ((owner, b"\x89PNG alice's photo bytes"), (other_user, b"\x89PNG charlie's")):
        vehicle = Vehicle.objects.create(owner=user, year=2020, make="Mazda", model="3", nickname=user.username)
        vehicle.photo.save("car.png", ContentFile(photo))
        OdometerReading.objects.create(owner=user, vehicle=vehicle, date=datetime.date(2025, 1, 1), odometer_km=1)
        for day in range(3):
            FuelLog.objects.create(
                owner=user,
                vehicle=vehicle,
                filled_at=timezone.now() - datetime.timedelta(days=day),
                odometer_km=Decimal(1000 + day * 400),
                quantity=Decimal("40"),
                price_per_unit=Decimal("1.8"),
                total_cost=Decimal("72.00"),
            )


@pytest.fixture
def empty_database():
    """A new, empty database beside the test database, dropped afterwards."""
    name = connection.settings_dict["NAME"] + "_restore"
    params = {k: v for k, v in connection.get_connection_params().items() if k in ("host", "port", "user", "password")}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name, params
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore(archive: Path, database: str, media_root: Path) -> subprocess.CompletedProcess:
    """`manage.py restore` as an operator runs it, against another database and storage."""
    env = {**os.environ, "DATABASE_NAME": database, "MEDIA_ROOT": str(media_root)}
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_a_backup_restores_into_a_new_database_with_identical_rows_and_documents(
    populated, media, tmp_path, empty_database
):
    call_command("backup", dir=tmp_path / "backups")
    (archive,) = (tmp_path / "backups").glob("motovault-backup-*.tar")
    assert archive.stat().st_mode & 0o077 == 0
    source_counts = backup.row_counts()
    assert source_counts["public.fuel_logs_fuellog"] == 6 and source_counts["public.vehicles_vehicle"] == 2

    name, params = empty_database
    result = restore(archive, name, tmp_path / "restored")
    assert result.returncode == 0, result.stderr
    assert "all matching the manifest" in result.stdout

    with psycopg.connect(dbname=name, **params) as restored:
        for table, count in source_counts.items():
            schema, bare = table.split(".")
            assert restored.execute(f'SELECT count(*) FROM "{schema}"."{bare}"').fetchone()[0] == count, table
    originals = sorted(p.relative_to(media) for p in media.rglob("*") if p.is_file())
    assert len(originals) == 2
    for relative in originals:
        assert (tmp_path / "restored" / relative).read_bytes() == (media / relative).read_bytes()


def test_restore_refuses_a_database_that_is_not_empty(populated, tmp_path):
    call_command("backup", dir=tmp_path)
    (archive,) = tmp_path.glob("motovault-backup-*.tar")
    result = restore(archive, connection.settings_dict["NAME"], tmp_path / "restored")
    assert result.returncode != 0 and "is not empty" in result.stderr


def test_restore_refuses_a_damaged_archive_before_touching_anything(populated, tmp_path, empty_database):
    call_command("backup", dir=tmp_path)
    (archive,) = tmp_path.glob("motovault-backup-*.tar")
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("documents/"):
                data = data[:-1] + b"!"
            target.addfile(member, io.BytesIO(data))
    name, params = empty_database
    result = restore(damaged, name, tmp_path / "restored")
    assert result.returncode != 0 and "does not match its checksum" in result.stderr
    with psycopg.connect(dbname=name, **params) as restored:
        assert (
            restored.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").fetchone()[
                0
            ]
            == 0
        )


def test_backups_beyond_the_retention_are_removed(tmp_path):
    for stamp in ("20260101T000000Z", "20260102T000000Z", "20260103T000000Z"):
        (tmp_path / f"motovault-backup-{stamp}.tar").write_bytes(b"")
    removed = backup.prune(tmp_path, keep=2)
    assert [p.name for p in removed] == ["motovault-backup-20260101T000000Z.tar"]
    assert len(list(tmp_path.glob("*.tar"))) == 2


def test_a_missing_archive_is_a_clear_error(tmp_path):
    with pytest.raises((CommandError, FileNotFoundError)):
        call_command("restore", tmp_path / "nope.tar")
