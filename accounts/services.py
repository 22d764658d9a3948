"""Writes with side effects on a whole account: its preferences, the export the worker builds, the
deletion."""

import re
import tempfile
from datetime import UTC, datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F

from accounts.models import Invitation
from households import services as households
from motovault import accountdata

EXPORT_NAME = re.compile(r"^motovault-export-\d{8}T\d{6}Z\.zip$")


def export_dir(user) -> str:
    return f"exports/{user.pk}"


def ready_exports(user) -> list[str]:
    """The exports the worker has built for this user, newest first."""
    try:
        _, names = default_storage.listdir(export_dir(user))
    except FileNotFoundError:
        return []
    return sorted((name for name in names if EXPORT_NAME.match(name)), reverse=True)


def export_build(*, user) -> str:
    """Write the user's export to storage (the worker does this for big accounts)."""
    name = f"{export_dir(user)}/motovault-export-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.zip"
    with tempfile.TemporaryFile() as scratch:
        for chunk in accountdata.export_zip(user):
            scratch.write(chunk)
        scratch.seek(0)
        return default_storage.save(name, File(scratch))


def exports_prune(*, older_than: timedelta) -> int:
    """Remove built exports older than ``older_than`` (they hold a whole account's data)."""
    removed = 0
    try:
        user_dirs, _ = default_storage.listdir("exports")
    except FileNotFoundError:
        return 0
    cutoff = datetime.now(UTC) - older_than
    for user_dir in user_dirs:
        _, names = default_storage.listdir(f"exports/{user_dir}")
        for name in names:
            path = f"exports/{user_dir}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
    return removed


@transaction.atomic
def account_delete(*, user, hand_over: dict | None = None) -> dict[str, int]:
    """Every row and stored file of the user (their exports too), and nothing of anyone else.
    ``hand_over``: the shared vehicles that go to a member first (households.forms.HandOverForm)."""
    households.hand_over(decisions=hand_over or {})
    exports = [f"{export_dir(user)}/{name}" for name in ready_exports(user)]
    for log in (AccessAttempt, AccessFailureLog, AccessLog):  # sign-in records, by username
        log.objects.filter(username=user.get_username()).delete()
    deleted = accountdata.account_delete(user=user)
    transaction.on_commit(lambda: [default_storage.delete(name) for name in exports])
    return deleted


class InvitationUnusable(Exception):
    """The link has been used or has expired."""


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str):
    """The link works once: the invitation is locked, marked used and the account made together."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.usable:
        raise InvitationUnusable("This invitation has been used or has expired: ask for a new one.")
    user = get_user_model().objects.create_user(invitation.username, invitation.email, password)
    invitation.used_at = datetime.now(UTC)
    invitation.save(update_fields=["used_at"])
    return user


@transaction.atomic
def user_preferences_update(*, user, fields: list[str]):
    """Save the user's settings. Pages show amounts and dates as the user chose, and fragments of
    them are cached under the user's data version: moving it shows the new settings at once."""
    user.save(update_fields=fields)
    get_user_model().objects.filter(pk=user.pk).update(data_version=F("data_version") + 1)
    user.refresh_from_db(fields=["data_version"])
    return user
