"""The shared vehicle catalog (not user data): makes, their models, and the configurations the EPA
measured year by year. Every table lives in the PostgreSQL schema ``vehicles`` (see migrations).

``curated`` marks a row an admin has edited: the import leaves it alone unless told otherwise."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# Model years the catalog accepts (the EPA's start in 1984).
FIRST_YEAR = 1900
LAST_YEAR = 2100


class Fuel(models.TextChoices):
    """The EPA's fuel spellings, folded into what a fill-up can be (the original text is kept)."""

    GASOLINE = "gasoline", "Gasoline"
    MIDGRADE = "midgrade", "Midgrade gasoline"
    PREMIUM = "premium", "Premium gasoline"
    DIESEL = "diesel", "Diesel"
    FLEX = "e85", "E85 flex fuel"
    CNG = "cng", "Natural gas (CNG)"
    PROPANE = "lpg", "Propane (LPG)"
    ELECTRICITY = "electricity", "Electricity"
    PLUG_IN_HYBRID = "plug-in-hybrid", "Plug-in hybrid"
    OTHER = "other", "Other"


class Make(models.Model):
    """A manufacturer as spelled in the catalog. Curated: renamed or merged by an admin, so the
    import keeps configurations linked to it even where the EPA spells the make differently."""

    name = models.CharField(max_length=64, unique=True)
    curated = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VehicleModel(models.Model):
    """A model of a make. Curated: renamed or moved by an admin (same rule as ``Make``)."""

    make = models.ForeignKey(Make, on_delete=models.PROTECT, related_name="models")
    name = models.CharField(max_length=100)
    curated = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "model"
        constraints = [models.UniqueConstraint(fields=["make", "name"], name="vehiclemodel_unique_make_name")]

    def __str__(self) -> str:
        return f"{self.make.name} {self.name}"


class ConfigurationQuerySet(models.QuerySet):
    def for_picker(self):
        """In the order a person scans them: smallest engine first, then gearbox and drive."""
        return self.order_by("displacement", "cylinders", "transmission", "drive", "fuel_raw", "epa_id")


class Configuration(models.Model):
    """One EPA record: a model in a model year with one engine, gearbox, drive and fuel.
    Fuel economy in miles per US gallon, as the EPA publishes it; displacement in litres."""

    vehicle_model = models.ForeignKey(VehicleModel, on_delete=models.PROTECT, related_name="configurations")
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)])
    epa_id = models.PositiveIntegerField("EPA id", unique=True)
    cylinders = models.PositiveSmallIntegerField(null=True, blank=True)
    displacement = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True, help_text="Litres")
    fuel = models.CharField(max_length=16, choices=Fuel.choices)
    fuel_raw = models.CharField("fuel (EPA text)", max_length=64, blank=True)
    transmission = models.CharField(max_length=64, blank=True)
    drive = models.CharField(max_length=64, blank=True)
    epa_class = models.CharField("EPA class", max_length=64, blank=True)
    city_mpg = models.PositiveSmallIntegerField("city MPG")
    highway_mpg = models.PositiveSmallIntegerField("highway MPG")
    curated = models.BooleanField(default=False)

    objects = ConfigurationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "epa_id"]
        indexes = [
            models.Index(fields=["year"], name="configuration_year"),
            models.Index(fields=["vehicle_model", "year"], name="configuration_model_year"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What tells one configuration from its siblings: "2.2 L 4 cyl, Automatic 4-spd, ..."."""
        engine = " ".join(
            part
            for part in (
                f"{self.displacement} L" if self.displacement else "",
                f"{self.cylinders} cyl" if self.cylinders else "",
            )
            if part
        )
        fuel = self.fuel_raw or self.get_fuel_display()
        return ", ".join(part for part in (engine, self.transmission, self.drive, fuel) if part)

    @property
    def combined_mpg(self) -> int:
        """The EPA's combined figure: a harmonic mean weighted 55 % city, 45 % highway."""
        if not self.city_mpg or not self.highway_mpg:
            return 0
        return round(1 / (Decimal("0.55") / self.city_mpg + Decimal("0.45") / self.highway_mpg))

    def as_dict(self) -> dict:
        """The plain form the lookups cache and the API returns."""
        return {
            "id": self.pk,
            "epa_id": self.epa_id,
            "year": self.year,
            "label": self.label,
            "cylinders": self.cylinders,
            "displacement": str(self.displacement) if self.displacement is not None else None,
            "fuel": self.fuel,
            "fuel_label": self.get_fuel_display(),
            "fuel_raw": self.fuel_raw,
            "transmission": self.transmission,
            "drive": self.drive,
            "epa_class": self.epa_class,
            "city_mpg": self.city_mpg,
            "highway_mpg": self.highway_mpg,
            "combined_mpg": self.combined_mpg,
        }
