"""A user's vehicles and the records that hang off them.

Canonical units: distances and odometers in kilometres, volumes in litres, money in the
owner's currency as Decimal. ``distance_unit``, ``volume_unit`` and ``economy_unit`` say how the
owner enters and reads them; conversion happens in forms and templates only.
"""

import datetime
import uuid
from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone

from motovault.models import OwnedModel, OwnedQuerySet
from motovault.units import DistanceUnit, EconomyUnit, VolumeUnit
from vehicles.access import Role

FIRST_CAR_YEAR = 1886


def latest_model_year() -> int:
    """Model years run ahead of the calendar: a 2027 model is sold in 2026."""
    return datetime.date.today().year + 1


class FuelType(models.TextChoices):
    GASOLINE = "gasoline", "Petrol / gasoline"
    DIESEL = "diesel", "Diesel"
    HYBRID = "hybrid", "Hybrid (petrol)"
    PLUG_IN_HYBRID = "phev", "Plug-in hybrid"
    ELECTRIC = "electric", "Electric"
    LPG = "lpg", "Bi-fuel petrol + LPG"
    CNG = "cng", "Bi-fuel petrol + CNG"
    FLEX = "flex", "Flex fuel (E85)"
    OTHER = "other", "Other"


class Depreciation(models.TextChoices):
    """How a vehicle still owned loses value, for its cost of ownership (a sold one: purchase to sale price)."""

    VALUE = "value", "To the current value I enter"
    PERCENT = "percent", "By a percentage each year"


def _visible(user) -> Q:
    """The vehicles ``user`` sees: their own, and those shared with them (a membership)."""
    return Q(owner=user) | Q(pk__in=Membership.objects.filter(user=user).values("vehicle_id"))


class VehicleQuerySet(OwnedQuerySet):
    """A user sees their own vehicles and those shared with them (a live membership), each
    annotated with their role on it (``access_role``, read by ``vehicles.access.role_of``)."""

    def for_user(self, user) -> Self:
        """Live vehicles the user owns or is a member of."""
        if not user.is_authenticated:
            return self.none()
        return self._visible_to(user).filter(deleted_at__isnull=True)

    def trashed_for_user(self, user) -> Self:
        """Trashed vehicles the user owns or is a member of (a manager who trashed one can undo)."""
        if not user.is_authenticated:
            return self.none()
        return self._visible_to(user).filter(deleted_at__isnull=False)

    def owned_by(self, user) -> Self:
        """Only the user's own live vehicles (what they decide about alone: their account)."""
        return self.filter(owner=user, deleted_at__isnull=True)

    def _visible_to(self, user) -> Self:
        member = Membership.objects.filter(vehicle=OuterRef("pk"), user=user).values("role")[:1]
        role = Case(
            When(owner=user, then=Value(int(Role.OWNER))), default=Subquery(member), output_field=IntegerField()
        )
        visible = self.filter(_visible(user))
        return visible.annotate(access_role=role, access_user=Value(user.pk, output_field=IntegerField()))

    def with_sharing(self) -> Self:
        """Annotate what a card says of sharing: ``owner_name`` and ``member_count``."""
        members = Membership.objects.filter(vehicle=OuterRef("pk")).values("vehicle").annotate(n=models.Count("pk"))
        return self.annotate(
            owner_name=models.F("owner__username"),
            member_count=models.functions.Coalesce(Subquery(members.values("n")), 0),
        )

    def with_odometer(self) -> Self:
        """Annotate ``current_odometer_km``: the latest reading of any feature (see odometer.py)."""
        from vehicles.odometer import annotate_current_odometer

        return annotate_current_odometer(self)


def photo_path(vehicle: "Vehicle", filename: str) -> str:
    """A random name: nothing of what the user called the file reaches the storage (photos are
    re-encoded to JPEG, see services.vehicle_save)."""
    return f"vehicle-photos/{vehicle.owner_id}/{uuid.uuid4().hex}.jpg"


class Vehicle(OwnedModel):
    """A vehicle. Make, model and trim are text copies of what was picked from the catalog, so a
    catalog edit or reload never rewrites it; ``configuration`` links to the pick while it exists."""

    configuration = models.ForeignKey(
        "platform_data.Configuration", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(FIRST_CAR_YEAR)])
    make = models.CharField(max_length=100)
    model = models.CharField(max_length=100)
    trim = models.CharField(max_length=200, blank=True)
    nickname = models.CharField(max_length=60, blank=True)
    vin = models.CharField("VIN", max_length=17, blank=True)
    vin_nonstandard = models.BooleanField(
        "keep a non-standard VIN", default=False, help_text="For a pre-1981 or imported vehicle's VIN."
    )
    license_plate = models.CharField("licence plate", max_length=20, blank=True)
    colour = models.CharField(max_length=40, blank=True)
    fuel_type = models.CharField(max_length=10, choices=FuelType.choices, default=FuelType.GASOLINE)
    tank_capacity_l = models.DecimalField(
        max_digits=7, decimal_places=3, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    purchase_date = models.DateField(null=True, blank=True)
    purchase_price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    purchase_odometer_km = models.DecimalField(
        max_digits=12, decimal_places=3, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    sold_date = models.DateField(null=True, blank=True)
    sold_price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    current_value = models.DecimalField(
        "what it is worth now",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="For the cost of ownership while you own it.",
    )
    depreciation = models.CharField(
        "value lost is counted", max_length=7, choices=Depreciation.choices, default=Depreciation.VALUE
    )
    depreciation_percent = models.DecimalField(
        "yearly loss of value (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Of last year's value, compounded from the purchase date (15 is common).",
    )
    notes = models.TextField(blank=True)
    photo = models.ImageField(upload_to=photo_path, blank=True)
    # Made from the photo when it is saved (see services.vehicle_save): the garage's cards show it.
    photo_thumbnail = models.ImageField(upload_to=photo_path, blank=True, editable=False)
    distance_unit = models.CharField(max_length=2, choices=DistanceUnit.choices, default=DistanceUnit.MI)
    volume_unit = models.CharField(max_length=7, choices=VolumeUnit.choices, default=VolumeUnit.US_GAL)
    economy_unit = models.CharField(max_length=9, choices=EconomyUnit.choices, default=EconomyUnit.MPG_US)

    objects = VehicleQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "make", "model", "pk"]
        indexes = [models.Index(fields=["owner", "deleted_at"], name="vehicle_owner_live_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "vin"],
                condition=~Q(vin="") & Q(deleted_at__isnull=True),
                name="vehicle_unique_live_vin_per_owner",
            ),
            models.CheckConstraint(
                condition=Q(sold_date__isnull=True)
                | Q(purchase_date__isnull=True)
                | Q(sold_date__gte=models.F("purchase_date")),
                name="vehicle_sold_after_purchase",
            ),
            models.CheckConstraint(condition=Q(year__gte=FIRST_CAR_YEAR), name="vehicle_year_plausible"),
            models.CheckConstraint(condition=Q(current_value__gte=0), name="vehicle_current_value_not_negative"),
            models.CheckConstraint(
                condition=Q(depreciation_percent__gte=0, depreciation_percent__lte=100),
                name="vehicle_depreciation_percent_range",
            ),
            # What each record's (vehicle, owner) foreign key points at (see owner_rule.py).
            models.UniqueConstraint(fields=["id", "owner"], name="vehicle_id_owner_key"),
        ]

    def __str__(self) -> str:
        return self.nickname or self.description

    @property
    def description(self) -> str:
        return f"{self.year} {self.make} {self.model}"

    @property
    def card_photo_url(self) -> str:
        """The picture a garage card shows: the thumbnail, or the photo itself where it has none
        (a photo stored before thumbnails were made)."""
        if self.photo_thumbnail:
            return reverse("vehicles:photo-thumbnail", args=[self.pk])
        return reverse("vehicles:photo", args=[self.pk]) if self.photo else ""

    @property
    def role(self) -> Role | None:
        """The role of the user it was fetched for (``for_user``); None otherwise."""
        role = getattr(self, "access_role", None)
        return Role(role) if role else None

    @property
    def is_shared_with_me(self) -> bool:
        """Seen by a household member, not by its owner."""
        return self.role is not None and self.role < Role.OWNER

    @property
    def can_drive(self) -> bool:
        """May add and edit its records (what pages show; ``access.require`` decides)."""
        return (self.role or 0) >= Role.DRIVER

    @property
    def can_manage(self) -> bool:
        return (self.role or 0) >= Role.MANAGER

    @property
    def can_own(self) -> bool:
        return self.role == Role.OWNER

    @property
    def is_electric(self) -> bool:
        return self.fuel_type == FuelType.ELECTRIC

    @property
    def uses_electricity(self) -> bool:
        return self.fuel_type in (FuelType.ELECTRIC, FuelType.PLUG_IN_HYBRID)


class VehicleRecordQuerySet(OwnedQuerySet):
    """The records of the vehicles a user sees (their own and those shared with them)."""

    def for_user(self, user) -> Self:
        """Live records of live vehicles: a trashed vehicle takes its records with it (until restored)."""
        if not user.is_authenticated:
            return self.none()
        return self._visible_to(user).filter(deleted_at__isnull=True, vehicle__deleted_at__isnull=True)

    def trashed_for_user(self, user) -> Self:
        """Trashed records of the vehicles the user sees (their vehicle live or not)."""
        if not user.is_authenticated:
            return self.none()
        return self._visible_to(user).filter(deleted_at__isnull=False)

    def _visible_to(self, user) -> Self:
        # A semi-join on the user's few vehicles, so PostgreSQL walks each one's records by index.
        return self.filter(vehicle__in=Vehicle.objects.filter(_visible(user)).values("pk"))


class VehicleRecord(OwnedModel):
    """Base of every record about one vehicle (fill-ups, services, odometer readings...). Its owner
    is always the vehicle's: PostgreSQL refuses anything else (see owner_rule.py). ``entered_by``
    is who typed it (the owner or a household member); None once that account is deleted."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="%(class)ss")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = VehicleRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def assign(self, user) -> None:
        """A new record entered by ``user``: it belongs to its vehicle's owner, whoever typed it."""
        self.owner_id = self.vehicle.owner_id
        self.entered_by = user


class Membership(models.Model):
    """A household member's role on a vehicle someone else owns. Deleting it (revoke, leave)
    hides the vehicle from them at once; the owner is never a member."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    role = models.PositiveSmallIntegerField(choices=[(r.value, r.label) for r in Role if r != Role.OWNER])
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["vehicle", "-role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["vehicle", "user"], name="membership_unique_member"),
            models.CheckConstraint(condition=Q(role__gte=Role.VIEWER, role__lt=Role.OWNER), name="membership_role"),
        ]
        indexes = [models.Index(fields=["user", "vehicle"], name="membership_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} as {Role(self.role).label} of {self.vehicle}"


class OdometerReading(VehicleRecord):
    """A plain odometer entry (the fill-ups and services carry their own readings too)."""

    date = models.DateField()
    odometer_km = models.DecimalField(max_digits=12, decimal_places=3, validators=[MinValueValidator(0)])
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-date", "-odometer_km"]
        indexes = [
            models.Index(fields=["vehicle", "date"], name="odometer_vehicle_date_idx"),
            # The current odometer: the highest live reading (see odometer.py).
            models.Index(
                fields=["vehicle", "odometer_km"], condition=Q(deleted_at__isnull=True), name="odometer_live_km_idx"
            ),
        ]
        constraints = [models.CheckConstraint(condition=Q(odometer_km__gte=0), name="odometer_not_negative")]

    def __str__(self) -> str:
        return f"odometer reading of {self.date:%d %b %Y}"
