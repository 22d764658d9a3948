"""Service records (with their line items) and reminders, through the maintenance forms (the
pages' rules and messages) and services (totals, reminders moved on); the due list as the pages
show it."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from api.crud import RecordResource, form_data, invalid, record_router
from api.schemas import In, Money, Quantity, answers, money, quantity
from maintenance import selectors, services
from maintenance.forms import ReminderForm, ServiceRecordForm, SnoozeForm, line_items
from maintenance.models import Kind, Reminder, Schedule, ServiceRecord
from motovault import units
from motovault.mixins import get_owned
from vehicles.access import Role, require
from vehicles.models import Vehicle
from vehicles.selectors import current_odometer_km


def _distance(km: Decimal | None, vehicle: Vehicle) -> dict | None:
    return _shown_km(km, vehicle.distance_unit)


class LineItemOut(Schema):
    service_type: str
    description: str
    parts_cost: Money
    labour_cost: Money


class ServiceRecordOut(Schema):
    id: int
    vehicle: int = Field(alias="vehicle_id")
    date: datetime.date
    odometer: Quantity = Field(description="In the vehicle's distance unit.")
    kind: Kind
    shop: str
    items: list[LineItemOut]
    tax: Money
    total_cost: Money = Field(description="The items' parts and labour plus tax.")
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_odometer(record: ServiceRecord) -> dict:
        return _distance(record.odometer_km, record.vehicle)

    @staticmethod
    def resolve_items(record: ServiceRecord) -> list[dict]:
        return [
            {
                "service_type": item.service_type,
                "description": item.description,
                "parts_cost": money(item.parts_cost, record.owner),
                "labour_cost": money(item.labour_cost, record.owner),
            }
            for item in record.items.all()
        ]

    @staticmethod
    def resolve_tax(record: ServiceRecord) -> dict:
        return money(record.tax, record.owner)

    @staticmethod
    def resolve_total_cost(record: ServiceRecord) -> dict:
        return money(record.total_cost, record.owner)


class LineItemIn(In):
    service_type: str = Field(description="What was done; one of the known types or your own.")
    description: str = ""
    parts_cost: Decimal | None = None
    labour_cost: Decimal | None = None


class ServiceRecordIn(In):
    """A service as typed on its form, in the vehicle's units; at least one item. An edit
    replaces the items with those sent."""

    date: datetime.date
    odometer: Decimal = Field(description="In the vehicle's distance unit.")
    kind: Kind = Kind.SERVICE
    shop: str = ""
    tax: Decimal | None = None
    notes: str = ""
    items: list[LineItemIn] = Field(default_factory=list, max_length=30)


class ServiceRecordInput:
    """The service page's two forms as one: the record's and its line items' (a formset), their
    errors together, items under ``items.<n>.<field>``."""

    def __init__(self, data: dict, vehicle: Vehicle, record: ServiceRecord) -> None:
        rows = data.pop("items", None) or []
        formset = {"items-TOTAL_FORMS": len(rows), "items-INITIAL_FORMS": 0}
        for number, row in enumerate(rows):
            formset.update({f"items-{number}-{name}": value for name, value in row.items() if value is not None})
        self.form = ServiceRecordForm(data, vehicle=vehicle, instance=record)
        self.items = line_items(formset, None)  # every row as sent: none compared with the stored ones

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.items.is_valid()])

    @property
    def errors(self) -> dict[str, list[str]]:
        errors = dict(self.form.errors)
        if self.items.non_form_errors():
            errors["items"] = list(self.items.non_form_errors())
        for number, row in enumerate(self.items.errors):
            errors.update({f"items.{number}.{name}": messages for name, messages in row.items()})
        return errors

    def save(self) -> ServiceRecord:
        return services.service_record_save(record=self.form.save(commit=False), items=self.items.items())


service_records = RecordResource(
    path="service-records",
    noun="service_record",
    model=ServiceRecord,
    out=ServiceRecordOut,
    into=ServiceRecordIn,
    form=ServiceRecordInput,
    trash=lambda record: services.service_record_trash(record=record),
    restore=lambda record: services.service_record_restore(record=record),
    date_field="date",
    prefetch=("items",),
    settled=True,
)


class ReminderOut(Schema):
    id: int
    vehicle: int = Field(alias="vehicle_id")
    name: str = Field(description="Its title, else its service type.")
    title: str
    service_type: str
    interval: Quantity | None = Field(description="Every so far, in the vehicle's distance unit.")
    interval_months: int | None
    due_date: datetime.date | None
    due_odometer: Quantity | None
    schedule: Schedule
    soon_days: int | None = Field(description="Null: the user's setting.")
    very_soon_days: int | None
    soon_distance: Quantity | None
    very_soon_distance: Quantity | None
    snoozed_until: datetime.date | None
    last_done_on: datetime.date | None
    last_done_odometer: Quantity | None
    done_on: datetime.date | None = Field(description="A one-off reminder once done.")
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_interval(reminder: Reminder) -> dict | None:
        return _distance(reminder.interval_km, reminder.vehicle)

    @staticmethod
    def resolve_due_odometer(reminder: Reminder) -> dict | None:
        return _distance(reminder.due_odometer_km, reminder.vehicle)

    @staticmethod
    def resolve_soon_distance(reminder: Reminder) -> dict | None:
        return _distance(reminder.soon_km, reminder.vehicle)

    @staticmethod
    def resolve_very_soon_distance(reminder: Reminder) -> dict | None:
        return _distance(reminder.very_soon_km, reminder.vehicle)

    @staticmethod
    def resolve_last_done_odometer(reminder: Reminder) -> dict | None:
        return _distance(reminder.last_done_km, reminder.vehicle)


class ReminderIn(In):
    """A reminder as typed on its form, distances in the vehicle's unit. A recurring one given no
    due point is first due one interval from today and the current odometer."""

    title: str = ""
    service_type: str = Field("", description="Logging a service of this type completes it.")
    interval: Decimal | None = None
    interval_months: int | None = None
    due_date: datetime.date | None = None
    due_odometer: Decimal | None = None
    schedule: Schedule = Schedule.ROLLING
    soon_days: int | None = None
    very_soon_days: int | None = None
    soon_distance: Decimal | None = None
    very_soon_distance: Decimal | None = None
    notes: str = ""


def _save_reminder(form: ReminderForm) -> Reminder:
    vehicle = form.vehicle
    return services.reminder_save(
        reminder=form.save(commit=False),
        today=timezone.localdate(),
        odometer_km=current_odometer_km(vehicle.owner, vehicle.pk),
    )


reminders = RecordResource(
    path="reminders",
    noun="reminder",
    model=Reminder,
    out=ReminderOut,
    into=ReminderIn,
    form=lambda data, vehicle, reminder: ReminderForm(data, vehicle=vehicle, instance=reminder),
    trash=lambda reminder: services.reminder_trash(reminder=reminder),
    restore=lambda reminder: services.reminder_restore(reminder=reminder),
    date_field="created_at",
    save=_save_reminder,
)

router = Router()
router.add_router("", record_router(service_records))
router.add_router("", record_router(reminders))


def _writable_reminder(request: HttpRequest, record_id: int) -> Reminder:
    reminder = get_owned(request.auth.user, Reminder, pk=record_id)
    request.auth.require_write()
    require(request.auth.user, reminder.vehicle, Role.DRIVER)
    return reminder


@router.post(
    "/reminders/{int:record_id}/done",
    response=answers({200: ReminderOut}),
    operation_id="done_reminder",
    url_name="reminder_done",
    tags=["reminders"],
)
def reminder_done(request: HttpRequest, record_id: int):
    """Done today at the current odometer, without a service record (the page's "Mark done"): a
    recurring reminder moves on one interval, a one-off is done."""
    reminder = _writable_reminder(request, record_id)
    odometer_km = current_odometer_km(request.auth.user, reminder.vehicle_id)
    services.reminder_done(reminder=reminder, on=timezone.localdate(), odometer_km=odometer_km)
    return Reminder.objects.for_user(request.auth.user).select_related("vehicle", "owner").get(pk=reminder.pk)


class SnoozeIn(In):
    until: datetime.date = Field(description="A day after today, within ten years.")


@router.post(
    "/reminders/{int:record_id}/snooze",
    response=answers({200: ReminderOut}),
    operation_id="snooze_reminder",
    url_name="reminder_snooze",
    tags=["reminders"],
)
def reminder_snooze(request: HttpRequest, record_id: int, body: SnoozeIn):
    """Not due (nor told about) until a day, as the page's Snooze."""
    reminder = _writable_reminder(request, record_id)
    form = SnoozeForm(form_data(body), today=timezone.localdate())
    if not form.is_valid():
        raise invalid(form)
    services.reminder_snooze(reminder=reminder, until=form.cleaned_data["until"])
    return Reminder.objects.for_user(request.auth.user).select_related("vehicle", "owner").get(pk=reminder.pk)


class DueItemOut(Schema):
    vehicle: int
    key: str = Field(description="Stable: `reminder:<id>`, `document:<id>`.")
    title: str
    state: str = Field(description="ok, soon, very_soon or overdue.")
    due_date: datetime.date | None = Field(description="When it falls due, or is predicted to.")
    due_odometer: Quantity | None = Field(description="In the vehicle's distance unit.")
    detail: str
    url: str = Field(description="The page where it is acted on.")


class DueFilters(Schema):
    vehicle: int | None = Field(None, description="One vehicle's; the whole garage when left out.")


@router.get("/due", response=answers({200: list[DueItemOut]}), operation_id="due_list", url_name="due", tags=["due"])
def due(request: HttpRequest, filters: Query[DueFilters]):
    """What is due next (reminders, expiring documents...), soonest first, as the pages show it."""
    user = request.auth.user
    vehicles = Vehicle.objects.for_user(user)
    if filters.vehicle is not None:
        get_object_or_404(vehicles, pk=filters.vehicle)
    items = selectors.due_list(user, timezone.localdate(), filters.vehicle)
    unit_of = dict(vehicles.filter(pk__in={item.vehicle_id for item in items}).values_list("pk", "distance_unit"))
    return [
        {
            "vehicle": item.vehicle_id,
            "key": item.key,
            "title": item.title,
            "state": item.state.name.lower(),
            "due_date": item.due_date,
            "due_odometer": _shown_km(item.due_odometer_km, unit_of.get(item.vehicle_id, "km")),
            "detail": item.detail,
            "url": item.url,
        }
        for item in items
    ]


def _shown_km(km: Decimal | None, unit: str) -> dict | None:
    return None if km is None else quantity(units.rounded(units.from_km(km, unit), 1), unit)
