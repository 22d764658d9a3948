"""Webhook deliveries: who gets an event, how it is signed, where it may go (never to our own
network in production: SSRF), and one attempt at sending it. The queue (``api/tasks.py``) retries
a failed attempt with backoff.

A receiver checks ``X-MotoVault-Signature: sha256=<hex>``, the HMAC-SHA256 with the webhook's
secret of ``<X-MotoVault-Timestamp>.<body>``, and refuses a timestamp more than a few minutes old.
"""

import hashlib
import hmac
import ipaddress
import json
import socket
import time
import uuid
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from api.models import Delivery, Webhook

# How many times a delivery is tried before it is marked failed (see tasks.py for the backoff).
MAX_ATTEMPTS = 8


def _ids_key(owner_id: int) -> str:
    return f"api:webhooks:{owner_id}"


def live_ids(owner_id: int) -> list[int]:
    """The user's webhooks' ids; cached, so a write of a user without webhooks costs no query."""
    ids = cache.get(_ids_key(owner_id))
    if ids is None:
        ids = list(Webhook.objects.filter(owner_id=owner_id, removed_at__isnull=True).values_list("pk", flat=True))
        cache.set(_ids_key(owner_id), ids, 60 * 60)
    return ids


def forget_ids(owner_id: int) -> None:
    cache.delete(_ids_key(owner_id))


def send_event(*, owner_id: int, event: str, data: dict, webhook_ids: list[int] | None = None) -> list[Delivery]:
    """A delivery to each of the user's webhooks (or those named), deferred in the caller's
    transaction: it is sent once the change is committed, and never if it is rolled back."""
    from api.tasks import deliver_webhook

    deliveries = []
    for webhook_id in live_ids(owner_id) if webhook_ids is None else webhook_ids:
        body = {"id": str(uuid.uuid4()), "event": event, "created_at": timezone.now().isoformat(), "data": data}
        delivery = Delivery.objects.create(owner_id=owner_id, webhook_id=webhook_id, event=event, payload=body)
        deliver_webhook.defer(delivery_id=delivery.pk)
        deliveries.append(delivery)
    return deliveries


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def check_destination(url: str) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to a private, loopback, link-local
    or otherwise non-public address (unless ``WEBHOOK_ALLOW_PRIVATE``). Checked when the webhook
    is saved and again before each delivery (a name may resolve elsewhere later)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError("Enter an http:// or https:// URL.")
    if settings.WEBHOOK_ALLOW_PRIVATE:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (socket.gaierror, UnicodeError):
        raise ValidationError(f"{parts.hostname} cannot be resolved.") from None
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise ValidationError(f"{parts.hostname} is a private or local address: webhooks go to public ones only.")


class AttemptFailed(Exception):
    """An attempt that should be tried again later."""


def attempt(delivery: Delivery) -> None:
    """Send ``delivery`` once and record how it went; raise AttemptFailed to be retried."""
    webhook = delivery.webhook
    delivery.attempts += 1
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "MotoVault-Webhooks/1",
        "X-MotoVault-Event": delivery.event,
        "X-MotoVault-Delivery": delivery.payload["id"],
        "X-MotoVault-Timestamp": timestamp,
        "X-MotoVault-Signature": signature(webhook.secret, timestamp, body),
    }
    problem = ""
    try:
        if webhook.removed_at is not None:
            raise ValidationError("The webhook was removed.")
        check_destination(webhook.url)
        response = requests.post(
            webhook.url, data=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT, allow_redirects=False
        )
        delivery.response_status = response.status_code
        if not 200 <= response.status_code < 300:
            problem = f"The receiver answered {response.status_code}."
    except ValidationError as exc:
        problem, delivery.attempts = exc.messages[0], MAX_ATTEMPTS  # not worth trying again
    except requests.RequestException as exc:
        problem = f"Could not reach the receiver: {type(exc).__name__}."
    delivery.error = problem[:300]
    if not problem:
        delivery.state = Delivery.State.DELIVERED
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.state = Delivery.State.FAILED
    if delivery.state != Delivery.State.PENDING:
        delivery.finished_at = timezone.now()
    delivery.save()
    if delivery.state == Delivery.State.PENDING:
        raise AttemptFailed(problem)
