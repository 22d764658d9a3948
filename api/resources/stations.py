"""Stations, the user's own (not a vehicle's), through the station form and services; and where a
fuel is cheapest, ranked from the user's fill-ups as the stations page ranks it."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Schema

from api.crud import RecordResource, bad_query, record_router
from api.schemas import In, Money, Quantity, answers, money, quantity
from motovault.units import Energy
from stations import selectors
from stations.forms import CheapestForm, StationForm
from stations.models import Station
from stations.services import station_restore, station_trash


class StationOut(Schema):
    id: int
    name: str
    brand: str
    address: str
    latitude: Decimal | None = Field(description="Degrees (WGS 84).")
    longitude: Decimal | None
    is_favourite: bool
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


class StationIn(In):
    name: str
    brand: str = ""
    address: str = ""
    latitude: Decimal | None = Field(None, description="Degrees; with a longitude, or neither.")
    longitude: Decimal | None = None
    is_favourite: bool = False
    notes: str = ""


stations = RecordResource(
    path="stations",
    noun="station",
    model=Station,
    out=StationOut,
    into=StationIn,
    form=lambda data, owner, station: StationForm(data, owner=owner, instance=station),
    trash=lambda station: station_trash(station=station),
    restore=lambda station: station_restore(station=station),
    date_field="created_at",
    related=("owner",),
    per_vehicle=False,
)
router = record_router(stations)


class TankOut(Schema):
    vehicle: str
    capacity: Quantity = Field(description="The vehicle's tank, in its volume unit.")
    cost: Money = Field(description="A full tank at this station's price.")


class RankedOut(Schema):
    station: int
    name: str
    address: str
    rank: int = Field(description="Equal prices share a rank.")
    price: Money = Field(description="Per the ranking's `unit`.")
    priced_at: datetime.datetime = Field(description="The newest fill-up the price is from.")
    distance: Quantity | None = Field(description="From the point asked about (when one was), in your distance unit.")
    tanks: list[TankOut]


class RankingOut(Schema):
    energy: Energy | None = Field(description="Null when you have bought no fuel at a station yet.")
    grade: str
    days: int
    since: datetime.date | None
    unit: str = Field(description="What `price` is per.")
    stations: list[RankedOut]
    stale: int = Field(description="Stations whose newest price is older than the period (not ranked).")
    fuels: list[str] = Field(description="What can be asked about: `energy|grade`, the most bought first.")


class CheapestQuery(Schema):
    fuel: str | None = Field(None, description="`energy|grade` (one of `fuels`); the most bought when left out.")
    days: int | None = Field(None, description="Prices from the last so many days (30 when left out).")
    latitude: Decimal | None = Field(None, description="With a longitude: the nearest stations first.")
    longitude: Decimal | None = None


@router.get(
    "/stations/cheapest", response=answers({200: RankingOut}), operation_id="cheapest_fuel", url_name="cheapest"
)
def cheapest(request: HttpRequest, asked: Query[CheapestQuery]):
    """Where a fuel is cheapest, from your own fill-ups at your stations."""
    user = request.auth.user
    fuels = selectors.fuels(user)
    form = CheapestForm({k: v for k, v in asked.model_dump().items() if v is not None}, fuels=fuels)
    if not form.is_valid():
        name, messages = next(iter(form.errors.items()))
        raise bad_query("fuel" if name == "__all__" else name, messages[0])
    choices = [f"{energy}|{grade}" for energy, grade, _ in fuels]
    question = form.question()
    if question is None:
        return {"energy": None, "grade": "", "days": form.DAYS, "since": None, "unit": "", "stations": [], "stale": 0,
                "fuels": choices}  # fmt: skip
    energy, grade, days, point = question
    ranking = selectors.cheapest(user, energy, grade, days, timezone.localdate())
    rows = ranking.by_distance(point, user.distance_unit) if point else ranking.stations
    return {
        "energy": energy,
        "grade": grade,
        "days": days,
        "since": ranking.since,
        "unit": ranking.symbol,
        "stations": [
            {
                "station": row.station_id,
                "name": row.name,
                "address": row.address,
                "rank": row.rank,
                "price": money(row.price, user),
                "priced_at": row.priced_at,
                "distance": quantity(row.distance, user.distance_unit),
                "tanks": [
                    {
                        "vehicle": tank.vehicle,
                        "capacity": quantity(tank.capacity, tank.symbol),
                        "cost": money(tank.cost, user),
                    }
                    for tank in row.tanks
                ],
            }
            for row in rows
        ],
        "stale": ranking.stale,
        "fuels": choices,
    }
