"""Invitation links to a vehicle's household and transfers of its ownership. Members themselves
are ``vehicles.Membership``: the scoping of every read starts there."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from vehicles.access import Role

MEMBER_ROLES = [(role.value, role.label) for role in Role if role != Role.OWNER]
INVITATION_DAYS = 7


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ShareInvitation(models.Model):
    """A link that makes whoever opens it, signed in, a member of ``vehicle`` with ``role``: it
    works once, for a week, and only for the account of ``email`` when one is given. Only a
    digest of its token is stored: the link is shown once, when it is made."""

    vehicle = models.ForeignKey("vehicles.Vehicle", on_delete=models.PROTECT, related_name="share_invitations")
    role = models.PositiveSmallIntegerField(choices=MEMBER_ROLES)
    email = models.EmailField(blank=True, help_text="Only the account with this e-mail may use it.")
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(editable=False)
    used_at = models.DateTimeField(null=True, blank=True, editable=False)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to {self.vehicle} as {Role(self.role).label}"

    def new_token(self) -> str:
        token = secrets.token_urlsafe(32)
        self.token_digest = token_digest(token)
        self.expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
        return token

    @property
    def usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class Transfer(models.Model):
    """The owner's offer of a vehicle (and all its records) to another account; nothing moves
    until that account accepts. ``keep_role``: what the giver keeps (None: nothing, a car sold)."""

    vehicle = models.ForeignKey("vehicles.Vehicle", on_delete=models.PROTECT, related_name="transfers")
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="transfers_offered")
    keep_role = models.PositiveSmallIntegerField(choices=MEMBER_ROLES, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vehicle"], condition=Q(accepted_at__isnull=True), name="transfer_one_open")
        ]

    def __str__(self) -> str:
        return f"{self.vehicle} to {self.to_user}"
