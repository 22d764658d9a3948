"""Households' part of a user's export and account deletion (see motovault/accountdata.py): the
vehicles shared with them and, in ``shared/``, the records they entered on other people's vehicles
(those stay with the vehicle's owner when the account goes: only ``entered_by`` is cleared)."""

from collections.abc import Iterator

from django.db.models import Q, QuerySet

from motovault.accountdata import CsvFile, model_rows
from vehicles.models import Membership
from vehicles.services import record_models

from .models import ShareInvitation, Transfer


def memberships(user) -> QuerySet:
    """The user's memberships and those of their vehicles' households."""
    return Membership.objects.filter(Q(user=user) | Q(vehicle__owner=user))


def invitations(user) -> QuerySet:
    return ShareInvitation.objects.filter(vehicle__owner=user)


def transfers(user) -> QuerySet:
    return Transfer.objects.filter(Q(from_user=user) | Q(to_user=user) | Q(vehicle__owner=user))


def no_files(user) -> Iterator[CsvFile]:
    return iter(())


def shared_files(user) -> Iterator[CsvFile]:
    rows = Membership.objects.filter(user=user).order_by("pk")
    yield "shared/memberships.csv", model_rows(rows, exclude=("invited_by",))
    for model in record_models():
        entered = model.objects.filter(entered_by=user).exclude(owner=user).order_by("pk")
        yield f"shared/{model._meta.model_name}.csv", model_rows(entered)
