"""The digest's jobs. Why procrastinate (see motovault/tasks.py): jobs live in PostgreSQL beside
the data, periodic jobs are deduplicated there across any number of workers, and our Redis is a
cache that may be emptied. The periodic job runs hourly and only defers a job per user who is due
one (their day reached the digest hour, or a channel still owes notices): one user's failing
channel or error never stops another's digest, and the jobs spread over every worker."""

import contextlib

from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from maintenance import notify
from motovault import metrics
from motovault.models import User


@app.periodic(cron="5 * * * *")
@app.task(queue="default", queueing_lock="digests")
@metrics.measured_job
def queue_digests(timestamp: int) -> None:
    for user_id in notify.users_to_notify(timezone.now()):
        # The last run's job for this user still waiting: not a second one (a savepoint, so the
        # refusal leaves any transaction around it usable).
        with contextlib.suppress(AlreadyEnqueued), transaction.atomic():
            send_digest.configure(queueing_lock=f"digest-{user_id}").defer(user_id=user_id)


@app.task(queue="default")
@metrics.measured_job
def send_digest(*, user_id: int) -> None:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        notify.send_digest(user)
