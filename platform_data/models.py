"""The shared vehicle catalog (not user data): makes, their models, and their configurations year by
year, from two sources: the EPA's fuel-economy records (1984-2015, with city/highway figures) and
NHTSA's vPIC data as ultravin carries it (later years: trims and engines, no figures). Every table
lives in the PostgreSQL schema ``vehicles`` (see migrations).

``curated`` marks a row an admin has edited: the import leaves it alone unless told otherwise."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

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


class Source(models.TextChoices):
    EPA = "epa", "EPA fuel-economy records"
    VPIC = "vpic", "NHTSA vPIC data"


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
        """In the order a person scans them: smallest engine first, then trim, gearbox and drive."""
        return self.order_by(
            "displacement", "cylinders", "trim", "transmission", "drive", "body_class", "fuel_raw", "epa_id", "vpic_key"
        )


class Configuration(models.Model):
    """A model in a model year with one engine, gearbox, drive and fuel: an EPA record (``epa_id``,
    with its fuel economy in miles per US gallon, as the EPA publishes it) or a vPIC combination
    (``vpic_key``, with trim and body but no economy figures). Displacement in litres."""

    vehicle_model = models.ForeignKey(VehicleModel, on_delete=models.PROTECT, related_name="configurations")
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)])
    source = models.CharField(max_length=4, choices=Source.choices, default=Source.EPA)
    epa_id = models.PositiveIntegerField("EPA id", unique=True, null=True, blank=True)
    vpic_key = models.CharField(
        "vPIC key", max_length=400, unique=True, null=True, blank=True, help_text="The vPIC values it stands for."
    )
    trim = models.CharField(max_length=200, blank=True)
    cylinders = models.PositiveSmallIntegerField(null=True, blank=True)
    displacement = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True, help_text="Litres")
    fuel = models.CharField(max_length=16, choices=Fuel.choices)
    fuel_raw = models.CharField("fuel (EPA text)", max_length=64, blank=True)
    transmission = models.CharField(max_length=64, blank=True)
    drive = models.CharField(max_length=64, blank=True)
    electrification = models.CharField(max_length=64, blank=True)
    body_class = models.CharField(max_length=200, blank=True)
    epa_class = models.CharField("EPA class", max_length=64, blank=True)
    city_mpg = models.PositiveSmallIntegerField("city MPG", null=True, blank=True)
    highway_mpg = models.PositiveSmallIntegerField("highway MPG", null=True, blank=True)
    curated = models.BooleanField(default=False)

    objects = ConfigurationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "epa_id"]
        indexes = [
            models.Index(fields=["year"], name="configuration_year"),
            models.Index(fields=["vehicle_model", "year"], name="configuration_model_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(source=Source.EPA, epa_id__isnull=False, vpic_key__isnull=True)
                | Q(source=Source.VPIC, vpic_key__isnull=False, epa_id__isnull=True),
                name="configuration_keyed_by_its_source",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What tells one configuration from its siblings: "LX, 2.2 L 4 cyl, Automatic 4-spd, ..."."""
        engine = " ".join(
            part
            for part in (
                f"{self.displacement} L" if self.displacement else "",
                f"{self.cylinders} cyl" if self.cylinders else "",
            )
            if part
        )
        fuel = self.fuel_raw or ("" if self.source == Source.VPIC else self.get_fuel_display())
        parts = (self.trim, engine, self.transmission, self.drive, self.body_class, fuel, self.electrification)
        return ", ".join(part for part in parts if part)

    @property
    def has_economy(self) -> bool:
        """Only EPA records carry figures (vPIC has none)."""
        return bool(self.city_mpg and self.highway_mpg)

    @property
    def combined_mpg(self) -> int | None:
        """The EPA's combined figure: a harmonic mean weighted 55 % city, 45 % highway."""
        if not self.has_economy:
            return None
        return combined_mpg(self.city_mpg, self.highway_mpg)

    def as_dict(self) -> dict:
        """The plain form the lookups cache and the API returns."""
        return {
            "id": self.pk,
            "epa_id": self.epa_id,
            "source": self.source,
            "vpic_key": self.vpic_key,
            "year": self.year,
            "trim": self.trim,
            "label": self.label,
            "cylinders": self.cylinders,
            "displacement": str(self.displacement) if self.displacement is not None else None,
            "fuel": self.fuel,
            "fuel_label": self.get_fuel_display(),
            "fuel_raw": self.fuel_raw,
            "transmission": self.transmission,
            "drive": self.drive,
            "electrification": self.electrification,
            "body_class": self.body_class,
            "epa_class": self.epa_class,
            "city_mpg": self.city_mpg,
            "highway_mpg": self.highway_mpg,
            "combined_mpg": self.combined_mpg,
        }


def combined_mpg(city: int, highway: int) -> int:
    """The EPA's combined figure from its city and highway ones."""
    return round(1 / (Decimal("0.55") / city + Decimal("0.45") / highway))
