"""The catalog lives in its own PostgreSQL schema, ``vehicles``, beside the user data in ``public``.

The connection's search path (``public,vehicles``, see settings) finds the tables without
qualifying them. Creating them there is the migrations' job: every ``platform_data`` migration
starts with ``use_schema()``, so that its tables and indexes land in ``vehicles`` (a test checks)."""

from django.db import migrations

SCHEMA = "vehicles"


def create_schema() -> migrations.RunSQL:
    return migrations.RunSQL(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}", reverse_sql=f"DROP SCHEMA IF EXISTS {SCHEMA}")


def use_schema() -> migrations.RunSQL:
    """Lasts until the migration's transaction ends; unapplying needs nothing, as the connection's
    search path already finds the tables."""
    return migrations.RunSQL(f"SET LOCAL search_path TO {SCHEMA}, public", reverse_sql=migrations.RunSQL.noop)
