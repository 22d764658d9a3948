"""Backups that restore: the database (pg_dump, custom format) and the stored documents in one
dated tar archive, with a manifest of row counts and checksums that a restore verifies.

Redis is not in it: it holds nothing that cannot be rebuilt (sessions are written through to
PostgreSQL, the rest is cache); jobs and sign-in lockouts live in PostgreSQL.
"""

import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

PREFIX = "motovault-backup-"
MANIFEST = "manifest.json"
DUMP = "database.dump"
DOCUMENTS = "documents/"
SCHEMAS = ("public", "vehicles")
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore that must not go on, with what to do about it."""


def _sha256(stream) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> dict:
    """libpq's variables for the configured database, so no password is on a command line."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGHOST": db["HOST"], "PGPORT": str(db["PORT"]), "PGUSER": db["USER"]}
    env["PGDATABASE"] = db["NAME"]
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def row_counts() -> dict[str, int]:
    """Exact row counts of every table of ours and the catalog's."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' AND table_schema = ANY(%s) ORDER BY 1, 2",
            [list(SCHEMAS)],
        )
        tables = cursor.fetchall()
        counts = {}
        for schema, table in tables:
            cursor.execute(f'SELECT count(*) FROM "{schema}"."{table}"')
            counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def _documents() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def create_backup(directory: Path) -> Path:
    """Write ``<directory>/motovault-backup-<UTC time>.tar``; the archive appears whole or not at all."""
    directory.mkdir(parents=True, exist_ok=True)
    created = datetime.now(UTC)
    target = directory / f"{PREFIX}{created:%Y%m%dT%H%M%SZ}.tar"
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        dump = Path(scratch) / DUMP
        # The counts and the dump see one snapshot: this transaction's, exported to pg_dump.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts()
            _run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", "-f", str(dump)])
        media_root = Path(settings.MEDIA_ROOT)
        documents = []
        for path in _documents():
            with path.open("rb") as stream:
                documents.append(
                    {
                        "path": path.relative_to(media_root).as_posix(),
                        "size": path.stat().st_size,
                        "sha256": _sha256(stream),
                    }
                )
        with dump.open("rb") as stream:
            dump_sum = _sha256(stream)
        manifest = {
            "format": 1,
            "created_at": created.isoformat(),
            "database": {"file": DUMP, "size": dump.stat().st_size, "sha256": dump_sum, "row_counts": counts},
            "documents": documents,
        }
        partial = Path(scratch) / "archive.tar"
        with tarfile.open(partial, "w") as archive:
            body = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(body), int(created.timestamp())
            archive.addfile(info, io.BytesIO(body))
            archive.add(dump, DUMP)
            for document in documents:
                archive.add(media_root / document["path"], DOCUMENTS + document["path"])
        partial.chmod(0o600)  # every user's data: readable by the service's user only
        partial.replace(target)
    return target


def prune(directory: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` archives (their names sort by time)."""
    archives = sorted(directory.glob(f"{PREFIX}*.tar"))
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        return json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise BackupError(f"Not a MotoVault backup (no readable {MANIFEST}): {exc}") from exc


def verify(path: Path) -> dict:
    """Every member's checksum against the manifest, before anything is restored."""
    with tarfile.open(path) as archive:
        manifest = read_manifest(archive)
        expected = {DUMP: manifest["database"]["sha256"]}
        expected |= {DOCUMENTS + doc["path"]: doc["sha256"] for doc in manifest["documents"]}
        for name, checksum in expected.items():
            try:
                actual = _sha256(archive.extractfile(name))
            except KeyError as exc:
                raise BackupError(f"{name} is listed in the manifest but missing from the archive.") from exc
            if actual != checksum:
                raise BackupError(f"{name} does not match its checksum in the manifest: the archive is damaged.")
    return manifest


def restore_backup(path: Path) -> dict:
    """Into an empty database and an empty document storage; verified before and after."""
    manifest = verify(path)
    if row_counts():
        raise BackupError(
            f"Database {settings.DATABASES['default']['NAME']!r} is not empty: restore into a new, empty database."
        )
    media_root = Path(settings.MEDIA_ROOT)
    if _documents():
        raise BackupError(f"Document storage {media_root} is not empty: restore into an empty one.")
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(path) as archive:
        archive.extract(DUMP, scratch, filter="data")
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "-d",
                _pg_env()["PGDATABASE"],
                str(Path(scratch) / DUMP),
            ]
        )
        for doc in manifest["documents"]:
            member = archive.getmember(DOCUMENTS + doc["path"])
            member.name = doc["path"]
            archive.extract(member, media_root, filter="data")
    connection.close()  # the restored schema is new to this connection's caches
    counts = row_counts()
    if counts != manifest["database"]["row_counts"]:
        differ = sorted(
            k
            for k in counts.keys() | manifest["database"]["row_counts"].keys()
            if counts.get(k) != manifest["database"]["row_counts"].get(k)
        )
        raise BackupError(f"Restored row counts differ from the manifest's in: {', '.join(differ)}")
    for doc in manifest["documents"]:
        with (media_root / doc["path"]).open("rb") as stream:
            if _sha256(stream) != doc["sha256"]:
                raise BackupError(f"Restored document {doc['path']} differs from the manifest's checksum.")
    return manifest


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
