"""Fill-ups typed in the vehicle's units, stored in canonical ones."""

import uuid
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.forms.models import construct_instance
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from fuel_logs.models import FuelLog, energies_for
from fuel_logs.services import fuel_log_create, fuel_log_update
from motovault import formats, units
from motovault.numbers import ODOMETER, VOLUME_LIMITS, FiniteDecimalField, check_plausible, fit_column, to_column
from motovault.units import Energy, QuantityUnit, price_in, price_out, quantity_in, quantity_out, quantity_unit
from motovault.units import quantity_symbol as symbol_of
from stations.forms import add_picker, picked_station
from vehicles.models import Vehicle
from vehicles.odometer import Readings, odometer_conflict

CENT = Decimal("0.01")
# What one fill-up may plausibly be, beyond the volumes of motovault.numbers: a truck's charge, a
# bus's CNG, and prices and totals in any currency (the columns hold far more).
QUANTITY_LIMITS = {QuantityUnit.KWH: 1_000, QuantityUnit.KG: 500}
PRICE_LIMIT, TOTAL_LIMIT = 100_000, 100_000_000


def plain(value: Decimal, places: int) -> Decimal:
    """A number as people type it: at most ``places`` decimals, no trailing zeros, and 10300
    rather than the 1.03E+4 that ``normalize()`` alone makes of it."""
    value = units.rounded(value, places).normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def _number(label: str, places: int, **kwargs) -> forms.DecimalField:
    return FiniteDecimalField(
        label=label,
        decimal_places=places,
        max_digits=12,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        **kwargs,
    )


class FuelLogForm(forms.ModelForm):
    """One fill-up. Enter any two of quantity, price per unit and total cost: the third is worked
    out, the total to the cent. Units are the vehicle's unless given (a CSV says its own)."""

    odometer = _number("Odometer", 3, min_value=0, error_messages={"min_value": "An odometer can't be negative."})
    quantity = _number("Quantity", 3, required=False)
    price = _number(
        "Price per unit", 3, required=False, min_value=0, error_messages={"min_value": "A price can't be negative."}
    )
    total_cost = _number(
        "Total cost", 2, required=False, min_value=0, error_messages={"min_value": "A cost can't be negative."}
    )
    energy_distance = _number(
        "Distance on this energy",
        3,
        required=False,
        min_value=0,
        error_messages={"min_value": "A distance can't be negative."},
    )
    entry_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    # The amounts are form fields in the vehicle's units; clean() sets the model's canonical ones.
    field_order = [
        "filled_at",
        "odometer",
        "energy",
        "quantity",
        "price",
        "total_cost",
        "fuel_grade",
        "is_full",
        "charge_start_percent",
        "charge_end_percent",
        "energy_distance",
    ]

    class Meta:
        model = FuelLog
        fields = [
            "filled_at",
            "energy",
            "fuel_grade",
            "is_full",
            "charge_start_percent",
            "charge_end_percent",
            "missed_previous",
            "notes",
        ]
        widgets = {
            "filled_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "fuel_grade": forms.TextInput(attrs={"placeholder": "e.g. Regular 87, Super 95, Diesel"}),
        }

    def __init__(
        self,
        *args,
        vehicle: Vehicle,
        distance_unit: str = "",
        volume_unit: str = "",
        user=None,
        readings: Readings | None = None,
        **kwargs,
    ) -> None:
        """``user``: whose stations the station picker offers (none without one: an import).
        ``readings``: the vehicle's readings read once, when many rows are checked (an import)."""
        super().__init__(*args, **kwargs)
        self.vehicle = vehicle
        self.readings = readings
        self.instance.vehicle = vehicle
        self.distance_unit = distance_unit or vehicle.distance_unit
        self.volume_unit = volume_unit or vehicle.volume_unit

        energies = energies_for(vehicle)
        if self.instance.pk and self.instance.energy not in energies:
            energies = [*energies, Energy(self.instance.energy)]
        self.fields["energy"].choices = [(energy.value, energy.label) for energy in energies]
        if len(energies) == 1:
            self.fields["energy"].widget = forms.HiddenInput()
            self.fields["energy"].initial = energies[0]

        # The labels follow the energy chosen (a charge is in kWh and "charged to full"); before
        # one is, they name every energy the vehicle takes.
        distance = units.DISTANCE_SYMBOLS[self.distance_unit]
        chosen = self._energy(energies)
        shown = [chosen] if chosen else energies
        per = " or ".join(dict.fromkeys(symbol_of(energy, self.volume_unit) for energy in shown))
        self.fields["odometer"].label = f"Odometer ({distance})"
        self.fields["quantity"].label = f"Quantity ({per})"
        self.fields["price"].label = f"Price per {per}"
        self.fields["filled_at"].label = "Date and time"
        if chosen == Energy.ELECTRICITY:
            self.fields["is_full"].label = "Charged to full"
        self._split_fields(energies, chosen, distance)

        if self.instance.pk:
            log = self.instance
            self.initial.setdefault("odometer", plain(units.from_km(log.odometer_km, self.distance_unit), 3))
            self.initial.setdefault("quantity", plain(quantity_out(log.quantity, log.energy, self.volume_unit), 3))
            self.initial.setdefault("price", plain(price_out(log.price_per_unit, log.energy, self.volume_unit), 3))
            self.initial.setdefault("total_cost", log.total_cost)
            if log.energy_distance_km is not None and "energy_distance" in self.fields:
                self.initial.setdefault(
                    "energy_distance", plain(units.from_km(log.energy_distance_km, self.distance_unit), 3)
                )
        else:
            self.fields["entry_token"].initial = uuid.uuid4()
        add_picker(self, user, self.instance.station if self.instance.station_id else None)

    def _split_fields(self, energies: list[Energy], chosen: Energy | None, distance: str) -> None:
        """What a car on two energies adds: the distance the trip computer says was driven on this
        one (each energy's economy needs it), and a charge's state of charge before and after.
        A car on one energy, or a fill-up that is not a charge, is not asked."""
        if len(energies) < 2:
            del self.fields["energy_distance"]
        else:
            on = chosen.label.lower() if chosen else "this energy"
            self.fields["energy_distance"].label = f"Distance on {on} ({distance})"
        if chosen not in (Energy.ELECTRICITY, None) or Energy.ELECTRICITY not in energies:
            del self.fields["charge_start_percent"], self.fields["charge_end_percent"]
            return
        for name, when in (("charge_start_percent", "start"), ("charge_end_percent", "end")):
            field = self.fields[name]
            field.label = f"Battery at {when} (%)"
            field.validators.append(MaxValueValidator(100, "A state of charge is at most 100 %%."))
            field.error_messages["min_value"] = "A state of charge can't be below 0 %%."
            field.widget.attrs.update(max=100, inputmode="numeric")

    def _energy(self, energies: list[Energy]) -> Energy | None:
        """The energy this form is about: as posted, else as it starts, else the only one."""
        value = self.data.get("energy") if self.is_bound else None
        value = value or self.initial.get("energy") or (self.instance.energy if self.instance.pk else None)
        if len(energies) == 1:
            return energies[0]
        return Energy(value) if value in energies else None

    @staticmethod
    def prefill(vehicle: Vehicle, last: dict) -> dict:
        """What a new fill-up of ``vehicle`` most likely is: now, full, and like ``last`` (the
        energy, grade and price of its last fill-up, see ``selectors.last_fill_up``)."""
        if "price" in last:
            last = {**last, "price": plain(last["price"], 3)}
        return {"filled_at": now_to_the_minute(), "is_full": True, **last}

    def clean_quantity(self) -> Decimal | None:
        quantity = self.cleaned_data["quantity"]
        if quantity is not None and quantity <= 0:
            raise forms.ValidationError("The quantity must be more than zero.")
        return quantity

    def clean_filled_at(self):
        filled_at = self.cleaned_data["filled_at"]
        if filled_at > timezone.now():
            raise forms.ValidationError("That is in the future: a fill-up is logged once it has happened.")
        return filled_at

    def clean(self) -> dict:
        data = super().clean()
        self._clean_amounts(data)
        self._clean_odometer(data)
        self._clean_charge(data)
        self._clean_energy_distance(data)
        return data

    def _clean_charge(self, data: dict) -> None:
        """A state of charge belongs to a charge, and it rises while charging."""
        start, end = data.get("charge_start_percent"), data.get("charge_end_percent")
        if data.get("energy") != Energy.ELECTRICITY:
            self.instance.charge_start_percent = self.instance.charge_end_percent = None
        elif start is not None and end is not None and start > end:
            self.add_error("charge_end_percent", "The end can't be below the start: a charge adds to it.")

    def _clean_energy_distance(self, data: dict) -> None:
        """At most the odometer distance since the previous fill-up or charge of any energy: the
        trip computer's figure is a part of that stretch."""
        if "energy_distance" not in self.fields:
            return
        told, log = data.get("energy_distance"), self.instance
        if told is None or "energy_distance" in self.errors:
            log.energy_distance_km = None
            return
        if "odometer" in self.errors or data.get("filled_at") is None:
            return
        try:
            km = to_column(
                FuelLog, "energy_distance_km", told, self.distance_unit, **{**ODOMETER, "what": "A distance"}
            )
        except forms.ValidationError as problem:
            self.add_error("energy_distance", problem)
            return
        previous = self._previous(log.odometer_km, data["filled_at"])
        stretch = log.odometer_km - (previous.odometer_km if previous else 0)
        if km > stretch:
            what = "charge" if previous and previous.energy == Energy.ELECTRICITY else "fill-up"
            since = f"since the {what} of {formats.day(previous.filled_at)}" if previous else "on the odometer"
            driven = units.rounded(units.from_km(stretch, self.distance_unit), 1)
            unit = units.DISTANCE_SYMBOLS[self.distance_unit]
            self.add_error("energy_distance", f"More than the {driven:f} {unit} driven {since}.")
        log.energy_distance_km = km

    def _previous(self, odometer_km: Decimal, filled_at) -> FuelLog | None:
        """The vehicle's live fill-up or charge just before one at ``odometer_km`` and ``filled_at``
        (none yet for a vehicle an import is about to create)."""
        if self.vehicle.pk is None:
            return None
        logs = FuelLog.objects.filter(vehicle=self.vehicle, deleted_at__isnull=True)
        if self.instance.pk:
            logs = logs.exclude(pk=self.instance.pk)
        earlier = logs.filter(Q(odometer_km__lt=odometer_km) | Q(odometer_km=odometer_km, filled_at__lt=filled_at))
        return earlier.order_by("-odometer_km", "-filled_at", "-id").first()

    def _clean_amounts(self, data: dict) -> None:
        if {"quantity", "price", "total_cost", "energy"} & set(self.errors):
            return
        quantity, price, total = data.get("quantity"), data.get("price"), data.get("total_cost")
        # Only an edit has amounts "as they were" (and working out changed_data costs an import).
        changed = {"quantity", "price", "total_cost"} & set(self.changed_data) if self.instance.pk else set()
        if self.instance.pk and changed and None not in (quantity, price, total):
            # An edit shows all three: the one left as it was follows the ones changed.
            if "total_cost" not in changed:
                total = None
            elif "price" not in changed:
                price = None
            elif "quantity" not in changed:
                quantity = None
        if [quantity, price, total].count(None) > 1:
            raise forms.ValidationError("Enter two of quantity, price and total cost: the third is worked out.")
        if total is None:
            total = (quantity * price).quantize(CENT, rounding=ROUND_HALF_UP)
        elif quantity is None:
            if not price:
                self.add_error("quantity", "With no price, enter the quantity.")
                return
            quantity = units.rounded(total / price, 3)
            if quantity <= 0:
                self.add_error("quantity", "The quantity must be more than zero.")
                return
        elif price is None:
            price = total / quantity
        # All three given and apart by more than a cent: the total is what was paid (a discount, a
        # pump that rounds its own way). All three are kept; the list shows the difference.

        log, energy = self.instance, data["energy"]
        if not self._plausible_amounts(energy, quantity=quantity, price=price, total_cost=total):
            return
        unchanged = log.pk and energy == log.energy and not changed
        if not unchanged:  # editing the notes must not re-round what was stored
            canonical = {
                "quantity": ("quantity", quantity_in(quantity, energy, self.volume_unit)),
                "price_per_unit": ("price", price_in(price, energy, self.volume_unit)),
                "total_cost": ("total_cost", total),
            }
            for column, (name, value) in canonical.items():
                self._store(column, name, value)
        data.update(quantity=quantity, price=price, total_cost=total)

    def _plausible_amounts(self, energy: str, **amounts: Decimal) -> bool:
        """Each amount, typed or worked out, within what one fill-up can be, in the user's unit."""
        symbol = symbol_of(energy, self.volume_unit)
        unit = quantity_unit(energy)
        limits = {
            "quantity": (
                "A quantity",
                VOLUME_LIMITS[self.volume_unit] if unit == QuantityUnit.LITRE else QUANTITY_LIMITS[unit],
                symbol,
            ),
            "price": ("A price", PRICE_LIMIT, f"a {symbol}"),
            "total_cost": ("A total", TOTAL_LIMIT, ""),
        }
        plausible = True
        for name, (what, limit, unit_text) in limits.items():
            try:
                check_plausible(amounts[name], limit, what, unit_text)
            except forms.ValidationError as problem:
                self.add_error(name, problem)
                plausible = False
        return plausible

    def _store(self, column: str, name: str, value: Decimal) -> None:
        """Set a canonical column of the fill-up, or say beside the field ``name`` that it does not fit."""
        try:
            setattr(self.instance, column, fit_column(FuelLog, column, value))
        except forms.ValidationError as problem:
            self.add_error(name, problem)

    def _clean_odometer(self, data: dict) -> None:
        odometer, filled_at = data.get("odometer"), data.get("filled_at")
        if odometer is None:
            return
        log = self.instance
        try:
            km = to_column(FuelLog, "odometer_km", odometer, self.distance_unit, **ODOMETER)
        except forms.ValidationError as problem:
            self.add_error("odometer", problem)
            return
        if not (log.pk and "odometer" not in self.changed_data):
            log.odometer_km = km
        if filled_at is not None:
            when = timezone.localdate(filled_at)
            if self.readings is not None:
                conflict = self.readings.conflict(when, log.odometer_km)
            else:
                conflict = odometer_conflict(self.vehicle, when, log.odometer_km, exclude=log if log.pk else None)
            if conflict:
                self.add_error("odometer", conflict)

    def check_another(self, data: dict) -> bool:
        """Validate another new fill-up of the same vehicle and units with this form: an import
        checks thousands of rows, and building a form for each was most of its time."""
        self.data, self.is_bound, self.instance, self._errors = data, True, FuelLog(vehicle=self.vehicle), None
        self._bound_fields_cache.clear()
        self.__dict__.pop("changed_data", None)
        return self.is_valid()

    def _post_clean(self) -> None:
        """As a model form does, but when checking many rows (``readings`` given): without the
        model's check constraints, which are this form's own checks (no zero quantity, no
        negative amount) and which Django asks the database about, once per constraint and row.
        PostgreSQL still refuses such a row when it is stored."""
        if self.readings is None:
            super()._post_clean()
            return
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
            exclude = self._get_validation_exclusions()
            self.instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as problem:
            self._update_errors(problem)

    duplicate = False  # set by save() when this form had already been posted

    def save(self, commit: bool = True) -> FuelLog:
        """Store through the services, which keep the economy right. A form posted a second time
        returns the fill-up the first post stored."""
        log = super().save(commit=False)
        if not log.pk:
            log.entry_token = self.cleaned_data.get("entry_token")
        if not commit:
            return log
        log.station = picked_station(self)
        if log.pk:
            return fuel_log_update(log=log)
        log, created = fuel_log_create(log=log)
        self.duplicate = not created
        return log


class VehicleSelect(forms.Select):
    """Quick entry's vehicle choice with its options written here: Django renders each option
    through a template of its own, which for a garage of 50 vehicles was most of the page's time."""

    def render(self, name: str, value, attrs: dict | None = None, renderer=None) -> SafeString:
        options = []
        for key, label in self.choices:
            selected = " selected" if str(key) == str(value) else ""
            options.append(f'<option value="{escape(str(key))}"{selected}>{escape(str(label))}</option>')
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{"".join(options)}</select>')


class QuickFuelLogForm(FuelLogForm):
    """Quick entry at the pump: the same fill-up, with the vehicle chosen on the form."""

    vehicle = forms.ModelChoiceField(queryset=Vehicle.objects.none(), empty_label=None, widget=VehicleSelect)

    def __init__(self, *args, user, choices: list[tuple[int, str]], **kwargs) -> None:
        """``choices``: the user's vehicles as (pk, name), as the view has them already (else the
        widget would query them twice, once to check the first option for the required attribute)."""
        super().__init__(*args, user=user, **kwargs)
        field = self.fields["vehicle"]
        field.queryset = Vehicle.objects.for_user(user)
        field.choices = choices
        field.initial = self.vehicle.pk
        # Choosing another vehicle re-renders the form in that vehicle's units and last prices.
        field.widget.attrs.update(
            {"hx-get": reverse("fuel_logs:quick"), "hx-target": "#fuel-form", "hx-swap": "outerHTML"}
        )
        self.order_fields(["vehicle"])


def now_to_the_minute():
    """When a new fill-up happened, unless said otherwise: the datetime-local input shows minutes."""
    return timezone.localtime().replace(second=0, microsecond=0)


class DateRangeForm(forms.Form):
    """The period analytics cover; either end may be open."""

    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date", "aria-label": "From"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date", "aria-label": "To"}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The end comes before the start.")
        return data
