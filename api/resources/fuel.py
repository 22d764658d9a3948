"""Fill-ups and charges, through the fill-up form (the page's rules and messages) and services
(the stored economy), and the fuel figures the analytics page shows."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from api.crud import RecordResource, bad_query, record_router
from api.schemas import In, Money, Quantity, answers, money, quantity
from fuel_logs.forms import FuelLogForm
from fuel_logs.models import FuelLog, energies_for
from fuel_logs.selectors import fuel_figures
from fuel_logs.services import fuel_log_restore, fuel_log_trash
from motovault import units
from motovault.units import Energy
from vehicles.models import Vehicle


class FillUpOut(Schema):
    id: int
    vehicle: int = Field(alias="vehicle_id")
    filled_at: datetime.datetime
    energy: Energy
    odometer: Quantity = Field(description="In the vehicle's distance unit.")
    quantity: Quantity = Field(description="In the vehicle's volume unit (kWh for electricity, kg for CNG).")
    price: Money = Field(description="Per unit of `quantity`.")
    total_cost: Money
    fuel_grade: str
    is_full: bool
    missed_previous: bool
    economy: Quantity | None = Field(description="Of the segment this full fill-up closes; null when none.")
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_odometer(log: FuelLog) -> dict:
        return quantity(units.rounded(log.odometer, 1), log.vehicle.distance_unit)

    @staticmethod
    def resolve_quantity(log: FuelLog) -> dict:
        return quantity(units.rounded(log.quantity_display, 3), log.quantity_symbol)

    @staticmethod
    def resolve_price(log: FuelLog) -> dict:
        return money(units.rounded(log.price_display, 3), log.owner)

    @staticmethod
    def resolve_total_cost(log: FuelLog) -> dict:
        return money(log.total_cost, log.owner)

    @staticmethod
    def resolve_economy(log: FuelLog) -> dict | None:
        return quantity(units.rounded(log.economy, 2), log.economy_symbol)


class FillUpIn(In):
    """A fill-up as typed on its form, in the vehicle's units: any two of quantity, price and
    total cost (the third is worked out)."""

    filled_at: datetime.datetime = Field(description="With an offset; without one, the user's time zone.")
    odometer: Decimal = Field(description="In the vehicle's distance unit.")
    energy: Energy | None = Field(None, description="The vehicle's usual energy when left out.")
    quantity: Decimal | None = None
    price: Decimal | None = None
    total_cost: Decimal | None = None
    fuel_grade: str = ""
    is_full: bool = True
    missed_previous: bool = False
    notes: str = ""


def _form(data: dict, vehicle: Vehicle, log: FuelLog) -> FuelLogForm:
    data.setdefault("energy", log.energy if log.pk else energies_for(vehicle)[0])
    return FuelLogForm(data, vehicle=vehicle, instance=log)


fill_ups = RecordResource(
    path="fill-ups",
    noun="fill_up",
    model=FuelLog,
    out=FillUpOut,
    into=FillUpIn,
    form=_form,
    trash=lambda log: fuel_log_trash(log=log),
    restore=lambda log: fuel_log_restore(log=log),
    date_field="filled_at",
)
router = record_router(fill_ups)


class EnergyFiguresOut(Schema):
    energy: Energy
    quantity_unit: str = Field(description="What `average_price` is per.")
    fills: int
    spend: Money
    average_economy: Quantity | None = Field(description="Total distance over total fuel of complete segments.")
    best_economy: Quantity | None
    average_price: Money | None = Field(description="Per unit of the vehicle's quantity unit for this energy.")
    cost_per_distance: Money | None = Field(description="Per unit of the vehicle's distance unit.")


class VehicleFiguresOut(Schema):
    vehicle: int
    distance_unit: str = Field(description="What `cost_per_distance` is per.")
    fills: int
    spend: Money
    energies: list[EnergyFiguresOut]


class FiguresOut(Schema):
    since: datetime.date | None
    until: datetime.date | None
    fills: int
    spend: Money
    spend_per_month: Money | None
    vehicles: list[VehicleFiguresOut]


class Period(Schema):
    vehicle: int | None = Field(None, description="One vehicle's figures; the whole garage when left out.")
    since: datetime.date | None = None
    until: datetime.date | None = None


@router.get("/figures/fuel", response=answers({200: FiguresOut}), operation_id="fuel_figures", url_name="fuel_figures")
def figures(request: HttpRequest, period: Query[Period]):
    """Fuel economy and spend, as the analytics page shows them (in each vehicle's units)."""
    user = request.auth.user
    if period.vehicle is not None:
        get_object_or_404(Vehicle.objects.for_user(user), pk=period.vehicle)
    if period.since and period.until and period.since > period.until:
        raise bad_query("until", "The end comes before the start.")
    analytics = fuel_figures(user, period.vehicle, period.since, period.until)
    return {
        "since": period.since,
        "until": period.until,
        "fills": analytics.fills,
        "spend": money(analytics.spend, user),
        "spend_per_month": money(units.rounded(analytics.spend_per_month, 2), user),
        "vehicles": [_vehicle_figures(figures, user) for figures in analytics.vehicles],
    }


def _vehicle_figures(figures, user) -> dict:
    vehicle = figures.vehicle
    distance = units.DISTANCE_SYMBOLS[vehicle.distance_unit]
    return {
        "vehicle": vehicle.pk,
        "distance_unit": distance,
        "fills": figures.fills,
        "spend": money(figures.spend, user),
        "energies": [
            {
                "energy": energy.energy,
                "quantity_unit": energy.quantity_symbol,
                "fills": energy.fills,
                "spend": money(energy.spend, user),
                "average_economy": quantity(units.rounded(energy.average, 2), energy.economy_symbol),
                "best_economy": quantity(units.rounded(energy.best, 2), energy.economy_symbol),
                "average_price": money(units.rounded(energy.price, 3), user),
                "cost_per_distance": money(
                    units.rounded(_per_distance(energy.cost_per_km, vehicle.distance_unit), 3), user
                ),
            }
            for energy in figures.energies
        ],
    }


def _per_distance(cost_per_km: Decimal | None, unit: str) -> Decimal | None:
    return None if cost_per_km is None else cost_per_km * units.to_km(Decimal(1), unit)
