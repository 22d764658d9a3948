"""The task queue: a job deferred in a transaction runs in a real worker process against
PostgreSQL, and the core's periodic jobs are scheduled."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from motovault import tasks

ROOT = Path(settings.BASE_DIR)


def run_worker(*queues: str) -> subprocess.CompletedProcess:
    """`manage.py procrastinate worker` against the test database, until its queue is empty."""
    env = {**os.environ, "DATABASE_NAME": connection.settings_dict["NAME"]}
    args = ["--queues", ",".join(queues)] if queues else []
    return subprocess.run(
        [sys.executable, "manage.py", "procrastinate", "worker", "--one-shot", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(autouse=True)
def _no_jobs_left(request):
    """procrastinate's tables are not Django-managed, so the test database's flush skips them."""
    yield
    if "transactional_db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE procrastinate_jobs CASCADE")


@pytest.mark.django_db(transaction=True)
def test_a_job_deferred_in_a_transaction_runs_in_a_real_worker():
    expired = Session.objects.create(session_key="old", session_data="x", expire_date=timezone.now() - timedelta(1))
    live = Session.objects.create(session_key="new", session_data="x", expire_date=timezone.now() + timedelta(1))
    with transaction.atomic():
        job_id = tasks.clear_expired_sessions.defer(timestamp=0)
    result = run_worker("default")
    assert result.returncode == 0, result.stderr
    assert ProcrastinateJob.objects.get(id=job_id).status == "succeeded"
    assert not Session.objects.filter(pk=expired.pk).exists()
    assert Session.objects.filter(pk=live.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_job_deferred_in_a_rolled_back_transaction_never_exists():
    """Jobs live in PostgreSQL: what the data's transaction undoes, it undoes for the job too."""
    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.clear_expired_sessions.defer(timestamp=0)
        raise RuntimeError("the write failed")
    assert not ProcrastinateJob.objects.exists()


def test_clearsessions_runs_daily_and_the_backup_nightly_on_its_own_queue():
    periodic = {task.task.name: task for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic["motovault.tasks.clear_expired_sessions"].cron == "17 3 * * *"
    assert periodic["motovault.tasks.nightly_backup"].cron == "30 2 * * *"
    assert "motovault.tasks.remove_old_jobs" in periodic and "accounts.tasks.remove_old_exports" in periodic
    assert tasks.nightly_backup.queue == "backup" and tasks.clear_expired_sessions.queue == "default"
