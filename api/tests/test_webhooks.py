"""Webhooks: record events delivered through the queue to a local receiver, signed (verified
here as a receiver would), retried after a failure, never for another user's records, and never
to a private address in production."""

import datetime
import hashlib
import hmac
import json
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.jobs import Job

from api import services, webhooks
from api.models import Delivery, Webhook
from api.tasks import deliver_webhook
from api.tests import receiver as local
from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_create
from motovault.tests.test_tasks import run_worker
from vehicles.models import OdometerReading

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    receiving, server = local.serve()
    yield receiving
    server.shutdown()


@pytest.fixture
def hook(owner, receiver) -> Webhook:
    return services.webhook_create(webhook=Webhook(url=receiver.url), owner=owner)


def verified(hook: Webhook, headers: dict, body: bytes) -> dict:
    """What a receiver does: recompute the signature over timestamp and body, then read it."""
    expected = hmac.new(hook.secret.encode(), headers["X-MotoVault-Timestamp"].encode() + b"." + body, hashlib.sha256)
    assert hmac.compare_digest(headers["X-MotoVault-Signature"], "sha256=" + expected.hexdigest())
    return json.loads(body)


def deliver_all() -> None:
    """What the worker does with each job waiting (tasks.py), in this process."""
    for delivery in Delivery.objects.filter(state=Delivery.State.PENDING).order_by("pk"):
        deliver_webhook(delivery_id=delivery.pk)


def fill_up(vehicle, km: int = 1000) -> FuelLog:
    log = FuelLog(
        owner=vehicle.owner, vehicle=vehicle, filled_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
        odometer_km=Decimal(km), quantity=Decimal(40), price_per_unit=Decimal("1.5"), total_cost=Decimal("60.00"),
    )  # fmt: skip
    return fuel_log_create(log=log)[0]


def test_created_updated_and_deleted_records_are_delivered_signed(api, vehicle, hook, receiver):
    url = f"/api/v1/vehicles/{vehicle.pk}/odometer-readings"
    created = api.post(url, {"date": "2026-01-01", "odometer": 500}, "application/json").json()
    api.put(f"/api/v1/odometer-readings/{created['id']}", {"date": "2026-01-01", "odometer": 510}, "application/json")
    api.delete(f"/api/v1/odometer-readings/{created['id']}")
    assert ProcrastinateJob.objects.filter(task_name="api.tasks.deliver_webhook", status="todo").count() == 3
    deliver_all()
    events = [verified(hook, headers, body) for headers, body in receiver.received]
    assert [event["event"] for event in events] == [
        "odometer_reading.created", "odometer_reading.updated", "odometer_reading.deleted",
    ]  # fmt: skip
    assert events[1]["data"]["odometer"] == {"value": "510.0", "unit": "mi"}
    assert events[0]["data"]["id"] == created["id"] and len({event["id"] for event in events}) == 3
    assert receiver.received[0][0]["X-MotoVault-Event"] == "odometer_reading.created"
    assert set(Delivery.objects.values_list("state", "attempts", "response_status")) == {("delivered", 1, 200)}


def test_a_page_or_a_service_sends_the_same_events_as_the_api(owner_client, vehicle, hook, receiver):
    owner_client.post(f"/vehicles/{vehicle.pk}/odometer/", {"date": "2026-01-02", "odometer": "700"})
    fill_up(vehicle)
    deliver_all()
    events = [verified(hook, headers, body)["event"] for headers, body in receiver.received]
    assert events == ["odometer_reading.created", "fill_up.created"]


def test_a_failed_delivery_is_retried_and_then_delivered(vehicle, hook, receiver):
    receiver.statuses = [500]
    fill_up(vehicle)
    delivery = Delivery.objects.get()
    with pytest.raises(webhooks.AttemptFailed):
        deliver_webhook(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_status) == ("pending", 1, 500)
    assert delivery.error == "The receiver answered 500."
    deliver_webhook(delivery_id=delivery.pk)  # the queue's retry
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_status) == ("delivered", 2, 200)
    first, second = receiver.received
    assert first[1] == second[1] and verified(hook, *second)["event"] == "fill_up.created"


def test_the_queue_retries_with_backoff_then_gives_up(vehicle, hook, receiver):
    def wait_after(attempts: int) -> float | None:
        job = Job(queue="default", lock=None, queueing_lock=None, task_name="t", attempts=attempts)
        decision = deliver_webhook.retry_strategy.get_retry_decision(exception=webhooks.AttemptFailed(), job=job)
        return decision and round((decision.retry_at - timezone.now()).total_seconds())

    with time_machine.travel(timezone.now(), tick=False):
        assert [wait_after(n) for n in range(3)] == [4, 16, 64] and wait_after(webhooks.MAX_ATTEMPTS - 1) is None
    receiver.statuses = [503] * webhooks.MAX_ATTEMPTS
    fill_up(vehicle)
    delivery = Delivery.objects.get()
    for _ in range(webhooks.MAX_ATTEMPTS - 1):
        with pytest.raises(webhooks.AttemptFailed):
            deliver_webhook(delivery_id=delivery.pk)
    deliver_webhook(delivery_id=delivery.pk)  # the last: recorded as failed, not raised again
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("failed", webhooks.MAX_ATTEMPTS)


def test_another_users_records_are_never_delivered(other_user, hook, receiver):
    from vehicles.models import Vehicle

    theirs = Vehicle.objects.create(owner=other_user, year=2015, make="Ford", model="Focus")
    OdometerReading.objects.create(owner=other_user, vehicle=theirs, date=datetime.date(2026, 1, 1), odometer_km=5)
    fill_up(theirs)
    deliver_all()
    assert receiver.received == [] and not Delivery.objects.exists()


def test_a_removed_webhook_gets_nothing_more(vehicle, hook, receiver):
    fill_up(vehicle)
    services.webhook_remove(webhook=hook)
    deliver_all()
    assert receiver.received == [] and Delivery.objects.get().state == "failed"
    fill_up(vehicle, km=2000)
    assert Delivery.objects.count() == 1


def test_the_test_button_sends_a_ping_and_the_log_shows_it(owner_client, hook, receiver):
    assert owner_client.post(f"/account/api/webhooks/{hook.pk}/send-test/").status_code == 302
    deliver_all()
    [(headers, body)] = receiver.received
    assert verified(hook, headers, body)["event"] == "ping"
    page = owner_client.get("/account/api/").content.decode()
    assert "ping" in page and "Delivered" in page


def test_another_user_cannot_test_or_remove_a_webhook(other_client, hook):
    for action in ("send-test", "remove"):
        assert other_client.post(f"/account/api/webhooks/{hook.pk}/{action}/").status_code == 404
    hook.refresh_from_db()
    assert hook.removed_at is None and not Delivery.objects.exists()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/hook", "http://localhost/hook", "http://10.1.2.3/", "http://169.254.169.254/latest",
     "http://[::1]/", "http://192.168.1.1/", "ftp://example.com/", "http://0.0.0.0/"],
)  # fmt: skip
def test_private_and_loopback_addresses_are_refused_in_production(owner_client, settings, url):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    response = owner_client.post("/account/api/webhooks/", {"url": url})
    assert response.status_code == 400 and not Webhook.objects.exists()


def test_a_webhook_that_turned_private_is_not_delivered_to(settings, vehicle, hook, receiver):
    """A name may resolve elsewhere after the webhook was saved: checked again before each send."""
    fill_up(vehicle)
    settings.WEBHOOK_ALLOW_PRIVATE = False
    deliver_all()
    delivery = Delivery.objects.get()
    assert receiver.received == [] and delivery.state == "failed" and "private or local" in delivery.error


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_what_a_committed_write_queued(owner, vehicle, receiver):
    hook = services.webhook_create(webhook=Webhook(url=receiver.url), owner=owner)
    with transaction.atomic():
        fill_up(vehicle)
    result = run_worker()
    assert result.returncode == 0, result.stderr
    [(headers, body)] = receiver.received
    assert verified(hook, headers, body)["event"] == "fill_up.created"
    assert Delivery.objects.get().state == "delivered"
