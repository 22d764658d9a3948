"""The places a user buys fuel: their own list, typed in or found through a provider's search.

Coordinates are WGS 84 degrees (six places: about 10 cm). Prices are not stored here: they come
from the user's fill-ups that name the station (``FuelLog.station``), so they are never out of
step with the receipts.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from motovault.models import OwnedModel


def _degrees(limit: int, what: str) -> models.DecimalField:
    return models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal(-limit), f"A {what} is between -{limit} and {limit} degrees."),
            MaxValueValidator(Decimal(limit), f"A {what} is between -{limit} and {limit} degrees."),
        ],
    )


class Station(OwnedModel):
    """A fuel station or charger of the user's. ``place_id`` is the provider's id when it came
    from a search, so the same place found twice is one station."""

    name = models.CharField(max_length=120)
    brand = models.CharField(max_length=60, blank=True)
    address = models.CharField(max_length=255, blank=True)
    latitude = _degrees(90, "latitude")
    longitude = _degrees(180, "longitude")
    place_id = models.CharField("provider's place id", max_length=255, blank=True, editable=False)
    is_favourite = models.BooleanField("favourite", default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-is_favourite", "name", "pk"]
        indexes = [models.Index(fields=["owner", "deleted_at"], name="station_owner_live_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(latitude__gte=-90, latitude__lte=90), name="station_latitude_range"),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180), name="station_longitude_range"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="station_both_coordinates_or_none",
            ),
            models.UniqueConstraint(
                fields=["owner", "place_id"],
                condition=~Q(place_id="") & Q(deleted_at__isnull=True),
                name="station_unique_live_place_per_owner",
            ),
        ]

    def __str__(self) -> str:
        """ "Shell · Main Street"; the name alone when it already says the brand."""
        if self.brand and self.brand.lower() not in self.name.lower():
            return f"{self.brand} · {self.name}"
        return self.name

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None
