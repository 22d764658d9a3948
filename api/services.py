"""Writes of the API page: tokens made and revoked, webhooks added, removed and tested."""

import secrets

from django.db import transaction
from django.utils import timezone

from api import webhooks
from api.models import AccessToken, Delivery, Webhook


@transaction.atomic
def token_create(*, token: AccessToken, owner) -> str:
    """Store ``token`` for ``owner``; returns the secret, which only its digest is kept of."""
    token.owner = owner
    secret = token.new_secret()
    token.save()
    return secret


@transaction.atomic
def token_revoke(*, token: AccessToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


@transaction.atomic
def webhook_create(*, webhook: Webhook, owner) -> Webhook:
    webhook.owner = owner
    webhook.secret = secrets.token_hex(32)
    webhook.save()
    _forget(owner.pk)
    return webhook


@transaction.atomic
def webhook_remove(*, webhook: Webhook) -> None:
    """No more deliveries to it; those pending are dropped (marked failed when their turn comes)."""
    webhook.removed_at = timezone.now()
    webhook.save(update_fields=["removed_at"])
    _forget(webhook.owner_id)


def _forget(owner_id: int) -> None:
    """The cached list of the user's webhooks is stale now, and again once this commits (a write
    in between may have cached the list as it was before)."""
    webhooks.forget_ids(owner_id)
    transaction.on_commit(lambda: webhooks.forget_ids(owner_id))


@transaction.atomic
def webhook_test(*, webhook: Webhook) -> Delivery:
    """A ``ping`` event to this webhook alone, through the queue like any other."""
    data = {"message": "A test event from MotoVault: your receiver is set up."}
    return webhooks.send_event(owner_id=webhook.owner_id, event="ping", data=data, webhook_ids=[webhook.pk])[0]
