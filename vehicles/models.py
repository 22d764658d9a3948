"""A user's vehicles and the records that hang off them.

Canonical units: distances and odometers in kilometres, volumes in litres, money in the
owner's currency as Decimal. ``distance_unit``, ``volume_unit`` and ``economy_unit`` say how the
owner enters and reads them; conversion happens in forms and templates only.
"""

import datetime
import uuid
from typing import Self

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from motovault.models import OwnedModel, OwnedQuerySet
from motovault.units import DistanceUnit, EconomyUnit, VolumeUnit

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


class VehicleQuerySet(OwnedQuerySet):
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
    def is_electric(self) -> bool:
        return self.fuel_type == FuelType.ELECTRIC

    @property
    def uses_electricity(self) -> bool:
        return self.fuel_type in (FuelType.ELECTRIC, FuelType.PLUG_IN_HYBRID)


class VehicleRecordQuerySet(OwnedQuerySet):
    def for_user(self, user) -> Self:
        """Live records of live vehicles: a trashed vehicle takes its records with it (until restored)."""
        return super().for_user(user).filter(vehicle__deleted_at__isnull=True)


class VehicleRecord(OwnedModel):
    """Base of every record about one vehicle (fill-ups, services, odometer readings...). Its owner
    is always the vehicle's: PostgreSQL refuses anything else (see owner_rule.py)."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="%(class)ss")

    objects = VehicleRecordQuerySet.as_manager()

    class Meta:
        abstract = True


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
