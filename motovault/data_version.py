"""Each user's data version: a number PostgreSQL raises whenever a row of theirs changes.

Pages cache what is costly to compute (figures over years of fill-ups, the garage's cards) under
the version, so a cached answer is never older than the data. PostgreSQL keeps it, by a trigger on
every table of user data, so no write can miss it: a form, the admin, a bulk import, a raw UPDATE.
The triggers run once a statement, not once a row; a bulk insert of 100,000 rows bumps it once.
"""

FUNCTION = "motovault_bump_data_version"

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE motovault_user SET data_version = data_version + 1
    WHERE id IN (SELECT DISTINCT owner_id FROM changed);
    RETURN NULL;
END
$$;
"""
DROP_FUNCTION = f"DROP FUNCTION IF EXISTS {FUNCTION}();"

# PostgreSQL allows transition tables only on single-event triggers: one trigger an event.
_EVENTS = {"insert": "NEW", "update": "NEW", "delete": "OLD"}


def trigger_name(table: str, event: str) -> str:
    return f"{table}_data_version_{event}"


def create_triggers(table: str) -> str:
    """SQL that makes every change to ``table`` (with an ``owner_id`` column) bump its owners' version."""
    return "\n".join(
        f"CREATE TRIGGER {trigger_name(table, event)} AFTER {event.upper()} ON {table}"
        f" REFERENCING {side} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}();"
        for event, side in _EVENTS.items()
    )


def drop_triggers(table: str) -> str:
    return "\n".join(f"DROP TRIGGER IF EXISTS {trigger_name(table, event)} ON {table};" for event in _EVENTS)


def cache_key(user, *parts) -> str:
    """A cache key that changes whenever the user's data does."""
    return ":".join(str(part) for part in (user.pk, user.data_version, *parts))
