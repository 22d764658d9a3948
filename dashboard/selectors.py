"""The home page's values, memoized per user and keyed by ``today`` and the period: what each vehicle
cost (every registered cost source, plus the value it lost), spend by month and by category, the
distance driven, what is due next and where fuel is cheapest.

Every value here costs a constant number of queries whatever the number of vehicles and records:
one for the vehicles, one per cost source, one per odometer source.
"""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import DateField, DateTimeField, Max, Min, Sum
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone

from dashboard import cheapest
from dashboard.ownership import CENT, Ownership, months_between
from fuel_logs.analytics import VehicleFigures
from fuel_logs.models import FuelLog, energies_for
from fuel_logs.selectors import fuel_figures, vehicles_by_last_fill_up
from motovault import formats, units
from motovault.caching import per_user
from motovault.clock import zone as zone_of
from motovault.units import Energy
from vehicles import costs, due, odometer
from vehicles.models import Vehicle

DEPRECIATION = "depreciation"
PURCHASE = "purchase"


@dataclass
class VehicleGlance:
    vehicle: Vehicle
    days_since_fill_up: int | None


@dataclass
class Glance:
    vehicles: list[VehicleGlance]
    month: datetime.date  # its first day
    month_fuel_spend: Decimal


@per_user("dashboard-glance")
def glance(user, today: datetime.date) -> Glance:
    """The garage on ``today`` (the user's day): each vehicle with its odometer and the days since
    its last fill-up, and the fuel bought since the first of the month."""
    zone = zone_of(user)
    first_of_month = today.replace(day=1)
    since = datetime.datetime.combine(first_of_month, datetime.time(), zone)
    until = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(), zone)
    spend = FuelLog.objects.for_user(user).filter(filled_at__gte=since, filled_at__lt=until)
    spend = spend.aggregate(total=Sum("total_cost"))["total"] or Decimal(0)
    vehicles = [
        VehicleGlance(
            vehicle, (today - timezone.localdate(vehicle.last_filled_at, zone)).days if vehicle.last_filled_at else None
        )
        for vehicle in vehicles_by_last_fill_up(user)
    ]
    return Glance(vehicles, first_of_month, spend)


@dataclass(frozen=True)
class Capital:
    """What of the purchase a total counts: the purchase price, the value lost, or neither. With
    both asked, the price paid is counted and the value lost is not (it is part of that price)."""

    purchase: bool
    depreciation: bool


@dataclass
class Figures:
    total: Decimal
    per_month: Decimal | None
    per_distance: Decimal | None  # per the vehicle's distance unit


@dataclass
class VehicleCost:
    """One vehicle's cost over a period (the days it was owned within it)."""

    vehicle: Vehicle
    by_source: dict[str, Decimal]  # category -> amount
    purchase: Decimal | None  # the purchase price, if bought within the period
    depreciation: Decimal | None  # value lost within the period; None: unknown
    basis: str  # how the value is known (see Ownership.basis)
    value_now: Decimal | None  # its value on the period's last day
    first_day: datetime.date
    last_day: datetime.date
    distance_km: Decimal

    @property
    def running(self) -> Decimal:
        return sum(self.by_source.values(), Decimal("0.00"))

    @property
    def with_depreciation(self) -> Decimal:
        return self.running + (self.depreciation or 0)

    @property
    def months(self) -> Decimal:
        return months_between(self.first_day, self.last_day) if self.last_day >= self.first_day else Decimal(0)

    @property
    def distance(self) -> Decimal:
        """The distance in the vehicle's own unit."""
        return units.from_km(self.distance_km, self.vehicle.distance_unit)

    @property
    def distance_per_month(self) -> Decimal | None:
        return self.distance / self.months if self.months else None

    def capital(self, counted: Capital) -> Decimal:
        if counted.purchase:
            return self.purchase or Decimal(0)
        if counted.depreciation:
            return self.depreciation or Decimal(0)
        return Decimal(0)

    def figures(self, counted: Capital) -> Figures:
        total = self.running + self.capital(counted)
        per_month = (total / self.months).quantize(CENT) if self.months else None
        per_distance = (total / self.distance).quantize(Decimal("0.001")) if self.distance else None
        return Figures(total, per_month, per_distance)


@dataclass
class GarageCosts:
    """The garage over a period: each vehicle's cost, and the spend per month and category."""

    start: datetime.date | None
    end: datetime.date | None
    vehicles: list[VehicleCost]
    sources: list[tuple[str, str]]  # (category, label) of every registered source, in order
    months: dict[datetime.date, dict[str, Decimal]] = field(default_factory=dict)  # month -> category -> amount
    distance_months: dict[int, dict[datetime.date, Decimal]] = field(default_factory=dict)  # vehicle -> month -> km

    def by_source(self) -> list[tuple[str, str, Decimal]]:
        totals = defaultdict(Decimal)
        for cost in self.vehicles:
            for category, amount in cost.by_source.items():
                totals[category] += amount
        return [(category, label, totals[category]) for category, label in self.sources]

    @property
    def running(self) -> Decimal:
        return sum((cost.running for cost in self.vehicles), Decimal("0.00"))

    @property
    def depreciation(self) -> Decimal:
        return sum((cost.depreciation or 0 for cost in self.vehicles), Decimal("0.00"))

    @property
    def has_costs(self) -> bool:
        return bool(self.months) or any(cost.depreciation for cost in self.vehicles)


def _month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _odometer_months(user, vehicle_ids: list[int]) -> dict[int, dict[datetime.date, tuple[Decimal, Decimal]]]:
    """Each vehicle's lowest and highest live reading of each month, from every odometer source,
    months in the user's time zone: one query, the sources' months merged in SQL."""
    parts = []
    for source in odometer.SOURCES:
        is_moment = isinstance(source.model._meta.get_field(source.date_field), DateTimeField)
        month = TruncMonth(source.date_field, tzinfo=zone_of(user)) if is_moment else TruncMonth(source.date_field)
        parts.append(
            source.model.objects.for_user(user)
            .filter(vehicle_id__in=vehicle_ids)
            .values("vehicle_id", month=Cast(month, DateField()))
            .annotate(low=Min("odometer_km"), high=Max("odometer_km"))
            .order_by()
        )
    readings: dict[int, dict[datetime.date, tuple[Decimal, Decimal]]] = defaultdict(dict)
    try:
        sql, params = parts[0].union(*parts[1:], all=True).query.sql_with_params()
    except EmptyResultSet:  # no vehicle: no reading
        return readings
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT vehicle_id, month, MIN(low), MAX(high) FROM ({sql}) AS months GROUP BY 1, 2", params)
        for vehicle_id, day, low, high in cursor.fetchall():
            readings[vehicle_id][day] = (low, high)
    return readings


def distance_by_month(
    months: dict[datetime.date, tuple[Decimal, Decimal]], purchase_odometer_km: Decimal | None
) -> dict[datetime.date, Decimal]:
    """The distance driven each month: its highest reading less the highest before it (the first
    month: less the odometer at purchase, or its own lowest reading). A month with no reading
    shows nothing; its distance counts in the next month that has one."""
    driven, previous = {}, purchase_odometer_km
    for month in sorted(months):
        low, high = months[month]
        base = previous if previous is not None else low
        driven[month] = max(high - base, Decimal(0))
        previous = max(high, base)
    return driven


def _in(month: datetime.date, start: datetime.date | None, end: datetime.date | None) -> bool:
    return (start is None or month >= _month_of(start)) and (end is None or month <= end)


@per_user("garage-costs")
def garage_costs(
    user, today: datetime.date, start: datetime.date | None, end: datetime.date | None, vehicle_id: int | None = None
) -> GarageCosts:
    """Every live vehicle's (or one's) cost over ``[start, end]`` (open ends: all of it, to
    ``today``): each cost source's amounts, the purchase, the value lost, the distance driven."""
    vehicles = list(Vehicle.objects.for_user(user).filter(**({"pk": vehicle_id} if vehicle_id else {})))
    ids = [vehicle.pk for vehicle in vehicles]
    garage = GarageCosts(start, end, [], [(source.category, source.label) for source in costs.SOURCES])
    spent: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    first_month: dict[int, datetime.date] = {}
    months: dict[datetime.date, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for source in costs.SOURCES:
        found = costs.totals(source, user, ids, start, end)
        for vehicle_id, (amount, first) in found.vehicles.items():
            spent[vehicle_id][source.category] += amount
            first_month[vehicle_id] = min(first, first_month.get(vehicle_id, first))
        for month, amount in found.months.items():
            months[month][source.category] += amount
    readings = _odometer_months(user, ids)
    for vehicle in vehicles:
        ownership = Ownership.of(vehicle, today)
        driven = distance_by_month(readings.get(vehicle.pk, {}), vehicle.purchase_odometer_km)
        began = [day for day in (vehicle.purchase_date, first_month.get(vehicle.pk), min(driven, default=None)) if day]
        first_day = max(start, min(began)) if start and began else (min(began) if began else start or today)
        last_day = min(end, ownership.last_day) if end else ownership.last_day
        garage.distance_months[vehicle.pk] = {month: km for month, km in driven.items() if _in(month, start, end)}
        garage.vehicles.append(
            VehicleCost(
                vehicle=vehicle,
                by_source={category: spent[vehicle.pk][category] for category, _ in garage.sources},
                purchase=ownership.purchase_in(start, end),
                depreciation=ownership.value_lost(start, end),
                basis=ownership.basis,
                value_now=ownership.value_on(last_day),
                first_day=first_day,
                last_day=last_day,
                distance_km=sum(garage.distance_months[vehicle.pk].values(), Decimal(0)),
            )
        )
    garage.months = {month: dict(amounts) for month, amounts in sorted(months.items())}
    return garage


@per_user("home-state")
def home_state(user, today: datetime.date, start: datetime.date | None, end: datetime.date | None) -> str:
    """What the home page shows: "empty" (no vehicle: add one), "start" (nothing to count yet: log a
    fill-up), "costs" (the dashboard). A word, so a warm page reads it rather than the garage's costs.
    Without a period the page's own all-time costs answer it (one computation for both); with one,
    all time is asked only as a yes/no (EXISTS), not summed."""
    if start is None and end is None:
        garage = garage_costs(user, today, None, None, None)  # the key the page itself uses
        return "costs" if garage.has_costs else "start" if garage.vehicles else "empty"
    vehicles = list(Vehicle.objects.for_user(user))
    if not vehicles:
        return "empty"
    if any(Ownership.of(vehicle, today).value_lost(None, None) for vehicle in vehicles):
        return "costs"  # GarageCosts.has_costs: depreciation, or any cost at all
    ids = [vehicle.pk for vehicle in vehicles]
    return "costs" if any(source.any(user, ids) for source in costs.SOURCES) else "start"


def _chart_months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every month from ``first`` to ``last``, gaps included (a month with no spend is a zero)."""
    found, month = [], first
    while month <= last:
        found.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return found


def _amount(value: Decimal) -> float:
    return float(units.rounded(value, 2))


@per_user("garage-costs-charts")
def costs_charts_json(
    user, today: datetime.date, start: datetime.date | None, end: datetime.date | None, vehicle_id: int | None = None
) -> str:
    """The charts of the spend by month (stacked by category), by category, and (for one vehicle)
    the distance per month, as Chart.js data for ``fuel_logs/charts.js``."""
    garage = garage_costs(user, today, start, end, vehicle_id)
    chosen = formats.of(user)
    money = f"Spent ({formats.currency_symbol(chosen)})"
    charts = {}
    if garage.months:
        labels = _chart_months(min(garage.months), max(garage.months))
        datasets = [
            {
                "label": label,
                "colour": colour,
                "data": [_amount(garage.months.get(month, {}).get(category, 0)) for month in labels],
            }
            for colour, (category, label, total) in enumerate(garage.by_source())
            if total
        ]
        charts["spend"] = {
            "type": "bar",
            "title": "Spend by month",
            "x": "Month",
            "y": money,
            "stacked": True,
            "labels": [formats.month(month, chosen) for month in labels],
            "datasets": datasets,
        }
    categories = [(label, total) for _, label, total in garage.by_source() if total]
    if garage.depreciation:
        categories.append(("Value lost", garage.depreciation))
    if categories:
        charts["categories"] = {
            "type": "bar",
            "title": "Spend by category",
            "x": "Category",
            "y": money,
            "labels": [label for label, _ in categories],
            "datasets": [{"label": "Spent", "colour": 0, "data": [_amount(total) for _, total in categories]}],
        }
    if vehicle_id and garage.vehicles and garage.distance_months.get(vehicle_id):
        vehicle, driven = garage.vehicles[0].vehicle, garage.distance_months[vehicle_id]
        labels = _chart_months(min(driven), max(driven))
        charts["distance"] = {
            "type": "bar",
            "title": "Distance per month",
            "x": "Month",
            "y": f"Distance ({vehicle.distance_unit})",
            "labels": [formats.month(month, chosen) for month in labels],
            "datasets": [
                {
                    "label": f"Distance ({vehicle.distance_unit})",
                    "colour": 0,
                    "data": [
                        float(units.rounded(units.from_km(driven.get(month, 0), vehicle.distance_unit), 0))
                        for month in labels
                    ],
                }
            ],
        }
    return json.dumps(charts, cls=DjangoJSONEncoder, separators=(",", ":"))


@dataclass
class Economy:
    """One energy's economy, in the vehicle's unit for it."""

    energy: str
    unit: str
    average: Decimal | None  # all complete segments' distance over their fuel
    last: Decimal | None  # the latest complete segment
    recent: Decimal | None  # the last RECENT complete segments together
    trend: str  # "better", "worse", "steady" or "" (too few segments)

    @property
    def label(self) -> str:
        return Energy(self.energy).label

    @property
    def symbol(self) -> str:
        return units.ECONOMY_SYMBOLS[self.unit]


RECENT = 5
STEADY = Decimal("0.03")  # within 3 % of the average is steady


@per_user("vehicle-economy")
def economy(user, vehicle_id: int) -> list[Economy]:
    """Last, average and the trend of the recent segments against the average, for each energy the
    vehicle uses (a plug-in hybrid has two): two queries an energy."""
    vehicle = Vehicle.objects.for_user(user).get(pk=vehicle_id)
    found = []
    for energy in energies_for(vehicle):
        segments = FuelLog.objects.for_user(user).filter(
            vehicle=vehicle, energy=energy, segment_distance_km__isnull=False
        )
        totals = segments.aggregate(distance=Sum("segment_distance_km"), fuel=Sum("segment_quantity"))
        if totals["distance"] is None:
            continue
        latest = list(
            segments.order_by("-filled_at", "-id").values_list("segment_distance_km", "segment_quantity")[:RECENT]
        )
        unit = units.economy_unit(vehicle, energy)
        recent_distance, recent_fuel = sum(row[0] for row in latest), sum(row[1] for row in latest)
        trend = ""
        if len(latest) == RECENT and totals["fuel"]:
            ratio = (recent_distance / recent_fuel) / (
                totals["distance"] / totals["fuel"]
            ) - 1  # distance per fuel: up is better
            trend = "steady" if abs(ratio) <= STEADY else ("better" if ratio > 0 else "worse")
        found.append(
            Economy(
                energy=energy,
                unit=unit,
                average=units.rounded(units.economy(totals["distance"], totals["fuel"], unit), 1),
                last=units.rounded(units.economy(latest[0][0], latest[0][1], unit), 1),
                recent=units.rounded(units.economy(recent_distance, recent_fuel, unit), 1) if trend else None,
                trend=trend,
            )
        )
    return found


def energies_together(user, vehicle: Vehicle) -> VehicleFigures | None:
    """What the fuel analytics says of a vehicle on two energies whose fill-ups do not say how far
    it went on each (a plug-in hybrid without the split): the combined consumption and the cost
    per distance, which need no split. None for a vehicle on one energy (no query) or with the split."""
    if len(energies_for(vehicle)) < 2:
        return None
    figures = fuel_figures(user, vehicle.pk, None, None).vehicles
    return figures[0] if figures and figures[0].needs_split else None


@dataclass
class ReportMonth:
    month: datetime.date
    by_source: dict[str, Decimal]
    depreciation: Decimal | None
    distance_km: Decimal

    @property
    def running(self) -> Decimal:
        return sum(self.by_source.values(), Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        return self.running + (self.depreciation or 0)


@dataclass
class YearReport:
    year: int
    cost: VehicleCost  # the whole year
    months: list[ReportMonth]
    sources: list[tuple[str, str]]


@per_user("year-report")
def year_report(user, vehicle_id: int, year: int, today: datetime.date) -> YearReport:
    """A vehicle's year, month by month: each source's spend, the value lost and the distance."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    garage = garage_costs(user, today, start, end, vehicle_id)
    cost = garage.vehicles[0]
    ownership = Ownership.of(cost.vehicle, today)
    months = []
    for month in _chart_months(start, min(end, today)):
        month_end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        amounts = garage.months.get(month, {})
        months.append(
            ReportMonth(
                month=month,
                by_source={category: amounts.get(category, Decimal("0.00")) for category, _ in garage.sources},
                depreciation=ownership.value_lost(month, month_end),
                distance_km=garage.distance_months[vehicle_id].get(month, Decimal(0)),
            )
        )
    return YearReport(year, cost, months, garage.sources)


def report_years(vehicle: Vehicle, today: datetime.date) -> list[int]:
    """The years a report can cover: from the purchase (or the vehicle's creation) to its sale or today."""
    first = (vehicle.purchase_date or timezone.localdate(vehicle.created_at)).year
    return list(range((vehicle.sold_date or today).year, min(first, today.year) - 1, -1))


@per_user("due-next")
def due_next(user, today: datetime.date, limit: int = 8) -> list[tuple[Vehicle, due.DueItem]]:
    """What falls due first across the garage (vehicles neither trashed nor sold), worst first."""
    if not due.PROVIDERS:
        return []
    vehicles = {vehicle.pk: vehicle for vehicle in Vehicle.objects.for_user(user).filter(sold_date__isnull=True)}
    items = [item for provider in due.PROVIDERS for item in provider(user, list(vehicles), today)]
    items.sort(key=lambda item: (-item.state, item.due_date or datetime.date.max, item.key))
    return [(vehicles[item.vehicle_id], item) for item in items[:limit] if item.vehicle_id in vehicles]


@dataclass(frozen=True)
class ShownPrice:
    """A station's price as the user reads it: per their volume unit (or kWh, kg)."""

    price: cheapest.FuelPrice
    per_unit: Decimal
    symbol: str

    @property
    def energy(self) -> str:
        return Energy(self.price.energy).label


@per_user("cheapest-fuel")
def cheapest_fuel(user, today: datetime.date) -> list[ShownPrice]:
    """The lowest prices the stations feature knows for what the user bought this last year."""
    if not cheapest.PROVIDERS:
        return []
    since = today - datetime.timedelta(days=365)
    bought = (
        FuelLog.objects.for_user(user)
        .filter(filled_at__date__gte=since)
        .values_list("energy", "fuel_grade")
        .distinct()
        .order_by()
    )
    wanted = sorted(set(bought))
    if not wanted:
        return []
    found = [price for provider in cheapest.PROVIDERS for price in provider(user, wanted, today)]
    return [
        ShownPrice(
            price,
            units.price_out(price.price, price.energy, user.volume_unit),
            units.quantity_symbol(price.energy, user.volume_unit),
        )
        for price in found
    ]
