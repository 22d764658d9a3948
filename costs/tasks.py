"""Recurring costs fall due on the owner's day, and days start at every hour somewhere: the job runs
hourly, so an occurrence appears within the hour after the owner's midnight (and a missed tick
is caught up by the next one)."""

from procrastinate.contrib.django import app

from costs.services import occurrences_make
from motovault import metrics


@app.periodic(cron="5 * * * *")
@app.task(queue="default", queueing_lock="cost_occurrences")
@metrics.measured_job
def make_cost_occurrences(timestamp: int) -> None:
    occurrences_make()
