"""Imports' jobs for the worker (see motovault/tasks.py for how tasks are registered)."""

from collections.abc import Callable
from datetime import timedelta

from procrastinate.contrib.django import app

from imports import progress, services
from imports.models import ImportBatch
from motovault import metrics


def _on_batch(batch_id: int, status: str, work: Callable[[ImportBatch], None]) -> None:
    """``work`` on the batch if it still waits for it (removed meanwhile, or done: nothing). A job
    that breaks stored nothing (one transaction): its page must not poll a job that is gone."""
    batch = ImportBatch.objects.filter(pk=batch_id, status=status).first()
    if batch is None:
        return
    try:
        work(batch)
    except Exception:
        services.import_batch_failed(batch=batch)
        raise


@app.task(queue="default")
@metrics.measured_job
def check_import(*, batch_id: int) -> None:
    """A big file's preview (as long to build as its import): its page polls until it is ready."""
    _on_batch(batch_id, ImportBatch.Status.CHECKING, lambda batch: services.import_batch_check(batch=batch))


@app.task(queue="default")
@metrics.measured_job
def run_import(*, batch_id: int) -> None:
    """A big import, confirmed on its preview; its page polls the progress this reports."""
    _on_batch(
        batch_id,
        ImportBatch.Status.QUEUED,
        lambda batch: services.import_batch_run(batch=batch, progress=progress.reporter(batch)),
    )


@app.periodic(cron="10 4 * * *")
@app.task(queue="default", queueing_lock="remove_old_imports")
@metrics.measured_job
def remove_old_imports(timestamp: int) -> None:
    services.import_batches_prune(older_than=timedelta(days=7))
