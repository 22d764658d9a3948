"""Maintenance input typed in the vehicle's (or the user's) units, stored in canonical ones."""

import datetime
from decimal import Decimal

import apprise
from django import forms
from django.core.validators import validate_email
from django.utils import timezone

from maintenance.models import Channel, ChannelKind, Kind, LineItem, Reminder, ServiceRecord, normalise_type
from motovault import units
from motovault.numbers import ODOMETER, ODOMETER_LIMITS, FiniteDecimalField, check_plausible, fit_column, to_column
from vehicles.models import Vehicle
from vehicles.odometer import odometer_conflict

MONEY_LIMIT = 10_000_000
DATE = forms.DateInput(attrs={"type": "date"})


def _number(label: str, places: int, **kwargs) -> forms.DecimalField:
    return FiniteDecimalField(
        label=label,
        decimal_places=places,
        max_digits=12,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        **kwargs,
    )


def _money(label: str) -> forms.DecimalField:
    return _number(
        label,
        2,
        required=False,
        min_value=0,
        max_value=MONEY_LIMIT,
        error_messages={"min_value": "A cost can't be negative.", "max_value": "That is not a plausible cost."},
    )


def _shown(km: Decimal | None, unit: str) -> Decimal | None:
    return None if km is None else units.rounded(units.from_km(km, unit), 0)


def _km(form: forms.Form, name: str, model, column: str, unit: str) -> Decimal | None:
    """The distance typed in field ``name`` (in ``unit``), as the canonical km of ``column``."""
    try:
        return to_column(model, column, form.cleaned_data.get(name), unit, **ODOMETER)
    except forms.ValidationError as problem:
        form.add_error(name, problem)
        return None


class ServiceRecordForm(forms.ModelForm):
    odometer = _number("Odometer", 1, min_value=0, error_messages={"min_value": "An odometer can't be negative."})
    tax = _money("Tax")

    field_order = ["date", "odometer", "kind", "shop", "tax", "notes"]

    class Meta:
        model = ServiceRecord
        fields = ["date", "kind", "shop", "notes"]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, vehicle: Vehicle, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.vehicle = self.instance.vehicle = vehicle
        self.fields["odometer"].label = f"Odometer ({units.DISTANCE_SYMBOLS[vehicle.distance_unit]})"
        self.fields["shop"].widget.attrs["placeholder"] = "Who did it (blank: yourself)"
        if self.instance.pk:
            self.initial.setdefault("odometer", _shown(self.instance.odometer_km, vehicle.distance_unit))
            self.initial.setdefault("tax", self.instance.tax)
        else:
            self.initial.setdefault("date", timezone.localdate())

    def clean_date(self) -> datetime.date:
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError("That is in the future: log a service once it is done (or add a reminder).")
        return day

    def clean(self) -> dict:
        data = super().clean()
        self.instance.tax = data.get("tax") or Decimal(0)
        km = _km(self, "odometer", ServiceRecord, "odometer_km", self.vehicle.distance_unit)
        if km is not None and data.get("date"):
            conflict = odometer_conflict(
                self.vehicle, data["date"], km, exclude=self.instance if self.instance.pk else None
            )
            if conflict:
                self.add_error("odometer", conflict)
            self.instance.odometer_km = km
        return data


class LineItemForm(forms.Form):
    service_type = forms.CharField(
        label="Service type", max_length=60, required=False, widget=forms.TextInput(attrs={"list": "service-types"})
    )
    description = forms.CharField(label="Parts / description", max_length=200, required=False)
    parts_cost = _money("Parts")
    labour_cost = _money("Labour")

    def clean(self) -> dict:
        data = super().clean()
        costs = data.get("parts_cost") or data.get("labour_cost") or data.get("description")
        if costs and not (data.get("service_type") or "").strip():
            self.add_error("service_type", "Say what was done (a service type).")
        return data

    def item(self) -> LineItem | None:
        data = self.cleaned_data
        kind = normalise_type(data.get("service_type") or "")
        if not kind:
            return None
        return LineItem(
            service_type=kind,
            description=data.get("description") or "",
            parts_cost=data.get("parts_cost") or Decimal(0),
            labour_cost=data.get("labour_cost") or Decimal(0),
        )


class BaseLineItems(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("service_type") for form in self.forms if form.cleaned_data):
            raise forms.ValidationError("Add at least one line: what was done.")

    def items(self) -> list[LineItem]:
        return [item for form in self.forms if (item := form.item()) is not None]


LineItemFormSet = forms.formset_factory(LineItemForm, formset=BaseLineItems, extra=2, max_num=30, absolute_max=30)


def line_items(data, record: ServiceRecord | None) -> BaseLineItems:
    """The item rows of a record's form: its items (if any) and two blank rows."""
    initial = []
    if record is not None and record.pk:
        initial = [
            {"service_type": i.service_type, "description": i.description, "parts_cost": i.parts_cost,
             "labour_cost": i.labour_cost}
            for i in record.items.all()
        ]  # fmt: skip
    elif data is None:
        initial = [{}]
    return LineItemFormSet(data, initial=initial, prefix="items")


class ReminderForm(forms.ModelForm):
    """Distances in the vehicle's unit. Blank due points of a recurring reminder start from today
    and the current odometer (see ``services.reminder_save``)."""

    interval = _number("Every (distance)", 1, required=False)
    due_odometer = _number("Due at odometer", 1, required=False, min_value=0)
    soon_distance = _number("Due soon within (distance)", 1, required=False, min_value=0)
    very_soon_distance = _number("Due very soon within (distance)", 1, required=False, min_value=0)

    field_order = ["title", "service_type", "interval", "interval_months", "due_date", "due_odometer", "schedule"]

    class Meta:
        model = Reminder
        fields = [
            "title", "service_type", "interval_months", "due_date", "schedule", "soon_days", "very_soon_days",
            "notes",
        ]  # fmt: skip
        labels = {
            "interval_months": "Every (months)",
            "due_date": "Due on",
            "schedule": "After it is done, the next one is due",
            "soon_days": "Due soon within (days)",
            "very_soon_days": "Due very soon within (days)",
        }
        widgets = {
            "due_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 2}),
            "service_type": forms.TextInput(attrs={"list": "service-types"}),
            "schedule": forms.RadioSelect,
        }

    def __init__(self, *args, vehicle: Vehicle, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.vehicle = self.instance.vehicle = vehicle
        unit = vehicle.distance_unit
        symbol = units.DISTANCE_SYMBOLS[unit]
        for name, label in (
            ("interval", "Every"),
            ("due_odometer", "Due at odometer"),
            ("soon_distance", "Due soon within"),
            ("very_soon_distance", "Due very soon within"),
        ):
            self.fields[name].label = f"{label} ({symbol})"
        self.fields["service_type"].help_text = "Logging a service of this type completes the reminder."
        self.fields["soon_days"].help_text = "Blank: your settings."
        reminder = self.instance
        if reminder.pk:
            for name, column in (
                ("interval", "interval_km"),
                ("due_odometer", "due_odometer_km"),
                ("soon_distance", "soon_km"),
                ("very_soon_distance", "very_soon_km"),
            ):
                self.initial.setdefault(name, _shown(getattr(reminder, column), unit))

    def clean_interval_months(self) -> int | None:
        months = self.cleaned_data["interval_months"]
        if months is not None and not 0 < months <= 600:
            raise forms.ValidationError("An interval is a number of months above zero (at most 600).")
        return months

    def clean_interval(self) -> Decimal | None:
        interval = self.cleaned_data["interval"]
        if interval is not None and interval <= 0:
            raise forms.ValidationError("An interval must be more than zero.")
        return interval

    def clean_service_type(self) -> str:
        return normalise_type(self.cleaned_data["service_type"])

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("title") or "").strip() and not data.get("service_type"):
            self.add_error("title", "Give it a title or a service type.")
        unit, reminder = self.vehicle.distance_unit, self.instance
        for name, column in (
            ("interval", "interval_km"),
            ("due_odometer", "due_odometer_km"),
            ("soon_distance", "soon_km"),
            ("very_soon_distance", "very_soon_km"),
        ):
            if name not in self.errors:
                setattr(reminder, column, _km(self, name, Reminder, column, unit))
        interval_fields = ("interval", "interval_months", "due_date", "due_odometer")
        if not any(data.get(name) is not None for name in interval_fields) and not set(interval_fields) & set(
            self.errors
        ):
            self.add_error(
                "interval", "Say when it is due: every so far and/or every so many months, or on a date or odometer."
            )
        soon, very_soon = data.get("soon_days"), data.get("very_soon_days")
        if soon is not None and very_soon is not None and very_soon > soon:
            self.add_error("very_soon_days", "“Very soon” must be sooner than “soon”.")
        return data


class ThresholdsForm(forms.Form):
    """The user's thresholds; distances in the unit of their settings."""

    soon_days = forms.IntegerField(label="Due soon within (days)", min_value=0, max_value=365)
    very_soon_days = forms.IntegerField(label="Due very soon within (days)", min_value=0, max_value=365)
    soon_distance = _number("Due soon within", 1, min_value=0)
    very_soon_distance = _number("Due very soon within", 1, min_value=0)

    def __init__(self, *args, user, settings, **kwargs) -> None:
        self.unit = user.distance_unit
        symbol = units.DISTANCE_SYMBOLS[self.unit]
        initial = {
            "soon_days": settings.soon_days,
            "very_soon_days": settings.very_soon_days,
            "soon_distance": _shown(settings.soon_km, self.unit),
            "very_soon_distance": _shown(settings.very_soon_km, self.unit),
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["soon_distance"].label = f"Due soon within ({symbol})"
        self.fields["very_soon_distance"].label = f"Due very soon within ({symbol})"

    def clean(self) -> dict:
        data = super().clean()
        for name in ("soon_distance", "very_soon_distance"):
            if data.get(name) is not None:
                try:
                    check_plausible(data[name], ODOMETER_LIMITS[self.unit], "A distance", self.unit)
                    data[name] = fit_column(Reminder, "soon_km", units.to_km(data[name], self.unit))
                except forms.ValidationError as problem:
                    self.add_error(name, problem)
        if not self.errors and data["very_soon_days"] > data["soon_days"]:
            self.add_error("very_soon_days", "“Very soon” must be sooner than “soon”.")
        if not self.errors and data["very_soon_distance"] > data["soon_distance"]:
            self.add_error("very_soon_distance", "“Very soon” must be sooner than “soon”.")
        return data


class ChannelForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = ["kind", "target"]
        labels = {"kind": "Send by", "target": "Address or URL"}
        widgets = {"target": forms.TextInput(attrs={"placeholder": "you@example.com, or ntfy://ntfy.sh/my-topic"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ChannelKind.choices  # no blank choice: e-mail unless chosen
        self.fields["kind"].initial = ChannelKind.EMAIL

    def clean(self) -> dict:
        data = super().clean()
        target = (data.get("target") or "").strip()
        if data.get("kind") == ChannelKind.EMAIL:
            try:
                validate_email(target)
            except forms.ValidationError:
                self.add_error("target", "That is not an e-mail address.")
        elif data.get("kind") == ChannelKind.APPRISE and target and not apprise.Apprise().add(target):
            self.add_error(
                "target",
                "Apprise cannot read this URL (see its list of services: ntfy://, gotify://, tgram://...).",
            )
        data["target"] = target
        return data


class SnoozeForm(forms.Form):
    until = forms.DateField(label="Snooze until", widget=DATE)

    def __init__(self, *args, today: datetime.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_until(self) -> datetime.date:
        until = self.cleaned_data["until"]
        if until <= self.today:
            raise forms.ValidationError("Snooze until a day after today.")
        if until > self.today + datetime.timedelta(days=3650):
            raise forms.ValidationError("That is more than ten years away.")
        return until


class ServiceFilterForm(forms.Form):
    """The service list's filters; anything malformed is the unfiltered list."""

    service_type = forms.CharField(
        required=False, max_length=60, widget=forms.TextInput(attrs={"list": "service-types"})
    )
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *Kind.choices])
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date", "aria-label": "From"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date", "aria-label": "To"}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "The end comes before the start.")
        return data
