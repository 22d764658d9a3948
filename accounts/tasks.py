"""The account's jobs for the worker (see motovault/tasks.py for how tasks are registered)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from procrastinate.contrib.django import app

from accounts import services
from motovault import metrics


@app.task(queue="default", queueing_lock="export")
@metrics.measured_job
def build_export(*, user_id: int) -> None:
    """A big account's export, built off the request; the settings page lists it when done."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is not None:  # the account may have been deleted meanwhile
        services.export_build(user=user)


@app.periodic(cron="0 4 * * *")
@app.task(queue="default", queueing_lock="remove_old_exports")
@metrics.measured_job
def remove_old_exports(timestamp: int) -> None:
    """A built export is a copy of a whole account: it stays a week, long enough to download it."""
    services.exports_prune(older_than=timedelta(days=7))
