"""Webhook deliveries, run by the worker. A failed attempt is retried with exponential backoff
(4 s, 16 s, ~1 min, ~4 min, ... about 6 hours in all), then the delivery is marked failed."""

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from api import webhooks
from api.models import Delivery
from motovault import metrics


@app.task(
    queue="default",
    retry=RetryStrategy(
        max_attempts=webhooks.MAX_ATTEMPTS - 1, exponential_wait=4, retry_exceptions={webhooks.AttemptFailed}
    ),
)
@metrics.measured_job
def deliver_webhook(*, delivery_id: int) -> None:
    delivery = Delivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != Delivery.State.PENDING:
        return  # the account was deleted meanwhile, or it was already sent
    webhooks.attempt(delivery)
