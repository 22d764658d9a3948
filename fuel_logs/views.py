"""Fuel pages. Every one starts from the signed-in user's rows (OwnedMixin): another user's
vehicle or fill-up is a 404, a signed-out visitor is sent to sign in."""

import datetime
from decimal import Decimal
from functools import cached_property, partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views import View
from django.views.generic import CreateView, DeleteView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from fuel_logs import csv_io, selectors
from fuel_logs.forms import DateRangeForm, FuelLogForm, QuickFuelLogForm
from fuel_logs.models import FuelLog, energies_for
from fuel_logs.pagination import keyset_page, page_key
from fuel_logs.services import fuel_log_restore, fuel_log_trash
from motovault import caching, formats
from motovault.mixins import OwnedMixin
from vehicles import selectors as vehicles_selectors
from vehicles.access import RecordRoleMixin, Role, require
from vehicles.models import Vehicle

# The event a changed fill-up sends: the list of fill-ups reloads on it (its neighbours' economy
# may have changed too).
CHANGED = "fuel-changed"


def _changed() -> HttpResponse:
    return HttpResponse(status=204, headers={"HX-Trigger": CHANGED})


class VaryOnHtmxMixin:
    """Pages that answer HTMX with a fragment of themselves: caches must keep both apart."""

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        return response


class VehicleFuelMixin(OwnedMixin):
    """Pages about one of the user's vehicles, named by ``vehicle_pk`` in the URL."""

    model = FuelLog
    required_role = Role.VIEWER  # the role a page needs on the vehicle (a form: DRIVER)

    @cached_property
    def vehicle(self) -> Vehicle:
        vehicle = self.get_owned(Vehicle, pk=self.kwargs["vehicle_pk"])
        require(self.request.user, vehicle, self.required_role)
        return vehicle

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(vehicle=self.vehicle, **kwargs)


class FuelListView(VehicleFuelMixin, VaryOnHtmxMixin, TemplateView):
    """A vehicle's fill-ups, newest first. Inside the vehicle page's Fuel tab (HTMX, target
    ``vehicle-section``) only the section is sent; other HTMX requests (pages) get the rows."""

    template_name = "fuel_logs/list.html"

    def get_template_names(self) -> list[str]:
        if not self.request.htmx:
            return [self.template_name]
        part = "fuel-section" if self.request.htmx.target == "vehicle-section" else "fuel-rows"
        return [f"{self.template_name}#{part}"]

    def get_context_data(self, **kwargs) -> dict:
        just_deleted = self.request.GET.get("deleted", "")
        if just_deleted.isdecimal():
            trashed = FuelLog.objects.trashed_for_user(self.request.user).filter(vehicle=self.vehicle)
            kwargs["undo"] = trashed.filter(pk=just_deleted).first()
        context = rows_context(self.request, self.vehicle, self.request.GET, self.request.get_full_path())
        return super().get_context_data(**context, **kwargs)


PAGE_SIZE = 50


def rows_context(request: HttpRequest, vehicle: Vehicle, params, rows_url: str) -> dict:
    """What the list's rows show: the page ``params`` ask for (read only when the template's cached
    table is missing), keyed by the page asked for, normalised: any other parameter (or a malformed
    one) is the first page, and never a cache entry of its own. ``rows_url`` reloads them."""

    def page():
        logs = FuelLog.objects.for_user(request.user).filter(vehicle=vehicle).select_related("station", "entered_by")
        page = keyset_page(logs, params, PAGE_SIZE)
        for log in page.logs:
            log.vehicle = vehicle
        return page

    several_energies = len(energies_for(vehicle)) > 1  # a quantity's unit says which energy it is
    return {
        "page": SimpleLazyObject(page),
        "page_key": page_key(params),
        "rows_url": rows_url,
        "several_energies": several_energies,
    }


class FuelFormMixin(VaryOnHtmxMixin):
    """Add and edit: a full page, or the form alone for HTMX (in place in the list)."""

    model = FuelLog
    template_name = "fuel_logs/form.html"
    htmx_partial = "fuel-form"

    def get_template_names(self) -> list[str]:
        if self.request.htmx:
            return [f"{self.template_name}#{self.htmx_partial}"]
        return [self.template_name]

    def get_success_url(self) -> str:
        return reverse("fuel_logs:list", args=[self.object.vehicle_id])

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        if self.request.htmx:
            return _changed()
        if form.duplicate:
            messages.info(self.request, "That form was already sent: the fill-up is saved once.")
        else:
            messages.success(self.request, "Fill-up saved.")
        return response


class NewFillUpMixin:
    """A new fill-up's form (the vehicle's page and quick entry): it starts like the vehicle's last
    fill-up, of the energy asked for (``?energy=``: a plug-in hybrid's charge starts with the last
    kWh price, not the petrol one). Choosing another energy re-renders the form in place (HTMX),
    keeping what was typed."""

    CARRIED = ("filled_at", "odometer", "notes", "station", "new_station")

    def get_initial(self) -> dict:
        if self.request.method == "POST":  # what was posted is the form; nothing to prefill
            return super().get_initial()
        vehicle, asked = self.vehicle, self.request.GET.get("energy", "")
        energy = asked if asked in energies_for(vehicle) else None
        initial = FuelLogForm.prefill(vehicle, selectors.last_fill_up(self.request.user, vehicle.pk, energy))
        carried = {name: self.request.GET[name] for name in self.CARRIED if self.request.GET.get(name)}
        return {**initial, **({"energy": energy} if energy else {}), **carried}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if form is not None and not form.fields["energy"].widget.is_hidden:
            attrs = {"hx-get": self.request.path, "hx-target": "#fuel-form", "hx-swap": "outerHTML"}
            form.fields["energy"].widget.attrs.update({**attrs, "hx-include": "closest form"})
        return form


class FuelCreateView(NewFillUpMixin, VehicleFuelMixin, FuelFormMixin, CreateView):
    form_class = FuelLogForm
    required_role = Role.DRIVER

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "vehicle": self.vehicle, "user": self.request.user}

    def get_context_data(self, **kwargs) -> dict:
        odometer_km = _current_odometer_km(self.request.user, self.vehicle)
        return super().get_context_data(odometer_km=odometer_km, **kwargs)


def _current_odometer_km(user, vehicle: Vehicle) -> Decimal | None:
    """The highest reading so far, shown beside the odometer field (the template's ``distance``
    filter writes it): quick entry's vehicles come with it (``with_odometer()``), any other is asked."""
    if hasattr(vehicle, "current_odometer_km"):
        return vehicle.current_odometer_km
    return vehicles_selectors.current_odometer_km(user, vehicle.pk)


class QuickEntryView(NewFillUpMixin, OwnedMixin, FuelFormMixin, CreateView):
    """The nav's "Log fuel": one short form at the pump, for the vehicle last filled up unless
    another is chosen; choosing one re-renders the form in its units (HTMX)."""

    form_class = QuickFuelLogForm

    @cached_property
    def garage(self) -> list[Vehicle]:
        return selectors.vehicles_by_last_fill_up(self.request.user)

    @cached_property
    def vehicle(self) -> Vehicle | None:
        """The vehicle asked for (404 if the user does not see it, 403 if they may not log fuel
        for it), else the one filled up last, else the first; None with no vehicle at all."""
        chosen = self.request.POST.get("vehicle") or self.request.GET.get("vehicle") or ""
        if chosen.isdecimal():
            for vehicle in self.garage if self.request.method == "GET" else ():
                if vehicle.pk == int(chosen):
                    return vehicle
            vehicle = self.get_owned(Vehicle, pk=int(chosen))  # a save reads the one vehicle, not the garage
            require(self.request.user, vehicle, Role.DRIVER)
            return vehicle
        filled = [vehicle for vehicle in self.garage if vehicle.last_filled_at]
        return max(filled, key=lambda v: v.last_filled_at) if filled else next(iter(self.garage), None)

    def get_form(self, form_class=None):
        """No vehicle yet, no form: the page says to add one first."""
        if self.vehicle is None:
            if self.request.method == "POST":
                raise Http404("No vehicle to log fuel for.")
            return None
        return super().get_form(form_class)

    def get_form_kwargs(self) -> dict:
        def choices() -> list[tuple[int, str]]:
            """Read only if the form is shown (not when a save succeeds)."""
            return [(vehicle.pk, vehicle_label(vehicle)) for vehicle in self.garage]

        return {**super().get_form_kwargs(), "vehicle": self.vehicle, "user": self.request.user, "choices": choices}

    def get_initial(self) -> dict:
        return {**super().get_initial(), "vehicle": self.vehicle}

    def get_context_data(self, **kwargs) -> dict:
        odometer_km = _current_odometer_km(self.request.user, self.vehicle) if self.vehicle else None
        return super().get_context_data(vehicle=self.vehicle, odometer_km=odometer_km, **kwargs)


def vehicle_label(vehicle: Vehicle) -> str:
    """A vehicle as quick entry names it: a shared one says whose it is."""
    return f"{vehicle} ({vehicle.owner_name}'s)" if vehicle.is_shared_with_me else str(vehicle)


class FuelUpdateView(RecordRoleMixin, OwnedMixin, FuelFormMixin, UpdateView):
    form_class = FuelLogForm
    htmx_partial = "fuel-row-form"

    def get_queryset(self):
        return super().get_queryset().select_related("vehicle")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "vehicle": self.object.vehicle, "user": self.request.user}

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(vehicle=self.object.vehicle, **kwargs)


class FuelDeleteView(RecordRoleMixin, OwnedMixin, DeleteView):
    """Soft delete: the row goes to the trash and the chain's economy is recomputed without it."""

    model = FuelLog
    template_name = "fuel_logs/confirm_delete.html"

    def get_queryset(self):
        return super().get_queryset().select_related("vehicle")

    def form_valid(self, form) -> HttpResponse:
        log = self.object
        fuel_log_trash(log=log)
        return _rows_or_list(self.request, log.vehicle, undo=log)


class FuelRestoreView(RecordRoleMixin, OwnedMixin, SingleObjectMixin, View):
    """Undo a delete: the trashed fill-up comes back and its chain's economy is recomputed with it."""

    model = FuelLog
    http_method_names = ["post"]

    def get_queryset(self):
        return FuelLog.objects.trashed_for_user(self.request.user).select_related("vehicle")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        log = self.get_object()
        if log.vehicle.deleted_at is not None:
            raise Http404("Its vehicle is in the trash: restore the vehicle first.")
        fuel_log_restore(log=log)
        if not request.htmx:
            messages.success(request, f"Restored the fill-up of {formats.day(log.filled_at)}.")
        return _rows_or_list(request, log.vehicle)


def _rows_or_list(request: HttpRequest, vehicle: Vehicle, undo: FuelLog | None = None) -> HttpResponse:
    """After a delete or a restore: the list's rows in place (HTMX), else the list page, with Undo
    after a delete."""
    url = reverse("fuel_logs:list", args=[vehicle.pk])
    if not request.htmx:
        return HttpResponseRedirect(f"{url}?deleted={undo.pk}" if undo else url)
    context = {**rows_context(request, vehicle, {}, url), "vehicle": vehicle, "undo": undo}
    return render(request, "fuel_logs/list.html#fuel-rows", context)


class AnalyticsMixin(OwnedMixin):
    """Figures and charts of one vehicle or the garage over an optional period (``?start=&end=``).
    The figures are a memoized value the template caches as a fragment; the period form beside
    them is rendered each time."""

    model = FuelLog
    template_name = "fuel_logs/analytics.html"
    charts_url_name: str

    def vehicle_id(self) -> int | None:
        """The vehicle of a vehicle's page (a 404 for another user's), None for the garage."""
        return None

    @cached_property
    def range_form(self) -> DateRangeForm:
        return DateRangeForm(self.request.GET)

    @cached_property
    def period(self) -> tuple[datetime.date | None, datetime.date | None]:
        """The period asked for once checked; all of it when the form is not valid."""
        if not self.range_form.is_valid():
            return None, None
        return self.range_form.cleaned_data["start"], self.range_form.cleaned_data["end"]

    def get_context_data(self, **kwargs) -> dict:
        vehicle_id, (start, end) = self.vehicle_id(), self.period
        query = urlencode({name: day.isoformat() for name, day in (("start", start), ("end", end)) if day})
        charts_url = reverse(self.charts_url_name, kwargs=self.kwargs) + (f"?{query}" if query else "")
        analytics = SimpleLazyObject(lambda: selectors.fuel_figures(self.request.user, vehicle_id, start, end))
        context = {
            "analytics": analytics,
            "vehicle_id": vehicle_id,
            "start": start,
            "end": end,
            "charts_url": charts_url,
        }
        return super().get_context_data(range_form=self.range_form, **context, **kwargs)


class ChartsMixin:
    """The charts' data as JSON, which the analytics page fetches: over years of a garage it runs
    to hundreds of kilobytes, so it is a response of its own that a browser keeps and revalidates
    (its ETag is the memoized value's key) to get 304 Not Modified until the data changes."""

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        arguments = (self.vehicle_id(), *self.period)  # another user's vehicle is a 404 before anything else
        body = partial(selectors.fuel_charts_json, request.user, *arguments)
        return caching.revalidated_json(request, "fuel-charts", body, *arguments)


class VehicleAnalyticsView(VehicleFuelMixin, AnalyticsMixin, TemplateView):
    charts_url_name = "fuel_logs:analytics-charts"

    def vehicle_id(self) -> int:
        return self.vehicle.pk


class VehicleChartsView(ChartsMixin, VehicleAnalyticsView):
    pass


class GarageAnalyticsView(AnalyticsMixin, TemplateView):
    charts_url_name = "fuel_logs:garage-analytics-charts"


class GarageChartsView(ChartsMixin, GarageAnalyticsView):
    pass


class ExportView(OwnedMixin, View):
    """The user's fill-ups as CSV, streamed. Distances in the vehicles' unit when they share
    one, else in km (the header says which)."""

    model = FuelLog

    def get(self, request: HttpRequest, vehicle_pk: int | None = None) -> StreamingHttpResponse:
        logs = self.get_queryset().select_related("vehicle", "station").order_by("vehicle_id", "filled_at", "id")
        if vehicle_pk is None:
            name = "fuel-logs"
            distance_units = set(Vehicle.objects.for_user(request.user).values_list("distance_unit", flat=True))
            distance_unit = distance_units.pop() if len(distance_units) == 1 else "km"
        else:
            vehicle = self.get_owned(Vehicle, pk=vehicle_pk)
            logs, name, distance_unit = logs.filter(vehicle=vehicle), f"fuel-logs-{vehicle.pk}", vehicle.distance_unit
        rows = csv_io.export_rows(logs.iterator(chunk_size=2000), distance_unit)
        return StreamingHttpResponse(
            csv_io.stream(rows),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
