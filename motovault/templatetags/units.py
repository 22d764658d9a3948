"""Template filters that show canonical values (km, litres) in the owner's units."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from motovault.units import DISTANCE_SYMBOLS, VOLUME_SYMBOLS, from_km, from_litres, rounded

register = template.Library()


@register.filter
def distance(km: Decimal | None, unit: str) -> str:
    """``{{ vehicle.current_odometer_km|distance:vehicle.distance_unit }}`` → "12,345 mi"."""
    if km is None:
        return "—"
    return f"{intcomma(rounded(from_km(km, unit), 0))} {DISTANCE_SYMBOLS[unit]}"


@register.filter
def volume(litres: Decimal | None, unit: str) -> str:
    if litres is None:
        return "—"
    return f"{intcomma(rounded(from_litres(litres, unit), 1))} {VOLUME_SYMBOLS[unit]}"


@register.filter
def get_item(mapping: dict, key):
    """``{{ facts|get_item:vehicle.pk }}``: a dict lookup by a variable key."""
    return mapping.get(key, ())
