"""Each user's data version: a number PostgreSQL raises whenever a row of theirs changes.

Pages cache what is costly to compute (figures over years of fill-ups, the garage's cards) under
the version, so a cached answer is never older than the data. PostgreSQL keeps it, by a trigger on
every table of user data, so no write can miss it: a form, the admin, a bulk import, a raw UPDATE.

The trigger is deferred to the commit, where it raises the version once for each user the
transaction touched (a bulk insert of 100,000 rows raises it once: every deferred event fires in
the COMMIT statement, and the marker below remembers the user for that statement). At the commit a
transaction takes the user's row last, after every other lock it holds, so two of a user's writes
never deadlock over it (a fill-up locks its vehicle; a vehicle edit holds the vehicle row).
"""

FUNCTION = "motovault_bump_data_version"
# Who else sees a vehicle's rows: a function of the vehicle's id returning user ids, which the core
# declares empty and the app that shares vehicles replaces (the core knows no feature's tables).
VEHICLE_USERS = "motovault_vehicle_users"

CREATE_VEHICLE_USERS = f"""
CREATE OR REPLACE FUNCTION {VEHICLE_USERS}(vehicle bigint) RETURNS SETOF bigint
LANGUAGE sql STABLE AS $$ SELECT NULL::bigint WHERE false $$;
"""

# A row's users: its owner (``owner_id``), a membership's member (``user_id``), and everyone who
# sees its vehicle (the column the trigger names, ``vehicle_id`` by default), looked up once a
# vehicle a statement. Each user's row is updated in id order, so two writes to one shared vehicle take
# the users' rows in the same order.
CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb;
    vehicle bigint;
    users bigint[];
    member bigint;
    stamp text := statement_timestamp()::text;
    marker text;
BEGIN
    IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
    users := ARRAY[(r->>'owner_id')::bigint, (r->>'user_id')::bigint];
    vehicle := (r->>coalesce(TG_ARGV[0], 'vehicle_id'))::bigint;
    IF TG_OP = 'UPDATE' THEN  -- a transfer: whoever it moved from no longer sees it
        r := to_jsonb(OLD);
        users := users || ARRAY[(r->>'owner_id')::bigint, (r->>'user_id')::bigint];
    END IF;
    IF vehicle IS NOT NULL THEN
        marker := 'motovault.data_version_vehicle_' || vehicle;
        IF current_setting(marker, true) IS DISTINCT FROM stamp THEN
            users := users || ARRAY(SELECT {VEHICLE_USERS}(vehicle));
            PERFORM set_config(marker, stamp, true);
        END IF;
    END IF;
    -- Once a user a statement (the COMMIT, where deferred events fire): a transaction-local setting.
    FOR member IN SELECT DISTINCT u FROM unnest(users) AS u WHERE u IS NOT NULL ORDER BY u LOOP
        marker := 'motovault.data_version_bumped_' || member;
        IF current_setting(marker, true) IS DISTINCT FROM stamp THEN
            UPDATE motovault_user SET data_version = data_version + 1 WHERE id = member;
            PERFORM set_config(marker, stamp, true);
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
"""
DROP_FUNCTION = f"DROP FUNCTION IF EXISTS {FUNCTION}();"
DROP_VEHICLE_USERS = f"DROP FUNCTION IF EXISTS {VEHICLE_USERS}(bigint);"


def trigger_name(table: str) -> str:
    return f"{table}_data_version"


def create_triggers(table: str, vehicle_column: str = "vehicle_id") -> str:
    """SQL that makes every change to ``table`` bump the version of its rows' users (``owner_id``,
    ``user_id``, and everyone who sees the vehicle ``vehicle_column`` names, if it has one)."""
    return (
        f"CREATE CONSTRAINT TRIGGER {trigger_name(table)} AFTER INSERT OR UPDATE OR DELETE ON {table}"
        f" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {FUNCTION}('{vehicle_column}');"
    )


def drop_triggers(table: str) -> str:
    return f"DROP TRIGGER IF EXISTS {trigger_name(table)} ON {table};"
