"""Fuel figures and chart series, for one vehicle or the whole garage, each from GROUP BY queries
whatever the number of fill-ups: averages are sums of the stored segment figures (total
distance over total fuel, weighted by distance), never a mean of per-fill-up figures."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Max, Min, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Trunc
from django.utils import timezone

from fuel_logs.models import energy_rank
from motovault import units
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
    cost_per_km: Decimal | None  # fuel cost of complete segments over their distance

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


@dataclass
class Analytics:
    vehicles: list[VehicleFigures]
    spend: Decimal
    fills: int
    months: int

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


# Chart buckets, finest first, with their length in days and how a bucket's label is written
# (labels sort as the dates they name).
BUCKETS = {
    "day": (1, lambda start: f"{start:%Y-%m-%d}"),
    "week": (7, lambda start: f"{start:%Y-%m-%d}"),
    "month": (30.44, lambda start: f"{start:%Y-%m}"),
    "quarter": (91.31, lambda start: f"{start.year}-Q{(start.month - 1) // 3 + 1}"),
    "year": (365.25, lambda start: f"{start.year}"),
}
# How many points a line may have: a few hundred is what a chart can show, and what keeps the chart
# data of decades of a garage's fill-ups quick to compute; the garage draws a line per vehicle.
MAX_POINTS = {False: 200, True: 60}


def _bucket(first: datetime.datetime | None, last: datetime.datetime | None, garage: bool) -> str:
    """The finest bucket that keeps a line within ``MAX_POINTS``: by day over a few months, by week
    over a few years, then by month, quarter or year."""
    span = (last - first).days + 1 if first and last else 0
    for kind, (days, _) in BUCKETS.items():
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
            fuel=Sum("segment_quantity"),
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


def fuel_charts(logs: QuerySet, vehicles: list[Vehicle]) -> dict:
    """Chart.js data of ``logs`` (scoped as above): cost per month (or coarser), and economy and
    price over time."""
    by_id = {vehicle.pk: vehicle for vehicle in vehicles}
    # The span from the ends of each vehicle's (vehicle, filled_at) index, not a pass over every row.
    ends = logs.filter(vehicle=OuterRef("pk")).order_by().values("filled_at")
    span = Vehicle.objects.filter(pk__in=by_id).aggregate(
        first=Min(Subquery(ends.order_by("filled_at")[:1])), last=Max(Subquery(ends.order_by("-filled_at")[:1]))
    )
    kind = _bucket(span["first"], span["last"], garage=len(vehicles) > 1)
    points, spend = _chart_rows(logs, kind)
    return {
        "cost": _cost_chart(spend, by_id, _cost_bucket(kind)),
        "economy": _economy_chart(points, by_id),
        "price": _price_chart(points, by_id),
    }


SUMS = {"spend": "total_cost", "quantity": "quantity", "distance": "segment_distance_km", "fuel": "segment_quantity"}


def _chart_rows(logs: QuerySet, kind: str) -> tuple[list[dict], list[dict]]:
    """The charts' points (per ``kind`` bucket, vehicle and energy) and each spend period's spend
    per vehicle (see ``_cost_bucket``), from one pass over the fill-ups: grouped by period and
    bucket together (a week that spans two months comes in two parts), then added up each way.
    Sums add, so both are exact. Labels are written here, from the groups: ``MAX_POINTS`` bounds
    how many there are, whatever the number of fill-ups."""
    cost_kind = _cost_bucket(kind)
    rows = (
        logs.order_by()
        .annotate(period=Trunc("filled_at", cost_kind), bucket=Trunc("filled_at", kind))
        .values("period", "bucket", "vehicle_id", "energy")
        .annotate(**{name: Sum(column) for name, column in SUMS.items()})
    )
    points: dict[tuple, dict] = {}
    spend: dict[tuple, Decimal] = defaultdict(Decimal)
    for row in rows:
        row["label"] = BUCKETS[kind][1](row["bucket"])
        spend[BUCKETS[cost_kind][1](row["period"]), row["vehicle_id"]] += row["spend"]
        point = points.setdefault((row["label"], row["vehicle_id"], row["energy"]), {**row, **dict.fromkeys(SUMS)})
        for name in SUMS:
            if row[name] is not None:
                point[name] = row[name] if point[name] is None else point[name] + row[name]
    spend_rows = [{"label": label, "vehicle_id": pk, "spend": total} for (label, pk), total in sorted(spend.items())]
    return [points[key] for key in sorted(points)], spend_rows


def _energy_figures(vehicle: Vehicle, row: dict) -> EnergyFigures:
    energy, unit = row["energy"], economy_unit(vehicle, row["energy"])
    distance, fuel, cost = row["distance"], row["fuel"], row["cost"]
    return EnergyFigures(
        energy=energy,
        fills=row["fills"],
        spend=row["spend"],
        economy_unit=unit,
        average=units.economy(distance, fuel, unit),
        best=units.economy(row["best"], Decimal(1), unit),
        price=price_out(row["spend"] / row["quantity"], energy, vehicle.volume_unit),
        quantity_symbol=quantity_symbol(energy, vehicle.volume_unit),
        cost_per_km=cost / distance if distance else None,
    )


def _months_between(first: datetime.datetime | None, last: datetime.datetime | None) -> int:
    if not first:
        return 0
    first, last = timezone.localtime(first), timezone.localtime(last)
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _series(rows: list[dict], key, value, labels: list[str], label_of, by_id: dict, places: int = 2) -> list[dict]:
    """Chart.js datasets: one per ``key(row)`` (a vehicle, or a vehicle and energy) in the
    page's vehicle order, aligned on ``labels`` with gaps as null."""
    data: dict = defaultdict(dict)
    for row in rows:
        number = value(row)
        if number is not None:
            data[key(row)][row["label"]] = float(units.rounded(number, places))
    order = list(by_id)

    def rank(name) -> tuple:
        vehicle_id, energy = name if isinstance(name, tuple) else (name, Energy.PETROL)
        return order.index(vehicle_id), list(Energy).index(energy)

    return [
        {"label": label_of(name), "data": [data[name].get(label) for label in labels]}
        for name in sorted(data, key=rank)
    ]


def _labels(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(row["label"] for row in rows))


def _cost_chart(rows: list[dict], by_id: dict, kind: str) -> dict:
    labels = _labels(rows)
    datasets = _series(
        rows, lambda row: row["vehicle_id"], lambda row: row["spend"], labels, lambda pk: str(by_id[pk]), by_id
    )
    return {"type": "bar", "labels": labels, "datasets": datasets, "stacked": True, "title": f"Cost per {kind}"}


def _energy_key(row: dict) -> tuple[int, str]:
    return row["vehicle_id"], row["energy"]


def _economy_chart(rows: list[dict], by_id: dict) -> dict:
    rows = [row for row in rows if row["distance"]]  # only points where a segment closed
    labels = _labels(rows)

    def economy(row: dict) -> Decimal | None:
        unit = economy_unit(by_id[row["vehicle_id"]], row["energy"])
        return units.economy(row["distance"], row["fuel"], unit)

    def label(key: tuple[int, str]) -> str:
        vehicle, energy = by_id[key[0]], key[1]
        return _dataset_label(by_id, vehicle, energy, units.ECONOMY_SYMBOLS[economy_unit(vehicle, energy)])

    return {"type": "line", "labels": labels, "datasets": _series(rows, _energy_key, economy, labels, label, by_id)}


def _price_chart(rows: list[dict], by_id: dict) -> dict:
    labels = _labels(rows)

    def price(row: dict) -> Decimal:
        volume_unit = by_id[row["vehicle_id"]].volume_unit
        return price_out(row["spend"] / row["quantity"], row["energy"], volume_unit)

    def label(key: tuple[int, str]) -> str:
        vehicle, energy = by_id[key[0]], key[1]
        return _dataset_label(by_id, vehicle, energy, f"per {quantity_symbol(energy, vehicle.volume_unit)}")

    datasets = _series(rows, _energy_key, price, labels, label, by_id, places=3)  # pump prices have three
    return {"type": "line", "labels": labels, "datasets": datasets}


def _dataset_label(by_id: dict, vehicle: Vehicle, energy: str, unit: str) -> str:
    name = Energy(energy).label if len(by_id) == 1 else f"{vehicle} {Energy(energy).label.lower()}"
    return f"{name} ({unit})"
