"""The account's jobs for the worker (see motovault/tasks.py for how tasks are registered)."""

from django.contrib.auth import get_user_model
from procrastinate.contrib.django import app

from accounts import services


@app.task(queue="default", queueing_lock="export")
def build_export(*, user_id: int) -> None:
    """A big account's export, built off the request; the settings page lists it when done."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is not None:  # the account may have been deleted meanwhile
        services.export_build(user=user)
