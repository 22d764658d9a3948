"""A record's owner is its vehicle's owner, enforced by PostgreSQL so that no code path (a form, the
admin, a bulk import, raw SQL) can file one user's record under another user's vehicle.

Each table of vehicle records gets a foreign key on (vehicle_id, owner_id) to the vehicle's
(id, owner_id). It is deferrable, so a transfer of ownership can move a vehicle and its records in
one transaction (``SET CONSTRAINTS ... DEFERRED``); by default it is checked at each statement.
A feature's first migration of a record model calls ``add_sql``; a test checks every record table.
"""

VEHICLE_TABLE = "vehicles_vehicle"


def constraint_name(table: str) -> str:
    return f"{table}_owner_is_vehicle_owner"


def add_sql(table: str) -> str:
    return (
        f"ALTER TABLE {table} ADD CONSTRAINT {constraint_name(table)} FOREIGN KEY (vehicle_id, owner_id)"
        f" REFERENCES {VEHICLE_TABLE} (id, owner_id) DEFERRABLE INITIALLY IMMEDIATE;"
    )


def drop_sql(table: str) -> str:
    return f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {constraint_name(table)};"
