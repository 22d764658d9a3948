"""A vehicle's records as a REST resource, built from what the feature already has: its model, its
form (the page's own, so every rule and message is the same) and its services. A feature adds
its records to the API with a ``RecordResource`` (schemas in, out, and how to save and trash) and
``record_router(resource)``, mounted in ``api/api.py``."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateTimeField, Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from api import events
from api.auth import Refused
from api.pagination import keyset
from api.schemas import answers, page_of
from motovault.mixins import get_owned
from vehicles.access import Role, require
from vehicles.models import Vehicle

VEHICLE_TRASHED = "Its vehicle is in the trash: restore the vehicle first."


class PageParams(Schema):
    cursor: str | None = Field(None, description="The `next` of the previous page.")
    limit: int = Field(settings.API_PAGE_SIZE, ge=1, le=settings.API_PAGE_MAX)


class PeriodFilters(PageParams):
    since: datetime.date | None = Field(None, description="On or after this day (the user's time zone).")
    until: datetime.date | None = Field(None, description="On or before this day.")


class ListFilters(PeriodFilters):
    vehicle: int | None = Field(None, description="Only this vehicle's records.")


def invalid(form: forms.BaseForm) -> Refused:
    """A form's errors as the 422 the API answers, the page's messages word for word (a dotted
    name is a nested field: ``items.0.parts_cost``)."""
    problems = [
        {"loc": ["body"] if name == "__all__" else ["body", *name.split(".")], "msg": message, "type": "invalid"}
        for name, messages in form.errors.items()
        for message in messages
    ]
    return Refused(422, problems)


def bad_query(name: str, message: str) -> Refused:
    return Refused(422, [{"loc": ["query", name], "msg": message, "type": "invalid"}])


def form_data(body: Schema) -> dict:
    """A request body as the form's data: what was left out is empty, as an untouched field."""
    return {name: value for name, value in body.model_dump().items() if value is not None}


def save_valid(form: forms.BaseForm, save: Callable[[forms.BaseForm], Model]) -> Model:
    if not form.is_valid():
        raise invalid(form)
    with transaction.atomic():
        return save(form)


# Days at the very edge of the calendar bound nothing: their midnight in some time zone, or the
# day after them, is past what a datetime holds.
_EARLIEST, _LATEST = datetime.date.min + datetime.timedelta(days=1), datetime.date.max - datetime.timedelta(days=1)


def in_period(records: QuerySet, date_field: str, since, until) -> QuerySet:
    """Records of the days from ``since`` to ``until``; for a date-time, the user's days, bounded
    on the column itself so its index serves them."""
    if not isinstance(records.model._meta.get_field(date_field), DateTimeField):
        return records.filter(**_bounds(date_field, since, until, "lte"))
    start = _midnight(since) if since and since > _EARLIEST else None
    end = _midnight(until + datetime.timedelta(days=1)) if until and until < _LATEST else None
    return records.filter(**_bounds(date_field, start, end, "lt"))


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _bounds(field: str, start, end, before: str) -> dict:
    bounds = {f"{field}__gte": start, f"{field}__{before}": end}
    return {lookup: value for lookup, value in bounds.items() if value is not None}


@dataclass(frozen=True)
class RecordResource:
    """One kind of a vehicle's records. ``form(data, vehicle, instance)`` is the page's form;
    ``save(form)`` stores a valid one (its ``save()`` by default, which calls the service);
    ``trash(record)`` moves one to the trash through the feature's service. A user's own records
    that are about no vehicle (stations) set ``per_vehicle=False``: they are created at
    ``POST /<path>``, their form gets the user instead of a vehicle, and any write scope may write."""

    path: str  # "fill-ups"
    noun: str  # "fill_up": operation ids, events
    model: type[Model]
    out: type[Schema]
    into: type[Schema]
    form: Callable[..., forms.BaseForm]
    trash: Callable[[Model], None]
    date_field: str
    save: Callable[[forms.BaseForm], Model] = field(default=lambda form: form.save())
    related: tuple[str, ...] = ("vehicle", "owner")
    prefetch: tuple[str, ...] = ()  # parts listed with each record (a service record's items)
    per_vehicle: bool = True
    settled: bool = False  # its event is read once committed (a record whose parts are saved after it)
    restore: Callable[[Model], None] | None = None  # back from the trash, through the feature's service


def record_router(resource: RecordResource) -> Router:
    router = Router(tags=[resource.path])
    model, noun, Out, In = resource.model, resource.noun, resource.out, resource.into

    def scoped(request: HttpRequest) -> QuerySet:
        return (
            model.objects.for_user(request.auth.user)
            .select_related(*resource.related)
            .prefetch_related(*resource.prefetch)
        )

    def parent(record: Model):
        """What the record's form is made for: its vehicle, or (per_vehicle=False) its owner."""
        return record.vehicle if resource.per_vehicle else record.owner

    def writable(request: HttpRequest, record: Model) -> None:
        request.auth.require_write()
        if resource.per_vehicle:
            require(request.auth.user, record.vehicle, Role.DRIVER)

    Filters = ListFilters if resource.per_vehicle else PeriodFilters

    @router.get(
        f"/{resource.path}", response=answers({200: page_of(Out)}), operation_id=f"list_{noun}s", url_name=f"{noun}s"
    )
    def list_records(request: HttpRequest, filters: Query[Filters]):
        records = scoped(request)
        if getattr(filters, "vehicle", None) is not None:
            records = records.filter(vehicle_id=filters.vehicle)
        records = in_period(records, resource.date_field, filters.since, filters.until)
        return keyset(records, field=resource.date_field, cursor=filters.cursor, limit=filters.limit)

    @router.get(
        f"/{resource.path}/{{int:record_id}}", response=answers({200: Out}), operation_id=f"get_{noun}", url_name=noun
    )
    def get_record(request: HttpRequest, record_id: int):
        return get_owned(request.auth.user, model, pk=record_id)

    def created(request: HttpRequest, form: forms.BaseForm) -> Status:
        return Status(201, scoped(request).get(pk=save_valid(form, resource.save).pk))

    if resource.per_vehicle:

        @router.post(
            f"/vehicles/{{int:vehicle_id}}/{resource.path}",
            response=answers({201: Out}),
            operation_id=f"create_{noun}",
            url_name=f"vehicle_{noun}s",
        )
        def create_record(request: HttpRequest, vehicle_id: int, body: In):
            vehicle = get_owned(request.auth.user, Vehicle, pk=vehicle_id)
            record = model(vehicle=vehicle)
            record.assign(request.auth.user)  # the vehicle owner's, entered by the token's user
            writable(request, record)
            return created(request, resource.form(form_data(body), vehicle, record))

    else:

        @router.post(f"/{resource.path}", response=answers({201: Out}), operation_id=f"create_{noun}")
        def create_own_record(request: HttpRequest, body: In):
            record = model(owner=request.auth.user)
            writable(request, record)
            return created(request, resource.form(form_data(body), request.auth.user, record))

    @router.put(
        f"/{resource.path}/{{int:record_id}}",
        response=answers({200: Out}),
        operation_id=f"update_{noun}",
        url_name=noun,
    )
    def update_record(request: HttpRequest, record_id: int, body: In):
        record = get_owned(request.auth.user, model, pk=record_id)
        writable(request, record)
        form = resource.form(form_data(body), parent(record), record)
        return scoped(request).get(pk=save_valid(form, resource.save).pk)

    if resource.restore is not None:

        @router.post(
            f"/{resource.path}/{{int:record_id}}/restore",
            response=answers({200: Out}),
            operation_id=f"restore_{noun}",
            url_name=f"{noun}_restore",
        )
        def restore_record(request: HttpRequest, record_id: int):
            """Back from the trash, as the trash page's Restore (one already back answers as it is)."""
            user = request.auth.user
            record = model.objects.trashed_for_user(user).filter(pk=record_id).first() or get_owned(
                user, model, pk=record_id
            )
            writable(request, record)
            if record.deleted_at is not None:
                if resource.per_vehicle and record.vehicle.deleted_at is not None:
                    raise Refused(422, [{"loc": ["path", "record_id"], "msg": VEHICLE_TRASHED, "type": "invalid"}])
                try:
                    with transaction.atomic():
                        resource.restore(record)
                except ValidationError as problem:
                    raise Refused(
                        422, [{"loc": ["path", "record_id"], "msg": m, "type": "invalid"} for m in problem.messages]
                    ) from None
            return scoped(request).get(pk=record.pk)

    @router.delete(
        f"/{resource.path}/{{int:record_id}}",
        response=answers({204: None}),
        operation_id=f"delete_{noun}",
        url_name=noun,
    )
    def delete_record(request: HttpRequest, record_id: int):
        record = get_owned(request.auth.user, model, pk=record_id)
        writable(request, record)
        resource.trash(record)
        return Status(204, None)

    events.register(model, noun, Out, settled=resource.settled)
    return router
