"""Numbers people type, kept within what is plausible in their own unit and what our columns hold.

A form checks the digits as typed, then converts to canonical units: without these checks a value
it accepted could overflow its column (a DataError, a 500) after the conversion."""

from collections.abc import Callable
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model

from motovault.units import DISTANCE_SYMBOLS, VOLUME_SYMBOLS, DistanceUnit, VolumeUnit, to_km

# Round figures in each unit, far beyond any real vehicle and well inside every column.
ODOMETER_LIMITS = {DistanceUnit.KM: 2_000_000, DistanceUnit.MI: 1_250_000}
VOLUME_LIMITS = {VolumeUnit.L: 2_000, VolumeUnit.US_GAL: 500, VolumeUnit.IMP_GAL: 440}
_SYMBOLS = {**DISTANCE_SYMBOLS, **VOLUME_SYMBOLS}


class FiniteDecimalField(forms.DecimalField):
    """A DecimalField that refuses NaN and infinities when it reads them, not later: Django's own
    compares a signalling NaN with the initial value (``has_changed``) and raises InvalidOperation."""

    def to_python(self, value) -> Decimal | None:
        value = super().to_python(value)
        if value is not None and not value.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value


def check_plausible(value: Decimal | None, limit: int, what: str, unit: str = "") -> None:
    """Refuse ``value`` above ``limit``, saying the limit in the user's unit ("An odometer above
    2,000,000 km is not plausible.")."""
    if value is not None and value > limit:
        raise ValidationError(f"{what} above {limit:,}{f' {unit}' if unit else ''} is not plausible.")


def fit_column(model: type[Model], name: str, value: Decimal | None) -> Decimal | None:
    """``value`` rounded to the decimal places of the column ``model.name``, or a ValidationError
    when the converted value does not fit it: the last check before a write."""
    if value is None:
        return None
    field = model._meta.get_field(name)
    value = Decimal(value)
    if value.is_finite() and value.adjusted() < field.max_digits - field.decimal_places:
        value = value.quantize(Decimal(1).scaleb(-field.decimal_places))
        if value.adjusted() < field.max_digits - field.decimal_places:
            return value
    raise ValidationError("This is too large to store.")


def to_column(
    model: type[Model], column: str, typed: Decimal | None, unit: str, *, what: str, limits: dict, convert: Callable
) -> Decimal | None:
    """``typed`` in the user's ``unit`` (no more than ``limits[unit]``) as the canonical value of
    ``model.column``: ``convert(typed, unit)``, rounded to the column. ValidationError otherwise."""
    check_plausible(typed, limits[unit], what, _SYMBOLS[unit])
    return fit_column(model, column, convert(typed, unit))


# ``to_column``'s checks for an odometer, which every feature that records one shares.
ODOMETER = {"what": "An odometer", "limits": ODOMETER_LIMITS, "convert": to_km}
