"""Fuel figures and chart series, for one vehicle or the whole garage, each from GROUP BY queries
whatever the number of fill-ups: averages are sums of the stored segment figures (total
distance over total fuel, weighted by distance), never a mean of per-fill-up figures."""

import datetime
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Trunc
from django.utils import timezone

from fuel_logs.models import energy_rank
from motovault import formats, units
from motovault.units import Energy, economy_unit, price_out, quantity_symbol
from vehicles.models import Vehicle


@dataclass
class EnergyFigures:
    """One vehicle's figures for one energy over the period, in the vehicle's units."""

    energy: str
    fills: int
    spend: Decimal
    economy_unit: str
    average: Decimal | None  # weighted: all complete segments' distance over their fuel
    best: Decimal | None
    price: Decimal | None  # average price paid per unit (spend over quantity)
    quantity_symbol: str
    cost_per_km: Decimal | None  # fuel cost of complete segments over their odometer distance
    kwh_per_km: Decimal | None  # their energy (kWh, or its equivalent) over that distance
    needs_split: bool  # segments, but none says how much of their distance was on this energy

    @property
    def label(self) -> str:
        return Energy(self.energy).label

    @property
    def economy_symbol(self) -> str:
        return units.ECONOMY_SYMBOLS[self.economy_unit]


@dataclass
class VehicleFigures:
    vehicle: Vehicle
    energies: list[EnergyFigures] = field(default_factory=list)

    @property
    def spend(self) -> Decimal:
        return sum((figures.spend for figures in self.energies), Decimal(0))

    @property
    def fills(self) -> int:
        return sum(figures.fills for figures in self.energies)

    @property
    def cost_per_distance(self) -> Decimal | None:
        """One cost per distance for every energy together: each energy's cost per km is
        measured over all the distance driven, so they add up."""
        per_km = [figures.cost_per_km for figures in self.energies if figures.cost_per_km is not None]
        if not per_km:
            return None
        return sum(per_km) * units.to_km(Decimal(1), self.vehicle.distance_unit)

    @property
    def distance_symbol(self) -> str:
        return units.DISTANCE_SYMBOLS[self.vehicle.distance_unit]

    @property
    def needs_split(self) -> bool:
        return any(figures.needs_split for figures in self.energies)

    @property
    def combined(self) -> tuple[Decimal | None, str]:
        """One consumption for a vehicle that runs on two energies (MPGe or kWh-e/100 km), added
        up like the cost per distance: well defined without knowing how the distance split.
        None for one energy, or when one has no kWh equivalent."""
        measured = [figures for figures in self.energies if figures.cost_per_km is not None]
        if len(measured) < 2 or any(figures.kwh_per_km is None for figures in measured):
            return units.combined_consumption(None, self.vehicle.distance_unit)
        return units.combined_consumption(sum(f.kwh_per_km for f in measured), self.vehicle.distance_unit)


@dataclass
class Analytics:
    vehicles: list[VehicleFigures]
    spend: Decimal
    fills: int
    months: int

    @property
    def needs_split(self) -> bool:
        return any(figures.needs_split for figures in self.vehicles)

    @property
    def spend_per_month(self) -> Decimal | None:
        return self.spend / self.months if self.months else None


def period(logs: QuerySet, start: datetime.date | None, end: datetime.date | None) -> QuerySet:
    """Fill-ups from the start of ``start`` to the end of ``end``, local time; bounds on the
    column itself, so the (vehicle, filled_at) and (owner, filled_at) indexes serve them. A day
    at the very edge of the calendar (a date picker offers 9999-12-31) bounds nothing: its midnight
    in another time zone, or the day after it, is past what a datetime holds."""
    if start and start > _EARLIEST:
        logs = logs.filter(filled_at__gte=_midnight(start))
    if end and end < _LATEST:
        logs = logs.filter(filled_at__lt=_midnight(end + datetime.timedelta(days=1)))
    return logs


_EARLIEST, _LATEST = datetime.date.min + datetime.timedelta(days=1), datetime.date.max - datetime.timedelta(days=1)


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


# Chart buckets, finest first, with their length in days, how the x axis is titled and how a
# bucket (its first day) is written, in the user's date format.
BUCKETS = {
    "day": (1, "Day", formats.day),
    "week": (7, "Week from", formats.day),
    "month": (30.44, "Month", formats.month),
    "quarter": (91.31, "Quarter", lambda start, chosen: f"Q{(start.month - 1) // 3 + 1} {start.year}"),
    "year": (365.25, "Year", lambda start, chosen: f"{start.year}"),
}
# How many points a line may have: a few hundred is what a chart can show, and what keeps the chart
# data of decades of a garage's fill-ups quick to compute; the garage draws a line per vehicle.
MAX_POINTS = {False: 200, True: 60}


def _bucket(first: datetime.datetime | None, last: datetime.datetime | None, garage: bool) -> str:
    """The finest bucket that keeps a line within ``MAX_POINTS``: by day over a few months, by week
    over a few years, then by month, quarter or year."""
    span = (last - first).days + 1 if first and last else 0
    for kind, (days, _, _) in BUCKETS.items():
        if span / days <= MAX_POINTS[garage]:
            return kind
    return "year"


def _cost_bucket(kind: str) -> str:
    """Spend is shown per month, or per the points' bucket when that is coarser."""
    kinds = list(BUCKETS)
    return kind if kinds.index(kind) > kinds.index("month") else "month"


def fuel_analytics(logs: QuerySet, vehicles: list[Vehicle]) -> Analytics:
    """Figures of ``logs`` (already scoped to the user and the period) for ``vehicles``."""
    by_id = {vehicle.pk: vehicle for vehicle in vehicles}
    summary = (
        logs.order_by()
        .values("vehicle_id", "energy")
        .annotate(
            fills=Count("id"),
            spend=Sum("total_cost"),
            quantity=Sum("quantity"),
            distance=Sum("segment_distance_km"),
            fuel=Sum("segment_quantity", filter=Q(segment_distance_km__isnull=False)),
            odometer=Sum("segment_odometer_km"),
            segment_fuel=Sum("segment_quantity"),
            cost=Sum("segment_cost"),
            best=Max(F("segment_distance_km") / F("segment_quantity")),
            first=Min("filled_at"),
            last=Max("filled_at"),
        )
        .order_by("vehicle_id", "energy")
    )
    figures = {pk: VehicleFigures(vehicle) for pk, vehicle in by_id.items()}
    first = last = None
    for row in summary:
        vehicle = by_id[row["vehicle_id"]]
        figures[vehicle.pk].energies.append(_energy_figures(vehicle, row))
        first = min(first or row["first"], row["first"])
        last = max(last or row["last"], row["last"])

    for vehicle_figures in figures.values():
        vehicle_figures.energies.sort(key=lambda energy: energy_rank(vehicle_figures.vehicle, energy.energy))

    months = _months_between(first, last)
    spend = sum((vehicle_figures.spend for vehicle_figures in figures.values()), Decimal(0))
    vehicle_figures = [figures[vehicle.pk] for vehicle in vehicles if figures[vehicle.pk].energies]
    return Analytics(vehicle_figures, spend, sum(f.fills for f in vehicle_figures), months)


def fuel_charts(logs: QuerySet, vehicles: list[Vehicle], chosen: formats.Formats) -> dict:
    """Chart.js data of ``logs`` (scoped as above), one chart per unit so no axis mixes two: the
    economy in each unit the vehicles show it in, the cost per month (or coarser) stacked by vehicle
    and energy, the price paid per each unit of quantity. Dates and money as the user ``chosen``."""
    by_id = {vehicle.pk: vehicle for vehicle in vehicles}
    # The span from the ends of each vehicle's (vehicle, filled_at) index, not a pass over every row.
    ends = logs.filter(vehicle=OuterRef("pk")).order_by().values("filled_at")
    span = Vehicle.objects.filter(pk__in=by_id).aggregate(
        first=Min(Subquery(ends.order_by("filled_at")[:1])), last=Max(Subquery(ends.order_by("-filled_at")[:1]))
    )
    kind = _bucket(span["first"], span["last"], garage=len(vehicles) > 1)
    points, spend = _chart_rows(logs, kind)
    draw = _Charts(by_id, chosen, {(row["vehicle_id"], row["energy"]) for row in points})
    economy, prices = defaultdict(list), defaultdict(list)
    for row in points:
        vehicle = by_id[row["vehicle_id"]]
        if row["distance"]:  # only points where a segment closed
            economy[economy_unit(vehicle, row["energy"])].append(row)
        prices[quantity_symbol(row["energy"], vehicle.volume_unit)].append(row)

    charts = {}
    for unit, rows in sorted(economy.items(), key=lambda item: _ECONOMY_ORDER.index(item[0])):
        charts[f"economy-{unit}"] = draw.economy(rows, kind, unit)
    cost_kind = _cost_bucket(kind)
    charts["cost"] = draw.chart(
        spend, cost_kind, "bar", f"Fuel cost per {cost_kind}", f"Cost ({draw.currency})", "spend", stacked=True
    )
    for symbol, rows in prices.items():
        charts[f"price-{symbol}"] = draw.price(rows, kind, symbol)
    return charts


_ECONOMY_ORDER = [*units.LIQUID_ECONOMY_UNITS, *units.ELECTRIC_ECONOMY_UNITS, units.KG_PER_100KM]
SUMS = {
    "spend": Sum("total_cost"),
    "quantity": Sum("quantity"),
    "distance": Sum("segment_distance_km"),
    "fuel": Sum("segment_quantity", filter=Q(segment_distance_km__isnull=False)),
}


def _chart_rows(logs: QuerySet, kind: str) -> tuple[list[dict], list[dict]]:
    """The charts' points (per ``kind`` bucket, vehicle and energy) and each spend period's spend
    per vehicle and energy (see ``_cost_bucket``), from one pass over the fill-ups: grouped by
    period and bucket together (a week that spans two months comes in two parts), then added up
    each way. Sums add, so both are exact. ``MAX_POINTS`` bounds how many groups there are,
    whatever the number of fill-ups."""
    rows = (
        logs.order_by()
        .annotate(period=Trunc("filled_at", _cost_bucket(kind)), bucket=Trunc("filled_at", kind))
        .values("period", "bucket", "vehicle_id", "energy")
        .annotate(**SUMS)
    )
    points: dict[tuple, dict] = {}
    spend: dict[tuple, Decimal] = defaultdict(Decimal)
    for row in rows:
        spend[row["period"].date(), row["vehicle_id"], row["energy"]] += row["spend"]
        key = (row["bucket"].date(), row["vehicle_id"], row["energy"])
        point = points.setdefault(key, {"at": key[0], "vehicle_id": key[1], "energy": key[2], **dict.fromkeys(SUMS)})
        for name in SUMS:
            if row[name] is not None:
                point[name] = row[name] if point[name] is None else point[name] + row[name]
    spend_rows = [
        {"at": at, "vehicle_id": pk, "energy": energy, "spend": total} for (at, pk, energy), total in spend.items()
    ]
    return list(points.values()), spend_rows


class _Charts:
    """Chart.js specs of one page's vehicles, each with its axes' titles; a dataset per vehicle
    and energy, named after both, aligned on the chart's buckets with gaps as null, and with the
    same colour (an index into the script's palette) in every chart of the page."""

    def __init__(self, by_id: dict[int, Vehicle], chosen: formats.Formats, keys: set[tuple[int, str]]) -> None:
        self.by_id, self.formats = by_id, chosen
        self.currency = formats.currency_symbol(chosen)
        self.colours = {key: index for index, key in enumerate(sorted(keys, key=self._rank))}

    def _rank(self, key: tuple[int, str]) -> tuple[int, int]:
        """Datasets in the page's vehicle order, each vehicle's usual energy first."""
        vehicle_id, energy = key
        return list(self.by_id).index(vehicle_id), energy_rank(self.by_id[vehicle_id], energy)

    def economy(self, rows: list[dict], kind: str, unit: str) -> dict:
        def figure(row: dict) -> Decimal | None:
            return units.economy(row["distance"], row["fuel"], unit)

        symbol = units.ECONOMY_SYMBOLS[unit]
        better = "lower" if unit in units.LOWER_IS_BETTER else "higher"
        title = f"{'Consumption' if better == 'lower' else 'Economy'} in {symbol} ({better} is better)"
        return self.chart(rows, kind, "line", title, symbol, figure)

    def price(self, rows: list[dict], kind: str, symbol: str) -> dict:
        def price(row: dict) -> Decimal:
            volume_unit = self.by_id[row["vehicle_id"]].volume_unit
            return price_out(row["spend"] / row["quantity"], row["energy"], volume_unit)

        # pump prices have three places
        return self.chart(rows, kind, "line", f"Price per {symbol}", f"{self.currency} per {symbol}", price, places=3)

    def chart(self, rows, kind: str, shape: str, title: str, y: str, value, places: int = 2, stacked=False) -> dict:
        """``value``: a row's number (or the name of the row's field holding it)."""
        if isinstance(value, str):
            value = operator.itemgetter(value)
        days = sorted({row["at"] for row in rows})
        data: dict[tuple, dict] = defaultdict(dict)
        for row in rows:
            number = value(row)
            if number is not None:
                data[row["vehicle_id"], row["energy"]][row["at"]] = float(units.rounded(number, places))
        _, x, label = BUCKETS[kind]
        return {
            "type": shape,
            "title": title,
            "x": x,
            "y": y,
            "stacked": stacked,
            "labels": [label(day, self.formats) for day in days],
            "datasets": [
                {
                    "label": f"{self.by_id[pk]} · {Energy(energy).label}",
                    "colour": self.colours[pk, energy],
                    "data": [data[pk, energy].get(day) for day in days],
                }
                for pk, energy in sorted(data, key=self._rank)
            ],
        }


def _energy_figures(vehicle: Vehicle, row: dict) -> EnergyFigures:
    energy, unit = row["energy"], economy_unit(vehicle, row["energy"])
    distance, fuel, cost, odometer = row["distance"], row["fuel"], row["cost"], row["odometer"]
    kwh = units.kwh_equivalent(row["segment_fuel"], energy)
    return EnergyFigures(
        energy=energy,
        fills=row["fills"],
        spend=row["spend"],
        economy_unit=unit,
        average=units.economy(distance, fuel, unit),
        best=units.economy(row["best"], Decimal(1), unit),
        price=price_out(row["spend"] / row["quantity"], energy, vehicle.volume_unit),
        quantity_symbol=quantity_symbol(energy, vehicle.volume_unit),
        cost_per_km=cost / odometer if odometer else None,
        kwh_per_km=kwh / odometer if odometer and kwh is not None else None,
        needs_split=bool(odometer) and not distance,
    )


def _months_between(first: datetime.datetime | None, last: datetime.datetime | None) -> int:
    if not first:
        return 0
    first, last = timezone.localtime(first), timezone.localtime(last)
    return (last.year - first.year) * 12 + last.month - first.month + 1
