"""Writes to the user's own settings."""

from django.db import transaction
from django.db.models import F

from motovault.models import User


@transaction.atomic
def user_settings_update(*, user: User, fields: list[str]) -> User:
    """Save the user's settings. Pages show amounts and dates as the user chose, and fragments of
    them are cached under the user's data version: moving it shows the new settings at once."""
    user.save(update_fields=fields)
    User.objects.filter(pk=user.pk).update(data_version=F("data_version") + 1)
    user.refresh_from_db(fields=["data_version"])
    return user
