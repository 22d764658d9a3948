"""The user, and the base every row of user data is built on."""

from typing import Self

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from motovault import formats
from motovault.clock import validate_time_zone
from motovault.units import DistanceUnit, EconomyUnit, VolumeUnit


class User(AbstractUser):
    """A person. Signed in through OIDC, they are known by (issuer, subject), never by e-mail:
    an address changed at the provider must neither make a second account nor reach another's."""

    oidc_issuer = models.CharField(max_length=255, blank=True, default="")
    oidc_subject = models.CharField(max_length=255, blank=True, default="")
    # Raised by PostgreSQL on any change to the user's data (see data_version.py).
    data_version = models.BigIntegerField(default=0, editable=False)
    # How they read things (see clock.py and formats.py): an IANA zone name (empty: the server's
    # TIME_ZONE), an ISO 4217 currency, a CLDR locale for numbers, a CLDR date pattern.
    time_zone = models.CharField(max_length=64, blank=True, default="", validators=[validate_time_zone])
    currency = models.CharField(max_length=3, default="USD", choices=formats.currencies)
    number_locale = models.CharField("number format", max_length=10, default="en_US", choices=formats.LOCALES)
    date_format = models.CharField(max_length=20, default="d MMM y", choices=formats.DATE_FORMATS)
    # The units a new vehicle starts with.
    distance_unit = models.CharField(max_length=2, choices=DistanceUnit.choices, default=DistanceUnit.MI)
    volume_unit = models.CharField(max_length=7, choices=VolumeUnit.choices, default=VolumeUnit.US_GAL)
    economy_unit = models.CharField(max_length=9, choices=EconomyUnit.choices, default=EconomyUnit.MPG_US)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["oidc_issuer", "oidc_subject"],
                condition=~models.Q(oidc_subject=""),
                name="user_unique_oidc_identity",
            )
        ]

    @property
    def log_id(self) -> str:
        """A short, non-identifying tag for log lines."""
        return (self.oidc_subject or f"local|{self.pk}")[:12]


class OwnedQuerySet(models.QuerySet):
    """Every read of user data starts here: ``Model.objects.for_user(user)``."""

    def for_user(self, user) -> Self:
        """The user's live rows; soft-deleted rows are hidden."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user, deleted_at__isnull=True)

    def trashed_for_user(self, user) -> Self:
        """The user's soft-deleted rows, for a trash page."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user, deleted_at__isnull=False)


class OwnedModel(models.Model):
    """A row that belongs to one user. Deleting is soft (``deleted_at``); nothing cascades."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="%(class)ss")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def assign(self, user) -> None:
        """A new row saved for ``user``'s request: whose it is. A vehicle's record overrides this
        (it is its vehicle owner's, entered by the user)."""
        self.owner = user

    def soft_delete(self) -> None:
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at", "updated_at"])

    def restore(self) -> None:
        self.deleted_at = None
        self.save(update_fields=["deleted_at", "updated_at"])
