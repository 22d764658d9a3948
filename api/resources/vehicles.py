"""Vehicles: the garage, through the vehicle form and services the pages use."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from api import events
from api.crud import PageParams, form_data, save_valid
from api.pagination import keyset
from api.schemas import In, Money, Quantity, answers, money, page_of, quantity
from motovault import units
from motovault.mixins import get_owned
from motovault.units import DistanceUnit, EconomyUnit, VolumeUnit
from vehicles.access import Role, require
from vehicles.forms import VehicleForm
from vehicles.models import FuelType, Vehicle
from vehicles.services import vehicle_save

router = Router(tags=["vehicles"])


class VehicleOut(Schema):
    id: int
    year: int
    make: str
    model: str
    nickname: str
    vin: str
    license_plate: str
    colour: str
    fuel_type: FuelType
    distance_unit: DistanceUnit = Field(description="The unit this vehicle's distances are entered and shown in.")
    volume_unit: VolumeUnit
    economy_unit: EconomyUnit
    tank_capacity: Quantity | None
    purchase_date: datetime.date | None
    purchase_price: Money | None
    purchase_odometer: Quantity | None
    sold_date: datetime.date | None
    sold_price: Money | None
    current_odometer: Quantity | None = Field(description="The highest reading of any record.")
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_tank_capacity(vehicle: Vehicle) -> dict | None:
        capacity = units.from_litres(vehicle.tank_capacity_l, vehicle.volume_unit)
        return quantity(units.rounded(capacity, 1), units.VOLUME_SYMBOLS[vehicle.volume_unit])

    @staticmethod
    def resolve_purchase_odometer(vehicle: Vehicle) -> dict | None:
        return _distance(vehicle, vehicle.purchase_odometer_km)

    @staticmethod
    def resolve_current_odometer(vehicle: Vehicle) -> dict | None:
        return _distance(vehicle, getattr(vehicle, "current_odometer_km", None))

    @staticmethod
    def resolve_purchase_price(vehicle: Vehicle) -> dict | None:
        return money(vehicle.purchase_price, vehicle.owner)

    @staticmethod
    def resolve_sold_price(vehicle: Vehicle) -> dict | None:
        return money(vehicle.sold_price, vehicle.owner)


def _distance(vehicle: Vehicle, km) -> dict | None:
    return quantity(units.rounded(units.from_km(km, vehicle.distance_unit), 1), vehicle.distance_unit)


class VehicleIn(In):
    """A vehicle as typed on its form; distances and volumes in the units given here."""

    year: int
    make: str
    model: str
    nickname: str = ""
    vin: str = ""
    vin_nonstandard: bool = False
    license_plate: str = ""
    colour: str = ""
    fuel_type: FuelType = FuelType.GASOLINE
    distance_unit: DistanceUnit
    volume_unit: VolumeUnit
    economy_unit: EconomyUnit
    tank_capacity: Decimal | None = Field(None, description="In volume_unit.")
    purchase_date: datetime.date | None = None
    purchase_price: Decimal | None = None
    purchase_odometer: Decimal | None = Field(None, description="In distance_unit.")
    sold_date: datetime.date | None = None
    sold_price: Decimal | None = None
    notes: str = ""


def _scoped(request: HttpRequest):
    return Vehicle.objects.for_user(request.auth.user).with_odometer().select_related("owner")


def _saved(request: HttpRequest, body: VehicleIn, instance: Vehicle | None) -> Vehicle:
    form = VehicleForm(form_data(body), owner=request.auth.user, instance=instance)
    vehicle = save_valid(form, lambda form: vehicle_save(form=form, owner=request.auth.user))
    return _scoped(request).get(pk=vehicle.pk)


@router.get(
    "/vehicles", response=answers({200: page_of(VehicleOut)}), operation_id="list_vehicles", url_name="vehicles"
)
def list_vehicles(request: HttpRequest, filters: Query[PageParams]):
    return keyset(_scoped(request), field=None, cursor=filters.cursor, limit=filters.limit)


@router.get(
    "/vehicles/{int:vehicle_id}", response=answers({200: VehicleOut}), operation_id="get_vehicle", url_name="vehicle"
)
def get_vehicle(request: HttpRequest, vehicle_id: int):
    return get_object_or_404(_scoped(request), pk=vehicle_id)


@router.post("/vehicles", response=answers({201: VehicleOut}), operation_id="create_vehicle", url_name="vehicles")
def create_vehicle(request: HttpRequest, body: VehicleIn):
    request.auth.require_write()
    return Status(201, _saved(request, body, None))


@router.put(
    "/vehicles/{int:vehicle_id}",
    response=answers({200: VehicleOut}),
    operation_id="update_vehicle",
    url_name="vehicle",
)
def update_vehicle(request: HttpRequest, vehicle_id: int, body: VehicleIn):
    vehicle = get_owned(request.auth.user, Vehicle, pk=vehicle_id)
    request.auth.require_write()
    require(request.auth.user, vehicle, Role.MANAGER)
    return _saved(request, body, vehicle)


@router.delete(
    "/vehicles/{int:vehicle_id}", response=answers({204: None}), operation_id="delete_vehicle", url_name="vehicle"
)
def delete_vehicle(request: HttpRequest, vehicle_id: int):
    """To the trash, with its records, as the garage's Delete does (restore it from the trash page)."""
    vehicle = get_owned(request.auth.user, Vehicle, pk=vehicle_id)
    request.auth.require_write()
    require(request.auth.user, vehicle, Role.MANAGER)
    vehicle.soft_delete()
    return Status(204, None)


events.register(Vehicle, "vehicle", VehicleOut)
