import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """A link an administrator hands to a household member, who sets a password with it. Only a
    digest of its token is stored: the link is shown once, when it is made."""

    username = models.CharField(max_length=150, unique=True, help_text="The account the link creates.")
    email = models.EmailField(blank=True)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(editable=False)
    used_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"Invitation for {self.username}"

    def new_token(self) -> str:
        """A fresh secret for this invitation (any older link stops working); valid for a week."""
        token = secrets.token_urlsafe(32)
        self.token_digest = token_digest(token)
        self.expires_at = timezone.now() + timedelta(days=settings.INVITATION_DAYS)
        return token

    @property
    def usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()
