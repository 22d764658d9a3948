from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image

from motovault.numbers import ODOMETER, VOLUME_LIMITS, FiniteDecimalField, to_column
from motovault.units import (
    ELECTRIC_ECONOMY_UNITS,
    LIQUID_ECONOMY_UNITS,
    QuantityUnit,
    economy_unit_for,
    from_km,
    from_litres,
    rounded,
    to_litres,
)
from platform_data import lookups
from platform_data.models import Configuration, Fuel
from platform_data.vin import normalize_vin, vin_errors
from platform_data.vpic import decode

from .models import Depreciation, FuelType, OdometerReading, Vehicle, latest_model_year
from .odometer import odometer_conflict
from .services import PHOTO_SIDE

MAX_PHOTO_BYTES = 10 * 1024 * 1024
# The pixel budget of a photo: a phone's 50-megapixel shot fits; a 144-megapixel PNG of 20 kB (a
# decompression bomb: 430 MB once decoded) does not. Pillow's own limit is set to it (apps.py).
PHOTO_MAX_PIXELS = 50_000_000


class PhotoField(forms.ImageField):
    """An image within the pixel budget that decodes whole (a truncated file passes Django's
    ``verify()``, then fails when it is re-encoded)."""

    def to_python(self, data):
        try:
            file = super().to_python(data)
        except ValidationError as problem:
            if isinstance(problem.__cause__, Image.DecompressionBombError):
                raise self._too_large() from None
            raise
        if file is None:
            return None
        width, height = file.image.size
        if width * height > PHOTO_MAX_PIXELS:
            raise self._too_large(width * height)
        try:
            with Image.open(file) as image:
                image.draft("RGB", (PHOTO_SIDE, PHOTO_SIDE))
                image.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as problem:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from problem
        file.seek(0)
        return file

    @staticmethod
    def _too_large(pixels: int | None = None) -> ValidationError:
        size = f"This photo has {pixels / 1e6:,.0f} megapixels" if pixels else "This photo is too large"
        return ValidationError(f"{size}: at most {PHOTO_MAX_PIXELS // 1_000_000} are kept. Send a smaller copy.")


def _choices(rows: list[dict], placeholder: str, label: str = "name") -> list[tuple[str, str]]:
    return [("", placeholder), *((str(row["id"]), row[label]) for row in rows)]


class VehicleForm(forms.ModelForm):
    """A vehicle, picked from the catalog (year, make, model, configuration) or typed in.

    The catalog selects are re-rendered by the picker view as the owner chooses; what is saved
    is a text copy of the choice, so later catalog edits never rewrite the vehicle."""

    catalog_make = forms.ChoiceField(label="Make", required=False)
    catalog_model = forms.ChoiceField(label="Model", required=False)
    configuration = forms.ChoiceField(label="Engine and transmission", required=False)
    tank_capacity = FiniteDecimalField(
        label="Tank capacity", required=False, min_value=Decimal("0.1"), max_digits=8, decimal_places=3
    )
    purchase_odometer = FiniteDecimalField(
        label="Odometer at purchase", required=False, min_value=0, max_digits=12, decimal_places=1
    )

    class Meta:
        model = Vehicle
        fields = [
            "year",
            "make",
            "model",
            "nickname",
            "vin",
            "vin_nonstandard",
            "license_plate",
            "colour",
            "fuel_type",
            "distance_unit",
            "volume_unit",
            "economy_unit",
            "purchase_date",
            "purchase_price",
            "sold_date",
            "sold_price",
            "current_value",
            "depreciation",
            "depreciation_percent",
            "notes",
            "photo",
        ]
        field_classes = {
            "purchase_price": FiniteDecimalField,
            "sold_price": FiniteDecimalField,
            "current_value": FiniteDecimalField,
            "depreciation_percent": FiniteDecimalField,
            "photo": PhotoField,
        }
        error_messages = {
            "current_value": {"min_value": "A value can't be below zero."},
            "depreciation_percent": {
                "min_value": "A yearly loss can't be below 0 %%.",
                "max_value": "A yearly loss is at most 100 %%.",
            },
        }
        labels = {"make": "Make (if not in the list)", "model": "Model (if not in the list)"}
        widgets = {
            "purchase_date": forms.DateInput(attrs={"type": "date"}),
            "sold_date": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "vin": forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["make"].required = self.fields["model"].required = False
        self.fields["year"].widget.attrs.update(min=1886, max=latest_model_year())
        for name in ("purchase_price", "sold_price", "current_value", "depreciation_percent"):
            self.fields[name].widget.attrs["min"] = 0
        self.fields["depreciation_percent"].widget.attrs["max"] = 100
        self.fields["depreciation"].required = False  # a form (or a client) that leaves it out: the value entered
        if self.instance.pk and not self.is_bound:
            self.initial["tank_capacity"] = rounded(
                from_litres(self.instance.tank_capacity_l, self.instance.volume_unit), 1
            )
            self.initial["purchase_odometer"] = rounded(
                from_km(self.instance.purchase_odometer_km, self.instance.distance_unit), 1
            )
            if self.instance.configuration_id:
                configuration = self.instance.configuration
                self.initial.update(
                    catalog_make=str(configuration.vehicle_model.make_id),
                    catalog_model=str(configuration.vehicle_model_id),
                    configuration=str(configuration.pk),
                )
        self._fill_catalog_choices()

    def picked(self, name: str) -> str:
        """The current value of a picker field, bound or initial."""
        value = self.data.get(name) if self.is_bound else self.initial.get(name, getattr(self.instance, name, None))
        return str(value or "").strip()

    def _fill_catalog_choices(self) -> None:
        """Each select offers what the catalog has for the choices above it."""
        year, make, model = self.picked("year"), self.picked("catalog_make"), self.picked("catalog_model")
        year = int(year) if year.isdecimal() else None
        makes = lookups.makes(year) if year else []
        make_ids = {str(row["id"]) for row in makes}
        models = lookups.models(year, int(make)) if make in make_ids else []
        model_ids = {str(row["id"]) for row in models}
        configurations = lookups.configurations(year, int(model)) if model in model_ids else []
        self.fields["catalog_make"].choices = _choices(
            makes, "Choose a make…" if makes else "No catalog makes this year"
        )
        self.fields["catalog_model"].choices = _choices(models, "Choose a model…")
        self.fields["configuration"].choices = _choices(configurations, "Choose (optional)…", label="label")
        self.catalog_has_year = bool(makes)

    def clean_vin(self) -> str:
        return normalize_vin("".join(self.cleaned_data["vin"].split()))

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > latest_model_year():
            raise ValidationError(f"A model year after {latest_model_year()} does not exist yet.")
        return year

    def clean_depreciation(self) -> str:
        return self.cleaned_data["depreciation"] or Depreciation.VALUE

    def clean(self) -> dict:
        data = super().clean()
        self._clean_identity(data)
        self._clean_vin_rules(data)
        self._clean_units(data)
        purchased, sold = data.get("purchase_date"), data.get("sold_date")
        if purchased and sold and sold < purchased:
            self.add_error("sold_date", "The sale date is before the purchase date.")
        if data.get("depreciation") == Depreciation.PERCENT and data.get("depreciation_percent") is None:
            self.add_error("depreciation_percent", "Give the yearly percentage, or count the value you enter.")
        photo = data.get("photo")
        if photo and getattr(photo, "size", 0) > MAX_PHOTO_BYTES:
            self.add_error("photo", "The photo is larger than 10 MB.")
        return data

    def _clean_identity(self, data: dict) -> None:
        """Make, model and trim come from the catalog pick when there is one, else from the text."""
        configuration_id, model_id, make_id = (
            data.get("configuration"),
            data.get("catalog_model"),
            data.get("catalog_make"),
        )
        self.instance.configuration = None
        self.instance.trim = ""
        if configuration_id:
            configuration = Configuration.objects.select_related("vehicle_model__make").get(pk=configuration_id)
            if data.get("year") and configuration.year != data["year"]:
                self.add_error("year", f"The chosen configuration is from {configuration.year}, not {data['year']}.")
            self.instance.configuration = configuration
            self.instance.trim = configuration.label
            data["make"], data["model"] = configuration.vehicle_model.make.name, configuration.vehicle_model.name
        else:
            if make_id:
                data["make"] = dict(self.fields["catalog_make"].choices)[make_id]
            if model_id:
                data["model"] = dict(self.fields["catalog_model"].choices)[model_id]
        for field in ("make", "model"):
            if not data.get(field):
                self.add_error(field, f"Choose the {field} from the list or type it.")
            else:
                setattr(self.instance, field, data[field])

    def _clean_vin_rules(self, data: dict) -> None:
        vin = data.get("vin")
        if not vin:
            return
        if not data.get("vin_nonstandard"):
            for error in vin_errors(vin):
                self.add_error("vin", error)
            if vin_errors(vin):
                self.add_error("vin", "For a pre-1981 or non-standard VIN, tick “keep a non-standard VIN”.")
        # Unique among the owner's vehicles (a manager edits the owner's), not those shared with them.
        duplicate = Vehicle.objects.owned_by(self.owner).filter(vin=vin).exclude(pk=self.instance.pk).first()
        if duplicate:
            self.add_error("vin", f"Your vehicle “{duplicate}” already has this VIN.")

    def _clean_units(self, data: dict) -> None:
        fuel, economy = data.get("fuel_type"), data.get("economy_unit")
        if fuel == FuelType.ELECTRIC and economy not in ELECTRIC_ECONOMY_UNITS:
            self.add_error("economy_unit", "An electric vehicle's economy is read in mi/kWh or kWh/100 km.")
        if fuel and fuel != FuelType.ELECTRIC and economy not in LIQUID_ECONOMY_UNITS:
            self.add_error("economy_unit", "Choose MPG, L/100 km or km/L for a vehicle that burns fuel.")
        volume, distance = data.get("volume_unit"), data.get("distance_unit")
        if volume:
            self._store(
                "tank_capacity", "tank_capacity_l", volume, what="A tank", limits=VOLUME_LIMITS, convert=to_litres
            )
        if distance:
            self._store("purchase_odometer", "purchase_odometer_km", distance, **ODOMETER)

    def _store(self, name: str, column: str, unit: str, **checks) -> None:
        """The canonical column from the field ``name``, or the reason beside the field."""
        try:
            setattr(self.instance, column, to_column(Vehicle, column, self.cleaned_data.get(name), unit, **checks))
        except ValidationError as problem:
            self.add_error(name, problem)


NOT_IN_NHTSA_DATA = "This VIN is not in the NHTSA data: choose the vehicle below or type it."


def prefill_from_vin(data, *, vin: str) -> tuple[dict, list[str]]:
    """Picker data with what a VIN decodes to (year, make, model, configuration, fuel type), and
    the VIN's problems if any. What the catalog lacks is typed into the make and model fields."""
    data = data.copy()
    errors = vin_errors(vin)
    if errors:
        return data, errors
    decoded = decode(normalize_vin(vin))
    if not decoded.in_data or not decoded.year:
        return data, [NOT_IN_NHTSA_DATA]
    data["year"] = str(decoded.year)
    chosen = lookups.vin_choices(decoded)
    for field, name in (("catalog_make", "make"), ("catalog_model", "model"), ("configuration", "configuration")):
        data[field] = str(chosen[name]["id"]) if chosen[name] else ""
    if not chosen["make"]:
        data["make"] = decoded.make
    if decoded.row:
        if not chosen["model"]:
            data["model"] = decoded.row.model
        data["fuel_type"] = fuel_type(decoded.row.fuel, decoded.row.electrification)
        # An electric car reads its economy per kWh: keep the owner's unit where it fits.
        energy = QuantityUnit.KWH if data["fuel_type"] == FuelType.ELECTRIC else QuantityUnit.LITRE
        data["economy_unit"] = economy_unit_for(
            energy, data.get("economy_unit", ""), data.get("distance_unit", "mi"), data.get("volume_unit", "us_gal")
        )
    return data, []


def initial_from_configuration(configuration_id: str) -> dict:
    """The form's initial catalog choice for a configuration id (the catalog browser's "Add this
    vehicle" link); nothing when there is no such configuration."""
    configuration = (
        Configuration.objects.select_related("vehicle_model").filter(pk=configuration_id).first()
        if configuration_id.isdecimal()
        else None
    )
    if configuration is None:
        return {}
    return {
        "year": configuration.year,
        "catalog_make": str(configuration.vehicle_model.make_id),
        "catalog_model": str(configuration.vehicle_model_id),
        "configuration": str(configuration.pk),
        "fuel_type": fuel_type(configuration.fuel, configuration.electrification),
    }


def fuel_type(fuel: str, electrification: str) -> str:
    """The vehicle's fuel type from the catalog's fuel (``platform_data.models.Fuel``) and NHTSA's
    electrification level ("Strong HEV (Hybrid Electric Vehicle)", ...)."""
    by_fuel = {
        Fuel.ELECTRICITY: FuelType.ELECTRIC,
        Fuel.PLUG_IN_HYBRID: FuelType.PLUG_IN_HYBRID,
        Fuel.DIESEL: FuelType.DIESEL,
        Fuel.FLEX: FuelType.FLEX,
        Fuel.CNG: FuelType.CNG,
        Fuel.PROPANE: FuelType.LPG,
    }
    if fuel not in by_fuel and "HEV" in electrification:
        return FuelType.HYBRID
    return by_fuel.get(fuel, FuelType.GASOLINE)


class OdometerReadingForm(forms.ModelForm):
    """A plain odometer entry, typed in the vehicle's distance unit."""

    odometer = FiniteDecimalField(min_value=0, max_digits=12, decimal_places=1)
    field_order = ["date", "odometer", "notes"]

    class Meta:
        model = OdometerReading
        fields = ["date", "notes"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, vehicle: Vehicle, **kwargs):
        super().__init__(*args, **kwargs)
        self.vehicle = vehicle
        self.fields["odometer"].label = f"Odometer ({vehicle.distance_unit})"
        if self.instance.pk is None:
            self.initial.setdefault("date", timezone.localdate())  # a reading is most often today's

    def clean(self) -> dict:
        data = super().clean()
        if data.get("date") and data["date"] > timezone.localdate():
            self.add_error("date", "This date is in the future.")
        elif data.get("date") and data.get("odometer") is not None:
            try:
                km = to_column(OdometerReading, "odometer_km", data["odometer"], self.vehicle.distance_unit, **ODOMETER)
            except ValidationError as problem:
                self.add_error("odometer", problem)
                return data
            conflict = odometer_conflict(self.vehicle, data["date"], km, exclude=self.instance)
            if conflict:
                self.add_error("odometer", conflict)
            self.instance.odometer_km = km
        return data
