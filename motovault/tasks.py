"""Jobs of the core, run by the worker (`manage.py procrastinate worker`).

The queue is procrastinate: jobs live in PostgreSQL, so a job deferred inside a transaction
exists exactly when the data it is about does, and nothing depends on Redis (which evicts).
A feature adds work the same way, in its own ``<app>/tasks.py`` (discovered at start)::

    from procrastinate.contrib.django import app

from motovault import metrics

    @app.task(queue="default")
    def send_reminder(*, reminder_id: int) -> None: ...

    send_reminder.defer(reminder_id=r.pk)  # from a service, inside its transaction

and a periodic job with ``@app.periodic(cron="0 7 * * *")`` on top of ``@app.task``: every
worker schedules it, PostgreSQL keeps one job per tick (periodic jobs are deduplicated).
"""

from django.conf import settings
from django.core.management import call_command
from procrastinate import builtin_tasks
from procrastinate.contrib.django import app

from motovault import metrics


@app.periodic(cron="17 3 * * *")
@app.task(queue="default", queueing_lock="clearsessions")
@metrics.measured_job
def clear_expired_sessions(timestamp: int) -> None:
    """Expired sessions pile up in PostgreSQL (the cached_db engine writes every one through)."""
    call_command("clearsessions")


@app.periodic(cron="30 2 * * *")
@app.task(queue="backup", queueing_lock="backup")
@metrics.measured_job
def nightly_backup(timestamp: int) -> None:
    """The nightly archive; only the worker that serves the ``backup`` queue (the backup
    service, which has pg_dump and the backups volume) takes it."""
    call_command("backup", keep=settings.BACKUP_KEEP)
    metrics.backup_succeeded()


def on_app_ready(app) -> None:
    """``PROCRASTINATE_ON_APP_READY``: a worker given ``WORKER_METRICS_PORT`` (compose's worker and
    backup services) serves its metrics there, on the internal network only."""
    if settings.WORKER_METRICS_PORT:
        metrics.serve_worker_metrics(settings.WORKER_METRICS_PORT)


@app.periodic(cron="45 3 * * *")
@app.task(queue="default", queueing_lock="remove_old_jobs", pass_context=True)
@metrics.measured_job
async def remove_old_jobs(context, timestamp: int) -> None:
    """Finished jobs are kept a week for looking into, then go (the table would grow forever)."""
    await builtin_tasks.remove_old_jobs(context, max_hours=24 * 7, remove_failed=True, remove_cancelled=True)
