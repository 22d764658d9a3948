"""The hourly job that makes recurring costs' occurrences, run by a real worker process."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from costs import tasks
from costs.models import OtherCost
from dashboard.tests.conftest import car
from motovault.tests.test_tasks import run_worker


@pytest.fixture(autouse=True)
def _no_jobs_left(request):
    """procrastinate's tables are not Django-managed, so the test database's flush skips them."""
    yield
    if request.node.get_closest_marker("django_db"):
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE procrastinate_jobs CASCADE")


def test_the_job_is_scheduled_hourly():
    periodic = {task.task.name: task for task in app.periodic_registry.periodic_tasks.values()}
    assert periodic["costs.tasks.make_cost_occurrences"].cron == "5 * * * *"


@pytest.mark.django_db(transaction=True)
def test_a_worker_makes_what_fell_due(owner):
    """A monthly cost planned last month (its next payment due since): the worker makes it, once."""
    vehicle = car(owner, "Golf")
    today = datetime.date.today()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    series = OtherCost.objects.create(
        owner=owner, vehicle=vehicle, date=last_month, amount=Decimal("30.00"), recurrence="monthly",
        next_due=today.replace(day=1),
    )  # fmt: skip
    for _ in range(2):
        job = tasks.make_cost_occurrences.defer(timestamp=0)
        result = run_worker("default")
        assert result.returncode == 0, result.stderr
        assert ProcrastinateJob.objects.get(id=job).status == "succeeded"
    assert list(series.occurrences.values_list("date", flat=True)) == [today.replace(day=1)]
