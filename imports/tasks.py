"""Imports' jobs for the worker (see motovault/tasks.py for how tasks are registered)."""

from datetime import timedelta

from procrastinate.contrib.django import app

from imports import progress, services
from imports.models import ImportBatch
from motovault import metrics


@app.task(queue="default")
@metrics.measured_job
def run_import(*, batch_id: int) -> None:
    """A big import, confirmed on its preview; its page polls the progress this reports."""
    batch = ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.QUEUED).first()
    if batch is not None:  # removed meanwhile, or already run
        services.import_batch_run(batch=batch, progress=progress.reporter(batch))


@app.periodic(cron="10 4 * * *")
@app.task(queue="default", queueing_lock="remove_old_imports")
@metrics.measured_job
def remove_old_imports(timestamp: int) -> None:
    services.import_batches_prune(older_than=timedelta(days=7))
