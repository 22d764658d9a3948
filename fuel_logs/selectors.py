"""What a vehicle's pages show beside its own fuel figures: the EPA's, in the owner's units."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from fuel_logs.models import Energy, economy_unit, energies_for, quantity_unit
from motovault import units
from motovault.units import QuantityUnit
from platform_data.models import Fuel
from vehicles.models import Vehicle

# The EPA's energy in a US gallon of gasoline, by which it rates an electric car in MPGe.
KWH_PER_US_GALLON_EQUIVALENT = Decimal("33.705")


@dataclass(frozen=True)
class EpaEconomy:
    """The EPA's city, highway and combined figures for the vehicle's configuration, and the
    owner's own average over all their fill-ups (None before two full ones), in ``unit``."""

    unit: str
    measured: Decimal | None
    city: Decimal
    highway: Decimal
    combined: Decimal

    @property
    def symbol(self) -> str:
        return units.ECONOMY_SYMBOLS[self.unit]


def epa_economy(vehicle: Vehicle) -> EpaEconomy | None:
    """The EPA's figures beside the owner's measured economy; None when the vehicle's catalog
    configuration has none (it was typed in, or it comes from vPIC, which has no figures)."""
    configuration = vehicle.configuration if vehicle.configuration_id else None
    if configuration is None or not configuration.has_economy:
        return None
    energy = Energy.ELECTRICITY if configuration.fuel == Fuel.ELECTRICITY else energies_for(vehicle)[0]
    if quantity_unit(energy) == QuantityUnit.KG:
        return None  # CNG is rated per gasoline-gallon equivalent; a figure in kg would be a guess
    unit = economy_unit(vehicle, energy)
    gallon = KWH_PER_US_GALLON_EQUIVALENT if energy == Energy.ELECTRICITY else units.LITRES_PER_US_GALLON

    def converted(mpg: Decimal) -> Decimal:
        return units.rounded(units.economy(mpg * units.KM_PER_MILE, gallon, unit), 1)

    city, highway = Decimal(configuration.city_mpg), Decimal(configuration.highway_mpg)
    combined = 1 / (Decimal("0.55") / city + Decimal("0.45") / highway)  # the EPA's weighting
    # The vehicle was fetched for its owner: its fill-ups are theirs.
    totals = vehicle.fuellogs.filter(deleted_at__isnull=True, energy=energy).aggregate(
        distance=Sum("segment_distance_km"), fuel=Sum("segment_quantity")
    )
    measured = units.economy(totals["distance"], totals["fuel"], unit)
    return EpaEconomy(
        unit=unit,
        measured=units.rounded(measured, 1),
        city=converted(city),
        highway=converted(highway),
        combined=converted(combined),
    )
