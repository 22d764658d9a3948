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

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.owner_id ELSE NEW.owner_id END;
    marker text := 'motovault.data_version_bumped_' || owner;
BEGIN
    -- Once a user a statement (the COMMIT, where deferred events fire): a transaction-local setting.
    IF current_setting(marker, true) IS DISTINCT FROM statement_timestamp()::text THEN
        UPDATE motovault_user SET data_version = data_version + 1 WHERE id = owner;
        PERFORM set_config(marker, statement_timestamp()::text, true);
    END IF;
    RETURN NULL;
END
$$;
"""
DROP_FUNCTION = f"DROP FUNCTION IF EXISTS {FUNCTION}();"


def trigger_name(table: str) -> str:
    return f"{table}_data_version"


def create_triggers(table: str) -> str:
    """SQL that makes every change to ``table`` (with an ``owner_id`` column) bump its owners' version."""
    return (
        f"CREATE CONSTRAINT TRIGGER {trigger_name(table)} AFTER INSERT OR UPDATE OR DELETE ON {table}"
        f" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();"
    )


def drop_triggers(table: str) -> str:
    return f"DROP TRIGGER IF EXISTS {trigger_name(table)} ON {table};"
