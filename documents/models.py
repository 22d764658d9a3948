"""A user's documents: insurance cards, registrations, receipts, manuals... each a stored file with
what it is about, covering one vehicle or several (one policy for the whole garage).

Money (an insurance premium) is in the owner's currency, per ``premium_period`` months. The stored
file's name is random (never the uploaded name, which is kept as text for the download); the same
bytes (``sha256``) stored once per owner, whichever documents point at them.
"""

import uuid
from typing import Self

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q

from motovault.models import OwnedModel, OwnedQuerySet
from vehicles.models import Vehicle, VehicleRecord

from .storage import get_document_storage


class DocumentKind(models.TextChoices):
    INSURANCE = "insurance", "Insurance"
    REGISTRATION = "registration", "Registration"
    TITLE = "title", "Title"
    INSPECTION = "inspection", "Inspection"
    WARRANTY = "warranty", "Warranty"
    RECEIPT = "receipt", "Receipt"
    MANUAL = "manual", "Manual"
    OTHER = "other", "Other"


class PremiumPeriod(models.IntegerChoices):
    """How many months one premium pays for."""

    MONTH = 1, "a month"
    QUARTER = 3, "a quarter"
    HALF_YEAR = 6, "six months"
    YEAR = 12, "a year"


def stored_name(document: "Document", filename: str) -> str:
    """A random name under the owner's folder, with the extension of the type found in the content:
    nothing of what the user called the file reaches the storage."""
    return f"{document.owner_id}/{uuid.uuid4().hex}.{document.extension}"


def thumbnail_name(document: "Document", filename: str) -> str:
    return f"{document.owner_id}/{uuid.uuid4().hex}.jpg"


class DocumentQuerySet(OwnedQuerySet):
    """The one scope of documents: those covering at least one live vehicle the user sees (their
    own, and those shared with them: a household member sees the documents of a shared vehicle).
    Trashing a vehicle hides the documents that were about it alone (until it is restored)."""

    def for_user(self, user) -> Self:
        return self._covering_visible(user).filter(deleted_at__isnull=True)

    def trashed_for_user(self, user) -> Self:
        return self._covering_visible(user).filter(deleted_at__isnull=False)

    def _covering_visible(self, user) -> Self:
        if not user.is_authenticated:
            return self.none()
        visible = Vehicle.objects.for_user(user)
        # The owners first (the user and whoever shares with them), so the owner's index leads.
        owners = self.filter(owner__in=visible.values("owner_id"))
        return owners.filter(
            Exists(DocumentVehicle.objects.filter(document=OuterRef("pk"), vehicle__in=visible.values("pk")))
        )


class Document(OwnedModel):
    kind = models.CharField("type", max_length=12, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(max_length=200)
    number = models.CharField("policy or document number", max_length=100, blank=True)
    issued_on = models.DateField("issue date", null=True, blank=True)
    expires_on = models.DateField("expiry date", null=True, blank=True)
    notes = models.TextField(blank=True)
    premium = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    premium_period = models.PositiveSmallIntegerField(
        "the premium pays for", choices=PremiumPeriod.choices, null=True, blank=True
    )
    # What the document is attached to besides its vehicles: a receipt of a fill-up or of a service.
    fuel_log = models.ForeignKey(
        "fuel_logs.FuelLog", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    service_record = models.ForeignKey(
        "maintenance.ServiceRecord", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    vehicles = models.ManyToManyField(Vehicle, through="DocumentVehicle", related_name="documents")

    file = models.FileField(storage=get_document_storage, upload_to=stored_name, max_length=200)
    thumbnail = models.FileField(storage=get_document_storage, upload_to=thumbnail_name, max_length=200, blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    search = models.GeneratedField(
        expression=SearchVector("title", "number", "notes", config="simple"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at", "-id"], name="document_owner_recent_idx"),
            models.Index(fields=["owner", "sha256"], name="document_owner_sha256_idx"),
            models.Index(fields=["owner", "kind", "expires_on"], name="document_owner_expiry_idx"),
            GinIndex(fields=["search"], name="document_search_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gte=models.F("issued_on")),
                name="document_expires_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(premium__isnull=True) | (Q(premium__gte=0) & Q(premium_period__isnull=False)),
                name="document_premium_has_period",
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="document_not_empty"),
            # What each link's (document, owner) foreign key points at: a link's owner is its document's.
            models.UniqueConstraint(fields=["id", "owner"], name="document_id_owner_key"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        from .validation import EXTENSIONS

        return EXTENSIONS[self.content_type]

    @property
    def shows_inline(self) -> bool:
        """A browser shows it itself (an image, a PDF); anything else downloads."""
        from .validation import INLINE_TYPES

        return self.content_type in INLINE_TYPES


class DocumentVehicle(VehicleRecord):
    """A vehicle a document is about. A record of the vehicle (the owner rule holds, and a purge of
    the vehicle counts it); its owner is its document's too (a foreign key on both, see the migration)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "vehicle"], name="document_vehicle_once")]
        indexes = [models.Index(fields=["vehicle", "document"], name="document_vehicle_idx")]

    def __str__(self) -> str:
        return f"document {self.document_id} of vehicle {self.vehicle_id}"


class DocumentPreferences(OwnedModel):
    """What a user chose about their documents: how many days before expiry one is shown as due."""

    notice_days = models.PositiveSmallIntegerField(
        "remind me this many days before a document expires",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="document_preferences_once"),
            models.CheckConstraint(condition=Q(notice_days__gte=1) & Q(notice_days__lte=365), name="notice_days_range"),
        ]

    def __str__(self) -> str:
        return f"document preferences of {self.owner_id}"
