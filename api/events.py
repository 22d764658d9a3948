"""Record events for webhooks: ``<noun>.created``, ``.updated`` and ``.deleted``, with the record
as the API shows it. Every model the API serves is registered here (``crud.record_router`` does it
for a feature's records), and its saves are seen through Django's ``post_save`` signal, so a write
from a page, the API or a service of any feature sends the same event. Bulk imports
(``bulk_create``) send none: a thousand events for one import would help no receiver."""

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_save
from ninja import Schema

from api import webhooks

# model -> (noun, output schema, settled)
_registry: dict[type[Model], tuple[str, type[Schema], bool]] = {}


def register(model: type[Model], noun: str, out: type[Schema], *, settled: bool = False) -> None:
    """``settled``: the record is read again for its event once the transaction commits, as it was
    stored: for a record whose parts are written after it (a service record's line items) or whose
    values the database rounds (an amount typed as ``3`` is ``3.00``)."""
    _registry[model] = (noun, out, settled)


def payload(instance: Model) -> dict:
    noun, out, _ = _registry[type(instance)]
    return out.from_orm(instance).model_dump(mode="json")


def _saved(sender: type[Model], instance: Model, created: bool, update_fields=None, **kwargs) -> None:
    if sender not in _registry or kwargs.get("raw"):
        return
    if not webhooks.live_ids(instance.owner_id):
        return
    noun, _, settled = _registry[sender]
    if created:
        action = "created"
    elif update_fields and "deleted_at" in update_fields:
        action = "deleted" if instance.deleted_at is not None else "created"  # a restore brings it back
    else:
        action = "updated"

    def send() -> None:
        record = sender._base_manager.get(pk=instance.pk) if settled else instance  # as stored
        webhooks.send_event(owner_id=instance.owner_id, event=f"{noun}.{action}", data=payload(record))

    if settled:
        transaction.on_commit(send)
    else:
        send()


def connect() -> None:
    """From ``ApiConfig.ready``."""
    post_save.connect(_saved, dispatch_uid="api-record-events")
