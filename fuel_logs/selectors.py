"""Fuel values the pages (and later the API and the digest) show, memoized per user: figures,
chart series, what quick entry offers, the EPA's figures beside the owner's. Each takes plain
arguments (ids, dates) and starts from the user's rows, so what the caller passes can never widen
what it reads."""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import OuterRef, QuerySet, Subquery, Sum

from fuel_logs.analytics import Analytics, fuel_analytics, fuel_charts, period
from fuel_logs.models import FuelLog, energies_for
from motovault import formats, units
from motovault.caching import per_user
from motovault.units import Energy, QuantityUnit, economy_unit, price_out, quantity_unit
from platform_data.models import Fuel
from vehicles.access import Role
from vehicles.models import Vehicle


def _scope(user, vehicle_id: int | None, start: datetime.date | None, end: datetime.date | None):
    """The fill-ups of one vehicle (or the garage) over a period, and the vehicles they are shown for."""
    logs: QuerySet = FuelLog.objects.for_user(user)
    vehicles = Vehicle.objects.for_user(user).with_sharing().order_by("pk")
    if vehicle_id is not None:
        logs, vehicles = logs.filter(vehicle_id=vehicle_id), vehicles.filter(pk=vehicle_id)
    return period(logs, start, end), list(vehicles)


def trashed_fill_ups(user, limit: int = 100) -> list[FuelLog]:
    """The user's trashed fill-ups of live vehicles, last deleted first (the trash page's section)."""
    trashed = FuelLog.objects.trashed_for_user(user).filter(vehicle__deleted_at__isnull=True)
    return list(trashed.select_related("vehicle").order_by("-deleted_at", "-id")[:limit])


@per_user("fuel-figures")
def fuel_figures(user, vehicle_id: int | None, start: datetime.date | None, end: datetime.date | None) -> Analytics:
    return fuel_analytics(*_scope(user, vehicle_id, start, end))


@per_user("fuel-charts")
def fuel_charts_json(user, vehicle_id: int | None, start: datetime.date | None, end: datetime.date | None) -> str:
    """Chart.js data as compact JSON (no spaces after commas: they were a sixth of a garage's)."""
    charts = fuel_charts(*_scope(user, vehicle_id, start, end), formats.of(user))
    return json.dumps(charts, cls=DjangoJSONEncoder, separators=(",", ":"))


@per_user("vehicles-by-last-fill-up")
def vehicles_by_last_fill_up(user) -> list[Vehicle]:
    """The vehicles quick entry offers (those the user may log fuel for, shared ones with whose they
    are), with their current odometer and when each was last filled up (the one filled up last is
    offered first): one query."""
    newest = FuelLog.objects.filter(vehicle=OuterRef("pk"), deleted_at__isnull=True).order_by("-filled_at")
    vehicles = Vehicle.objects.for_user(user).filter(access_role__gte=Role.DRIVER).with_odometer().with_sharing()
    return list(vehicles.annotate(last_filled_at=Subquery(newest.values("filled_at")[:1])))


@per_user("fuel-last-fill-up")
def last_fill_up(user, vehicle_id: int, energy: str | None = None) -> dict:
    """The energy, grade and price (in the vehicle's units) of the vehicle's last fill-up (of
    ``energy``, when given: a plug-in hybrid's last charge for a charge), as a new one most likely
    repeats them; empty when it has none."""
    logs = FuelLog.objects.for_user(user).filter(vehicle_id=vehicle_id)
    if energy:
        logs = logs.filter(energy=energy)
    last = logs.select_related("vehicle").order_by("-filled_at", "-id").first()
    if last is None:
        return {}
    price = price_out(last.price_per_unit, last.energy, last.vehicle.volume_unit)
    return {"energy": last.energy, "fuel_grade": last.fuel_grade, "price": price}


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


@per_user("epa-economy")
def epa_economy(user, vehicle_id: int, catalog_version: str | None) -> EpaEconomy | None:
    """The EPA's figures beside the owner's measured economy; None when the vehicle's catalog
    configuration has none (it was typed in, or it comes from vPIC, which has no figures).
    ``catalog_version`` (``platform_data.lookups.version()``) keys it to the catalog too: an
    administrator's edit of the figures shows at once."""
    vehicle = Vehicle.objects.for_user(user).select_related("configuration").filter(pk=vehicle_id).first()
    configuration = vehicle.configuration if vehicle is not None else None
    if configuration is None or not configuration.has_economy:
        return None
    energy = Energy.ELECTRICITY if configuration.fuel == Fuel.ELECTRICITY else energies_for(vehicle)[0]
    if quantity_unit(energy) == QuantityUnit.KG:
        return None  # CNG is rated per gasoline-gallon equivalent; a figure in kg would be a guess
    unit = economy_unit(vehicle, energy)
    gallon = units.KWH_PER_US_GALLON_EQUIVALENT if energy == Energy.ELECTRICITY else units.LITRES_PER_US_GALLON

    def converted(mpg: Decimal) -> Decimal:
        return units.rounded(units.economy(mpg * units.KM_PER_MILE, gallon, unit), 1)

    city, highway = Decimal(configuration.city_mpg), Decimal(configuration.highway_mpg)
    combined = 1 / (Decimal("0.55") / city + Decimal("0.45") / highway)  # the EPA's weighting
    totals = (
        FuelLog.objects.for_user(user)
        .filter(vehicle=vehicle, energy=energy)
        .complete_segments()
        .aggregate(distance=Sum("segment_distance_km"), fuel=Sum("segment_quantity"))
    )
    measured = units.economy(totals["distance"], totals["fuel"], unit)
    return EpaEconomy(
        unit=unit,
        measured=units.rounded(measured, 1),
        city=converted(city),
        highway=converted(highway),
        combined=converted(combined),
    )
