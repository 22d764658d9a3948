"""The catalog lives in its own PostgreSQL schema (see platform_data/schema.py)."""

from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from platform_data.schema import SCHEMA, use_schema


def test_every_catalog_table_lives_in_the_vehicles_schema(db):
    tables = [model._meta.db_table for model in apps.get_app_config("platform_data").get_models()]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, table_schema FROM information_schema.tables WHERE table_name = ANY(%s)", [tables]
        )
        placement = dict(cursor.fetchall())
    assert len(tables) == 3
    assert placement == dict.fromkeys(tables, SCHEMA)


def test_every_catalog_index_lives_in_the_vehicles_schema(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT schemaname FROM pg_indexes WHERE tablename LIKE 'platform_data_%%'")
        assert cursor.fetchall() == [(SCHEMA,)]


def test_every_catalog_migration_switches_to_the_vehicles_schema_before_anything_else():
    """A new migration without it would create its tables in public."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    migrations = [migration for (app, _), migration in loader.disk_migrations.items() if app == "platform_data"]
    assert migrations
    for migration in migrations:
        sql = [getattr(operation, "sql", None) for operation in migration.operations]
        # The first migration creates the schema first.
        assert use_schema().sql in (sql[:2] if migration.initial else sql[:1]), migration.name
