"""Units: we store kilometres, litres, kilowatt-hours and kilograms, and convert only at the edges
(forms in, templates out). Every factor is exact by definition. Energy-aware conversions (a
quantity, a price, an economy unit of petrol, electricity or CNG) live here too, so every feature
converts the same way."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models

KM_PER_MILE = Decimal("1.609344")
# The EPA's energy in a US gallon of gasoline, by which it rates an electric car in MPGe.
KWH_PER_US_GALLON_EQUIVALENT = Decimal("33.705")
LITRES_PER_US_GALLON = Decimal("3.785411784")
LITRES_PER_IMPERIAL_GALLON = Decimal("4.54609")


class DistanceUnit(models.TextChoices):
    KM = "km", "kilometres"
    MI = "mi", "miles"


class VolumeUnit(models.TextChoices):
    L = "l", "litres"
    US_GAL = "us_gal", "US gallons"
    IMP_GAL = "imp_gal", "imperial gallons"


class EconomyUnit(models.TextChoices):
    MPG_US = "mpg_us", "MPG (US)"
    MPG_UK = "mpg_uk", "MPG (UK)"
    L_PER_100KM = "l_100km", "L/100 km"
    KM_PER_L = "km_l", "km/L"
    MI_PER_KWH = "mi_kwh", "mi/kWh"
    KWH_PER_100KM = "kwh_100km", "kWh/100 km"


DISTANCE_SYMBOLS = {DistanceUnit.KM: "km", DistanceUnit.MI: "mi"}
VOLUME_SYMBOLS = {VolumeUnit.L: "L", VolumeUnit.US_GAL: "gal", VolumeUnit.IMP_GAL: "gal (imp)"}
_LITRES_PER = {
    VolumeUnit.L: Decimal(1),
    VolumeUnit.US_GAL: LITRES_PER_US_GALLON,
    VolumeUnit.IMP_GAL: LITRES_PER_IMPERIAL_GALLON,
}
_KM_PER = {DistanceUnit.KM: Decimal(1), DistanceUnit.MI: KM_PER_MILE}

# Economy units for liquid fuel, and for electricity; the second of each pair is "consumption"
# (lower is better), the others "distance per energy" (higher is better).
LIQUID_ECONOMY_UNITS = [EconomyUnit.MPG_US, EconomyUnit.MPG_UK, EconomyUnit.L_PER_100KM, EconomyUnit.KM_PER_L]
ELECTRIC_ECONOMY_UNITS = [EconomyUnit.MI_PER_KWH, EconomyUnit.KWH_PER_100KM]
# CNG is sold by the kilogram. Not a vehicle's choice (hence not in EconomyUnit): a CNG figure is
# always shown in kg/100 km.
KG_PER_100KM = "kg_100km"
LOWER_IS_BETTER = {EconomyUnit.L_PER_100KM, EconomyUnit.KWH_PER_100KM, KG_PER_100KM}
ECONOMY_SYMBOLS = {
    EconomyUnit.MPG_US: "MPG (US)",
    EconomyUnit.MPG_UK: "MPG (UK)",
    EconomyUnit.L_PER_100KM: "L/100 km",
    EconomyUnit.KM_PER_L: "km/L",
    EconomyUnit.MI_PER_KWH: "mi/kWh",
    EconomyUnit.KWH_PER_100KM: "kWh/100 km",
    KG_PER_100KM: "kg/100 km",
}


class QuantityUnit(models.TextChoices):
    """The canonical unit an energy is stored in: litres of a liquid, kWh of electricity, kg of CNG."""

    LITRE = "l", "L"
    KWH = "kwh", "kWh"
    KG = "kg", "kg"


class Energy(models.TextChoices):
    """What a fill-up or a charge puts in the vehicle."""

    PETROL = "petrol", "Petrol"
    DIESEL = "diesel", "Diesel"
    E85 = "e85", "E85"
    LPG = "lpg", "LPG"
    CNG = "cng", "CNG"
    ELECTRICITY = "electricity", "Electricity"


_QUANTITY_UNITS = {Energy.ELECTRICITY: QuantityUnit.KWH, Energy.CNG: QuantityUnit.KG}


def to_km(value: Decimal | None, unit: str) -> Decimal | None:
    return None if value is None else Decimal(value) * _KM_PER[DistanceUnit(unit)]


def from_km(km: Decimal | None, unit: str) -> Decimal | None:
    return None if km is None else Decimal(km) / _KM_PER[DistanceUnit(unit)]


def to_litres(value: Decimal | None, unit: str) -> Decimal | None:
    return None if value is None else Decimal(value) * _LITRES_PER[VolumeUnit(unit)]


def from_litres(litres: Decimal | None, unit: str) -> Decimal | None:
    return None if litres is None else Decimal(litres) / _LITRES_PER[VolumeUnit(unit)]


def per_litre(price: Decimal | None, unit: str) -> Decimal | None:
    """A price per ``unit`` of volume as a price per litre (the pump's price per gallon, stored)."""
    return None if price is None else Decimal(price) / _LITRES_PER[VolumeUnit(unit)]


def per_volume_unit(price_per_litre: Decimal | None, unit: str) -> Decimal | None:
    return None if price_per_litre is None else Decimal(price_per_litre) * _LITRES_PER[VolumeUnit(unit)]


def economy_unit_for(quantity_unit: str, preferred: str, distance_unit: str, volume_unit: str) -> str:
    """The unit to show economy of one energy in: the owner's choice where it fits that energy
    (a plug-in hybrid has one choice and two energies), else the customary one for their units."""
    if quantity_unit == QuantityUnit.KG:
        return KG_PER_100KM
    if quantity_unit == QuantityUnit.KWH:
        if preferred in ELECTRIC_ECONOMY_UNITS:
            return preferred
        return EconomyUnit.MI_PER_KWH if distance_unit == DistanceUnit.MI else EconomyUnit.KWH_PER_100KM
    if preferred in LIQUID_ECONOMY_UNITS:
        return preferred
    if distance_unit == DistanceUnit.MI:
        return EconomyUnit.MPG_UK if volume_unit == VolumeUnit.IMP_GAL else EconomyUnit.MPG_US
    return EconomyUnit.L_PER_100KM


def economy(distance_km: Decimal | None, quantity: Decimal | None, unit: str) -> Decimal | None:
    """Economy in ``unit`` for ``distance_km`` driven on ``quantity`` (litres; kWh for the
    electric units; kg for kg/100 km). None when either is missing or zero: no figure beats a wrong one."""
    if not distance_km or not quantity or distance_km <= 0 or quantity <= 0:
        return None
    distance_km, quantity = Decimal(distance_km), Decimal(quantity)
    if unit == KG_PER_100KM:
        return quantity * 100 / distance_km
    unit = EconomyUnit(unit)
    if unit == EconomyUnit.MPG_US:
        return (distance_km / KM_PER_MILE) / (quantity / LITRES_PER_US_GALLON)
    if unit == EconomyUnit.MPG_UK:
        return (distance_km / KM_PER_MILE) / (quantity / LITRES_PER_IMPERIAL_GALLON)
    if unit == EconomyUnit.KM_PER_L:
        return distance_km / quantity
    if unit == EconomyUnit.MI_PER_KWH:
        return (distance_km / KM_PER_MILE) / quantity
    return quantity * 100 / distance_km  # L/100 km and kWh/100 km


def rounded(value: Decimal | None, places: int = 1) -> Decimal | None:
    """Half-up rounding for display, the way people round by hand."""
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def quantity_unit(energy: str) -> QuantityUnit:
    """The canonical unit ``energy`` is stored in."""
    return _QUANTITY_UNITS.get(energy, QuantityUnit.LITRE)


def quantity_symbol(energy: str, volume_unit: str) -> str:
    unit = quantity_unit(energy)
    return VOLUME_SYMBOLS[volume_unit] if unit == QuantityUnit.LITRE else unit.label


def quantity_in(value: Decimal | None, energy: str, volume_unit: str) -> Decimal | None:
    """A quantity as entered (in ``volume_unit`` for a liquid) in the energy's canonical unit."""
    return to_litres(value, volume_unit) if quantity_unit(energy) == QuantityUnit.LITRE else value


def quantity_out(value: Decimal | None, energy: str, volume_unit: str) -> Decimal | None:
    return from_litres(value, volume_unit) if quantity_unit(energy) == QuantityUnit.LITRE else value


def price_in(value: Decimal | None, energy: str, volume_unit: str) -> Decimal | None:
    return per_litre(value, volume_unit) if quantity_unit(energy) == QuantityUnit.LITRE else value


def price_out(value: Decimal | None, energy: str, volume_unit: str) -> Decimal | None:
    return per_volume_unit(value, volume_unit) if quantity_unit(energy) == QuantityUnit.LITRE else value


def economy_unit(vehicle, energy: str) -> str:
    """The unit ``vehicle`` (anything with ``economy_unit``, ``distance_unit`` and ``volume_unit``)
    shows the economy of ``energy`` in."""
    return economy_unit_for(quantity_unit(energy), vehicle.economy_unit, vehicle.distance_unit, vehicle.volume_unit)


# What a canonical unit of each energy is worth in kWh, for one consumption of a car that runs on
# two: petrol by the EPA's gallon equivalent, electricity as it is. Others have no agreed figure here.
_KWH_EQUIVALENT = {
    Energy.PETROL: KWH_PER_US_GALLON_EQUIVALENT / LITRES_PER_US_GALLON,
    Energy.ELECTRICITY: Decimal(1),
}
MPGE, KWHE_PER_100KM = "MPGe", "kWh-e/100 km"


def kwh_equivalent(quantity: Decimal | None, energy: str) -> Decimal | None:
    """``quantity`` (canonical) of ``energy`` in kWh; None for an energy without an equivalent."""
    factor = _KWH_EQUIVALENT.get(energy)
    return None if quantity is None or factor is None else Decimal(quantity) * factor


def combined_consumption(kwh_per_km: Decimal | None, distance_unit: str) -> tuple[Decimal | None, str]:
    """Every energy together, from kWh (equivalent) per km: MPGe (miles per 33.705 kWh) for a car
    driven in miles, kWh-equivalent per 100 km otherwise."""
    if distance_unit == DistanceUnit.MI:
        return (KWH_PER_US_GALLON_EQUIVALENT / (kwh_per_km * KM_PER_MILE) if kwh_per_km else None), MPGE
    return (kwh_per_km * 100 if kwh_per_km else None), KWHE_PER_100KM
