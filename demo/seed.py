"""Deterministic, realistic data: the demo account's garage, and the benchmark's huge state.

One generator serves both. A vehicle's history is driven, not drawn: the odometer only goes up,
consumption wobbles around the car's real figure, partial fills leave the tank short until the
next full one, and now and then a fill-up goes unlogged (the next one says so).
"""

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from demo.seed_costs import seed_bench_costs, seed_demo_costs
from documents import seed as documents_seed
from documents.seed import seed_documents
from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_logs_import
from maintenance import seed as maintenance_seed
from motovault.units import Energy
from platform_data.models import Configuration
from stations.models import Station
from vehicles.models import FuelType, OdometerReading, Vehicle

BENCH_USERNAME = "bench"
BATCH = 5_000
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Scale:
    vehicles: int
    fillups: int
    other_users: int
    other_fillups: int  # each other user has one vehicle with this many fill-ups
    stations: int  # the bench user's, every fill-up at one of them
    services: int = 20_000  # the bench user's service records, over their vehicles
    reminders: int = 500
    documents: int = 10_000  # the bench user's, across their vehicles


SCALES = {"full": Scale(50, 100_000, 1_000, 50, 200), "small": Scale(5, 2_000, 20, 50, 20, 400, 20, 10_000)}


@dataclass(frozen=True)
class Supply:
    """How a vehicle takes one energy: litres (or kWh) per 100 km, price per unit, how often."""

    energy: str
    per_100km: float
    price: float
    every_km: tuple[float, float]
    grade: str = ""
    share: float = 1.0  # of the distance driven on this energy (a plug-in hybrid's trip computer says)


@dataclass(frozen=True)
class Profile:
    year: int
    make: str
    model: str
    fuel_type: str
    units: tuple[str, str, str]  # distance, volume, economy
    energies: tuple[Supply, ...]
    tank_l: Decimal
    nickname: str = ""


PETROL_CAR = Profile(
    2012, "Honda", "Civic", FuelType.GASOLINE, ("mi", "us_gal", "mpg_us"),
    (Supply(Energy.PETROL, 7.4, 0.95, (380, 560), "Regular 87"),), Decimal("50"), "Daily Civic",
)  # fmt: skip
DIESEL_CAR = Profile(
    2014, "Volkswagen", "Golf", FuelType.DIESEL, ("km", "l", "l_100km"),
    (Supply(Energy.DIESEL, 5.1, 1.62, (550, 820), "Diesel B7"),), Decimal("50"), "Golf TDI",
)  # fmt: skip
PLUG_IN_HYBRID = Profile(
    2015, "Chevrolet", "Volt", FuelType.PLUG_IN_HYBRID, ("mi", "us_gal", "mpg_us"),
    (
        Supply(Energy.ELECTRICITY, 16.0, 0.16, (50, 70), share=0.72),
        Supply(Energy.PETROL, 2.2, 0.95, (600, 900), "Premium 91", share=0.28),
    ),
    Decimal("34"), "Volt",
)  # fmt: skip
PROFILES = (PETROL_CAR, DIESEL_CAR, PLUG_IN_HYBRID)
SOLD_CAR = Profile(
    2008, "Toyota", "Corolla", FuelType.GASOLINE, ("km", "l", "l_100km"),
    (Supply(Energy.PETROL, 6.8, 1.45, (420, 600), "Unleaded 95"),), Decimal("55"), "Old Corolla",
)  # fmt: skip


@cache
def _configuration(profile: Profile) -> Configuration | None:
    """The catalog's first configuration of the profile's car, when the catalog is loaded."""
    return (
        Configuration.objects.filter(
            year=profile.year, vehicle_model__make__name=profile.make, vehicle_model__name=profile.model
        )
        .order_by("epa_id")
        .first()
    )


def _vehicle(owner, profile: Profile, start_km: Decimal, purchased: datetime.date) -> Vehicle:
    configuration = _configuration(profile)
    distance, volume, economy = profile.units
    return Vehicle(
        owner=owner,
        configuration=configuration,
        year=profile.year,
        make=profile.make,
        model=profile.model,
        trim=configuration.label if configuration else "",
        nickname=profile.nickname,
        fuel_type=profile.fuel_type,
        distance_unit=distance,
        volume_unit=volume,
        economy_unit=economy,
        tank_capacity_l=profile.tank_l,
        purchase_date=purchased,
        purchase_odometer_km=start_km,
        purchase_price=Decimal(random.Random(profile.model).randrange(9_000, 30_000)),
    )


def _history(
    rng: random.Random, vehicle: Vehicle, profile: Profile, start: datetime.datetime, end: datetime.datetime, count: int
) -> Iterator[FuelLog]:
    """``count`` fill-ups and charges spread from ``start`` to ``end``, in time order, each in a
    slot of its own (jittered within it, to the minute), so no two ever share a minute."""
    odometer = float(vehicle.purchase_odometer_km)
    step = (end - start) / max(count, 1)
    due = {source.energy: rng.uniform(*source.every_km) for source in profile.energies}
    used = dict.fromkeys(due, 0.0)  # fuel burnt since the tank was last full
    price = {source.energy: source.price for source in profile.energies}
    for slot in range(count):
        when = (start + step * (slot + rng.uniform(0.1, 0.9))).replace(second=0, microsecond=0)
        source = min(profile.energies, key=lambda source: due[source.energy])
        travelled = max(due[source.energy], 1.0)
        odometer += travelled
        for other in profile.energies:
            due[other.energy] -= travelled
            used[other.energy] += travelled * other.per_100km / 100 * rng.uniform(0.9, 1.1)
        due[source.energy] = rng.uniform(*source.every_km)
        partial = rng.random() < 0.1
        quantity = used[source.energy] * (rng.uniform(0.4, 0.8) if partial else 1.0)
        used[source.energy] -= quantity
        price[source.energy] = max(price[source.energy] * rng.uniform(0.97, 1.03), source.price * 0.6)
        unit_price = Decimal(str(round(price[source.energy], 3)))
        litres = Decimal(str(round(max(quantity, 0.5), 3)))
        told = None
        if len(profile.energies) > 1:  # what the trip computer says was driven on it since the last stop
            told = Decimal(str(round(travelled * min(1.0, source.share * rng.uniform(0.85, 1.15)), 1)))
        charged = source.energy == Energy.ELECTRICITY
        yield FuelLog(
            owner_id=vehicle.owner_id,
            vehicle=vehicle,
            filled_at=when,
            odometer_km=Decimal(str(round(odometer, 1))),
            energy=source.energy,
            quantity=litres,
            price_per_unit=unit_price,
            total_cost=(litres * unit_price).quantize(CENT),
            fuel_grade=source.grade,
            is_full=not partial,
            missed_previous=rng.random() < 0.02,
            energy_distance_km=told,
            charge_start_percent=rng.randrange(5, 40) if charged else None,
            charge_end_percent=(rng.randrange(60, 95) if partial else 100) if charged else None,
        )


def _save(logs: Iterator[FuelLog]) -> int:
    """Through the fill-ups' import service, which keeps the economy right."""
    saved = fuel_logs_import(logs=logs)
    with connection.cursor() as cursor:  # fresh statistics with the economy figures in, as autovacuum would
        for model in (get_user_model(), Vehicle, FuelLog):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return saved


STATION_BRANDS = ("Shell", "BP", "Aral", "Esso", "TotalEnergies", "Texaco", "Jet", "Chevron")
STREETS = ("Main Street", "Ring Road", "Station Road", "High Street", "Airport Road", "Harbour Way", "Mill Lane")


def _stations(owner, count: int, rng: random.Random) -> list[int]:
    """``count`` stations around one town, the first three favourites; their ids."""
    stations = Station.objects.bulk_create(
        Station(
            owner=owner,
            name=f"{STATION_BRANDS[n % len(STATION_BRANDS)]} {STREETS[n % len(STREETS)]} {n + 1}",
            brand=STATION_BRANDS[n % len(STATION_BRANDS)],
            address=f"{rng.randrange(1, 200)} {STREETS[n % len(STREETS)]}",
            latitude=Decimal(str(round(48.137 + rng.uniform(-0.2, 0.2), 6))),
            longitude=Decimal(str(round(11.575 + rng.uniform(-0.3, 0.3), 6))),
            is_favourite=n < 3,
        )
        for n in range(count)
    )
    return [station.pk for station in stations]


def _buy_at_stations(owner, ids: list[int]) -> None:
    """Name a station on each of ``owner``'s fill-ups, each vehicle keeping to five of them as
    drivers do: one UPDATE (the bench's 100,000 fill-ups in a second, not 100,000 saves; a station
    changes no economy, so the fill-ups' services have nothing to recompute)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {FuelLog._meta.db_table} SET station_id = (%s::bigint[])[1 + (vehicle_id * 7 + id %% 5) %% %s]"
            " WHERE owner_id = %s",
            [ids, len(ids), owner.pk],
        )


@transaction.atomic
def seed_demo(*, user) -> int:
    """The demo garage: a petrol car with partial fills, a metric diesel and a plug-in hybrid,
    two years of history up to today, their other costs, and the car sold before them. Does
    nothing for a user who already has vehicles."""
    if Vehicle.objects.for_user(user).exists():
        return 0
    rng = random.Random(2024)
    end = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(hours=2)
    start = end - datetime.timedelta(days=730)
    vehicles, histories = [], []
    for index, profile in enumerate(PROFILES):
        vehicle = _vehicle(user, profile, Decimal(20_000 + 15_000 * index), start.date())
        vehicle.save()
        vehicles.append(vehicle)
        count = 330 if profile is PLUG_IN_HYBRID else 60
        histories.append(_history(rng, vehicle, profile, start, end, count))
    # The car the Civic replaced: three years of history, sold the month the others' history starts.
    sold = _vehicle(user, SOLD_CAR, Decimal(60_000), (start - datetime.timedelta(days=3 * 365)).date())
    sold.sold_date, sold.sold_price = (start + datetime.timedelta(days=20)).date(), Decimal("4200.00")
    sold.save()
    histories.append(_history(rng, sold, SOLD_CAR, start - datetime.timedelta(days=3 * 365), start, 80))
    saved = _save(log for history in histories for log in history)
    seed_demo_costs(rng, vehicles, start.date(), sold)
    civic = vehicles[0]
    latest = FuelLog.objects.filter(vehicle=civic).order_by("-odometer_km").first()
    OdometerReading.objects.create(
        owner=user,
        vehicle=civic,
        date=latest.filled_at.date(),
        odometer_km=latest.odometer_km,
        notes="Annual inspection",
    )
    _buy_at_stations(user, _stations(user, 8, rng))
    maintenance_seed.seed_demo(vehicles, timezone.localdate())
    documents_seed.seed_demo(owner=user, vehicles=vehicles, today=timezone.localdate())
    return saved


@transaction.atomic
def seed_bench(*, scale: Scale) -> tuple[int, int]:
    """The benchmark's state: one user with ``scale.vehicles`` vehicles sharing ``scale.fillups``
    fill-ups, and ``scale.other_users`` others with their own. Returns (users, fill-ups)."""
    User = get_user_model()
    rng = random.Random(1984)
    end = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(days=1)
    bench = User.objects.create(username=BENCH_USERNAME, first_name="Bench", password="!")
    others = User.objects.bulk_create(
        User(username=f"driver{index:04d}", password="!") for index in range(scale.other_users)
    )
    owners = [(bench, scale.vehicles, scale.fillups // scale.vehicles)]
    owners += [(other, 1, scale.other_fillups) for other in others]
    vehicles, plans = [], []
    for owner, count, fillups in owners:
        for index in range(count):
            profile = PROFILES[index % len(PROFILES)]
            start = end - datetime.timedelta(days=fillups * 4)
            vehicle = _vehicle(owner, profile, Decimal(rng.randrange(0, 90_000)), start.date())
            vehicles.append(vehicle)
            plans.append((vehicle, profile, start, fillups))
    Vehicle.objects.bulk_create(vehicles, batch_size=BATCH)
    mine = [vehicle for vehicle in vehicles if vehicle.owner_id == bench.pk]
    seed_bench_costs(rng, mine, end.date())
    seed_documents(owner=bench, vehicles=mine, count=scale.documents, rng=random.Random(17), today=end.date())
    logs = (
        log for vehicle, profile, start, count in plans for log in _history(rng, vehicle, profile, start, end, count)
    )
    saved = _save(logs)
    _buy_at_stations(bench, _stations(bench, scale.stations, rng))
    maintenance_seed.seed_bench(mine, end.date(), services=scale.services, reminders=scale.reminders)
    return 1 + len(others), saved
