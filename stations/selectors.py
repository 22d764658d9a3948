"""Station values the pages show, memoized per user: the fill-up form's picker, a station's prices
and their history, and where fuel is cheapest. Prices come from the user's own fill-ups; each is
stored per canonical unit and shown per the user's volume unit (``User.volume_unit``), the way
they read prices at the pump."""

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone

from dashboard.cheapest import FuelPrice
from fuel_logs.models import FuelLog, energies_for
from motovault import units
from motovault.caching import per_user
from motovault.units import Energy, QuantityUnit, price_out, quantity_symbol, quantity_unit
from stations.models import Station
from vehicles.models import Vehicle

EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)
CENT = Decimal("0.01")


def distance_km(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal]) -> float:
    """Great-circle distance between two (latitude, longitude) points, by the haversine formula."""
    lat1, lon1, lat2, lon2 = map(math.radians, (float(a[0]), float(a[1]), float(b[0]), float(b[1])))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def grade_label(energy: str, grade: str) -> str:
    return f"{Energy(energy).label} · {grade}" if grade else Energy(energy).label


def shown_price(price_per_unit: Decimal, energy: str, volume_unit: str) -> Decimal:
    """A stored price per canonical unit as the pump shows it in ``volume_unit``, to the thousandth."""
    return units.rounded(price_out(price_per_unit, energy, volume_unit), 3)


def search(user, text: str) -> list[Station]:
    """The user's stations whose name, brand or address holds ``text``, favourites first."""
    stations = Station.objects.for_user(user)
    for word in text.split()[:5]:
        stations = stations.filter(Q(name__icontains=word) | Q(brand__icontains=word) | Q(address__icontains=word))
    return list(stations.order_by("-is_favourite", "name", "pk")[:500])


def trashed_stations(user, limit: int = 100) -> list[Station]:
    """The trash page's section: the user's trashed stations, each with how many fill-ups name it
    (a station with fill-ups cannot be deleted for good)."""
    trashed = Station.objects.trashed_for_user(user).annotate(fill_ups=Count("fuellogs"))
    return list(trashed.order_by("-deleted_at", "-id")[:limit])


@per_user("station-picker")
def picker(user) -> list[tuple[str, list[tuple[int, str]]]]:
    """The fill-up form's stations as option groups: favourites, then the others nearest to the
    station used last (by any of the user's fill-ups) first, then those without a position. One query."""
    last_used = FuelLog.objects.for_user(user).filter(station__isnull=False).order_by("-filled_at", "-id")
    stations = list(
        Station.objects.for_user(user)
        .annotate(last_used=Exact(F("pk"), Subquery(last_used.values("station_id")[:1])))
        .order_by("name", "pk")
    )
    last = next((station for station in stations if station.last_used), None)
    favourites = [station for station in stations if station.is_favourite]
    others = [station for station in stations if not station.is_favourite]
    title = "Other stations"
    if last is not None and last.has_position:
        home = (last.latitude, last.longitude)
        others.sort(key=lambda s: distance_km(home, (s.latitude, s.longitude)) if s.has_position else math.inf)
        title = f"Nearest to {last} first"
    groups = [("Favourites", favourites), (title, others)]
    return [(label, [(s.pk, str(s)) for s in group]) for label, group in groups if group]


@dataclass(frozen=True)
class GradePrices:
    """One energy and grade at a station: prices per ``symbol`` in the user's unit."""

    energy: str
    grade: str
    symbol: str
    latest: Decimal
    latest_on: datetime.datetime
    average: Decimal  # per unit bought: each fill-up weighs as much as its quantity
    fills: int

    @property
    def label(self) -> str:
        return grade_label(self.energy, self.grade)


@dataclass(frozen=True)
class StationPrices:
    grades: list[GradePrices]
    chart: dict = field(default_factory=dict)  # Chart.js data: labels (dates) and a dataset a grade


@per_user("station-prices")
def station_prices(user, station_id: int) -> StationPrices:
    """Latest and average price per energy and grade at one of the user's stations, and their
    history for a chart: one query over the station's fill-ups."""
    logs = (
        FuelLog.objects.for_user(user)
        .filter(station_id=station_id)
        .order_by("filled_at", "id")
        .values_list("energy", "fuel_grade", "filled_at", "price_per_unit", "quantity")
    )
    history: dict[tuple[str, str], list] = defaultdict(list)
    for energy, grade, filled_at, price, quantity in logs:
        history[(energy, grade)].append((filled_at, price, quantity))
    unit = user.volume_unit
    grades, points = [], {}
    for (energy, grade), fills in sorted(history.items()):
        bought = sum(quantity for _, _, quantity in fills)
        average = sum(price * quantity for _, price, quantity in fills) / bought
        _, latest, _ = fills[-1]
        grades.append(
            GradePrices(
                energy=energy,
                grade=grade,
                symbol=quantity_symbol(energy, unit),
                latest=shown_price(latest, energy, unit),
                latest_on=fills[-1][0],
                average=shown_price(average, energy, unit),
                fills=len(fills),
            )
        )
        days = {timezone.localdate(when): shown_price(price, energy, unit) for when, price, _ in fills}
        points[grades[-1].label + f" (per {grades[-1].symbol})"] = days
    labels = sorted({day for days in points.values() for day in days})
    chart = {
        "labels": [day.isoformat() for day in labels],
        "datasets": [{"label": name, "data": [days.get(day) for day in labels]} for name, days in points.items()],
    }
    return StationPrices(grades=grades, chart=chart)


# How many of the user's latest fill-ups at a station say which fuels they buy: a lifetime for most
# people, and a few milliseconds rather than a count over every fill-up of a fleet's history.
RECENT_FILL_UPS = 2_000


@per_user("station-fuels")
def fuels(user) -> list[tuple[str, str, int]]:
    """The (energy, grade) pairs the user buys at their stations, most bought first, with how many
    of their latest ``RECENT_FILL_UPS`` fill-ups at a station: what the cheapest ranking is asked
    about, the usual one first."""
    recent = FuelLog.objects.for_user(user).filter(station__isnull=False).order_by("-filled_at", "-id")
    bought = Counter(recent.values_list("energy", "fuel_grade")[:RECENT_FILL_UPS])  # read by index, newest first
    return sorted(((energy, grade, fills) for (energy, grade), fills in bought.items()), key=lambda f: (-f[2], f[:2]))


@dataclass(frozen=True)
class TankCost:
    vehicle: str
    capacity: Decimal  # in the vehicle's volume unit, to the thousandth
    cost: Decimal
    volume_unit: str

    @property
    def symbol(self) -> str:
        return units.VOLUME_SYMBOLS[self.volume_unit]


@dataclass
class RankedStation:
    station_id: int
    name: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    rank: int
    price: Decimal  # per the user's unit
    priced_at: datetime.datetime  # the newest fill-up the price comes from
    tanks: list[TankCost]
    distance: Decimal | None = None  # from the point asked about, in the user's distance unit


@dataclass(frozen=True)
class Ranking:
    energy: str
    grade: str
    days: int
    since: datetime.date
    symbol: str
    stations: list[RankedStation]
    stale: int  # stations whose newest price of this fuel is older than the period
    vehicles: list[str]  # names of the vehicles a full tank is worked out for
    without_tank: list[tuple[int, str]]  # vehicles taking this fuel whose tank size is not set

    @property
    def label(self) -> str:
        return grade_label(self.energy, self.grade)

    def by_distance(self, point: tuple[Decimal, Decimal], distance_unit: str) -> list[RankedStation]:
        """The ranked stations nearest to ``point`` first (those without a position last), each
        with its distance in ``distance_unit`` to a tenth."""
        rows = [replace(row) for row in self.stations]  # the cached ranking stays as it was
        for row in rows:
            if row.latitude is not None and row.longitude is not None:
                km = Decimal(str(distance_km(point, (row.latitude, row.longitude))))
                row.distance = units.rounded(units.from_km(km, distance_unit), 1)
        return sorted(rows, key=lambda row: (row.distance is None, row.distance or 0, row.rank))


@per_user("cheapest")
def cheapest(user, energy: str, grade: str, days: int, today: datetime.date) -> Ranking:
    """The user's stations ranked by their newest price of ``energy`` and ``grade`` bought in the
    last ``days`` days (from ``today - days``), cheapest first; equal prices share a rank, the
    fresher first. Stations whose newest price is older are counted, not ranked. A full tank of
    each vehicle is worked out as its owner would: the tank and the pump price in the vehicle's
    units to the thousandth, times each other, to the cent (15 gal at 3.459 is 51.89, as by hand).
    Two queries."""
    since = today - datetime.timedelta(days=days)
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    newest = (
        FuelLog.objects.for_user(user)
        .filter(station=OuterRef("pk"), energy=energy, fuel_grade=grade)
        .order_by("-filled_at", "-id")
    )
    priced = list(
        Station.objects.for_user(user)
        .annotate(
            price=Subquery(newest.values("price_per_unit")[:1]), priced_at=Subquery(newest.values("filled_at")[:1])
        )
        .filter(price__isnull=False)
    )
    stations = [station for station in priced if station.priced_at >= start]
    stations.sort(key=lambda s: (s.price, -s.priced_at.timestamp(), s.name, s.pk))
    liquid = quantity_unit(energy) == QuantityUnit.LITRE
    taking = [v for v in Vehicle.objects.for_user(user).order_by("pk") if energy in energies_for(v)]
    with_tank = [v for v in taking if liquid and v.tank_capacity_l]
    capacities = [(str(v), units.rounded(units.from_litres(v.tank_capacity_l, v.volume_unit), 3), v) for v in with_tank]
    rows, previous = [], None
    for position, station in enumerate(stations, start=1):
        rank = rows[-1].rank if previous == station.price else position
        previous = station.price
        pump = {unit: shown_price(station.price, energy, unit) for unit in {v.volume_unit for v in with_tank}}
        tanks = [
            TankCost(name, capacity, (capacity * pump[v.volume_unit]).quantize(CENT, ROUND_HALF_UP), v.volume_unit)
            for name, capacity, v in capacities
        ]
        rows.append(
            RankedStation(
                station_id=station.pk,
                name=str(station),
                address=station.address,
                latitude=station.latitude,
                longitude=station.longitude,
                rank=rank,
                price=shown_price(station.price, energy, user.volume_unit),
                priced_at=station.priced_at,
                tanks=tanks,
            )
        )
    return Ranking(
        energy=energy,
        grade=grade,
        days=days,
        since=since,
        symbol=quantity_symbol(energy, user.volume_unit),
        stations=rows,
        stale=len(priced) - len(stations),
        vehicles=[name for name, _, _ in capacities],
        without_tank=[(v.pk, str(v)) for v in taking if liquid and not v.tank_capacity_l],
    )


# How old a price the home page's "where fuel is cheapest" still counts: the ranking page's default.
HOME_DAYS = 30


def cheapest_prices(user, wanted: list[tuple[str, str]], today: datetime.date) -> list[FuelPrice]:
    """The home page's provider (``dashboard.cheapest``): for each (energy, grade) the user buys,
    the station that ranks first on the cheapest page over its default period (each station's
    newest price of that fuel, cheapest first, the fresher on a tie). One query: the newest fill-up
    of each fuel at each station within the period (a station's newest price is within the period
    exactly when its newest in the period is its newest of all)."""
    if not wanted:
        return []
    since = today - datetime.timedelta(days=HOME_DAYS)
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    fuels = Q()
    for energy, grade in wanted:
        fuels |= Q(energy=energy, fuel_grade=grade)
    newest = (
        FuelLog.objects.for_user(user)
        .filter(fuels, station__isnull=False, station__deleted_at__isnull=True, filled_at__gte=start)
        .order_by("station_id", "energy", "fuel_grade", "-filled_at", "-id")
        .distinct("station_id", "energy", "fuel_grade")
        .values_list(
            "energy", "fuel_grade", "price_per_unit", "filled_at", "station_id", "station__name", "station__brand"
        )
    )
    best: dict[tuple[str, str], tuple] = {}
    for energy, grade, price, filled_at, station_id, name, brand in newest:
        key = (price, -filled_at.timestamp(), name, station_id)
        if (energy, grade) not in best or key < best[energy, grade][0]:
            best[energy, grade] = (key, filled_at, station_id, str(Station(name=name, brand=brand)))
    return [
        FuelPrice(
            energy=energy,
            grade=grade,
            price=key[0],
            station=name,
            seen_on=timezone.localdate(filled_at),
            url=reverse("stations:detail", args=[station_id]),
        )
        for (energy, grade), (key, filled_at, station_id, name) in sorted(best.items())
    ]
