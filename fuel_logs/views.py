"""Fuel pages. Every one starts from the signed-in user's rows (OwnedMixin): another user's
vehicle or fill-up is a 404, a signed-out visitor is sent to sign in."""

import hashlib
import json
from collections.abc import Callable
from functools import cached_property

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import CreateView, DeleteView, FormView, TemplateView, UpdateView

from fuel_logs import csv_io
from fuel_logs.analytics import fuel_analytics, fuel_charts, period
from fuel_logs.forms import DateRangeForm, FreshFields, FuelLogForm, ImportForm, QuickFuelLogForm, now_to_the_minute
from fuel_logs.models import FuelLog
from fuel_logs.pagination import keyset_page
from fuel_logs.services import fuel_logs_import
from motovault.caching import cache_key, cached, cached_partial, render_fragment
from motovault.mixins import OwnedMixin
from motovault.units import from_km, rounded
from vehicles.models import Vehicle
from vehicles.services import owned_vehicle

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

    @cached_property
    def vehicle(self) -> Vehicle:
        return owned_vehicle(self.request, self.kwargs["vehicle_pk"])

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(vehicle=self.vehicle, **kwargs)


class FuelListView(VehicleFuelMixin, VaryOnHtmxMixin, TemplateView):
    """A vehicle's fill-ups, newest first. Inside the vehicle page's Fuel tab (HTMX, target
    ``vehicle-section``) only the section is sent; other HTMX requests (pages) get the rows."""

    template_name = "fuel_logs/list.html"
    page_size = 50

    def get_template_names(self) -> list[str]:
        if not self.request.htmx:
            return [self.template_name]
        part = "fuel-section" if self.request.htmx.target == "vehicle-section" else "fuel-rows"
        return [f"{self.template_name}#{part}"]

    def table_context(self) -> dict:
        page = keyset_page(self.get_queryset().filter(vehicle=self.vehicle), self.request.GET, self.page_size)
        for log in page.logs:
            log.vehicle = self.vehicle
        return {"vehicle": self.vehicle, "page": page}

    def get_context_data(self, **kwargs) -> dict:
        template, _ = f"{self.template_name}#fuel-table", self.vehicle  # a 404 before the cache is asked
        table = cached_partial(self.request, template, self.table_context, self.request.get_full_path())
        return super().get_context_data(fuel_table=table, **kwargs)


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

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(**{"live_fields": (), **kwargs})  # every field rendered in place

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        if self.request.htmx:
            return _changed()
        if form.duplicate:
            messages.info(self.request, "That form was already sent: the fill-up is saved once.")
        else:
            messages.success(self.request, "Fill-up saved.")
        return response


class FuelCreateView(VehicleFuelMixin, FuelFormMixin, CreateView):
    form_class = FuelLogForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "vehicle": self.vehicle}

    def get_initial(self) -> dict:
        return FuelLogForm.prefill(self.vehicle)

    def get_context_data(self, **kwargs) -> dict:
        vehicle = Vehicle.objects.with_odometer().get(pk=self.vehicle.pk)
        return super().get_context_data(odometer=_current_odometer(vehicle), **kwargs)


def _current_odometer(vehicle: Vehicle) -> str | None:
    """The highest reading so far, shown beside the odometer field (``with_odometer()`` vehicles)."""
    km = vehicle.current_odometer_km
    return None if km is None else f"{rounded(from_km(km, vehicle.distance_unit), 0):,} {vehicle.distance_unit}"


def _no_such_vehicle():
    raise Http404("No such vehicle.")


class QuickEntryView(OwnedMixin, FuelFormMixin, CreateView):
    """The nav's "Log fuel": one short form at the pump, for the vehicle last filled up unless
    another is chosen; choosing one re-renders the form in its units (HTMX)."""

    form_class = QuickFuelLogForm

    # Rendered afresh on every page, after the fields that come from the cache: the time of the
    # fill-up defaults to now, and the entry token must be new each time.
    LIVE_FIELDS = tuple(FreshFields.base_fields)

    @cached_property
    def pump(self) -> dict:
        """What the form shows of the user's data for the vehicle asked for (or the one last filled
        up): the vehicles to choose from, the chosen one, its last fill-up and its odometer."""
        chosen = self.request.POST.get("vehicle") or self.request.GET.get("vehicle") or ""
        newest = FuelLog.objects.filter(vehicle=OuterRef("pk"), deleted_at__isnull=True).order_by("-filled_at")
        vehicles = Vehicle.objects.for_user(self.request.user).with_odometer()
        vehicles = list(vehicles.annotate(last_filled_at=Subquery(newest.values("filled_at")[:1])))
        if chosen.isdecimal():
            vehicle = next((vehicle for vehicle in vehicles if vehicle.pk == int(chosen)), None) or _no_such_vehicle()
        else:
            filled = [vehicle for vehicle in vehicles if vehicle.last_filled_at]
            vehicle = max(filled, key=lambda v: v.last_filled_at) if filled else next(iter(vehicles), None)
        return {
            "choices": [(each.pk, str(each)) for each in vehicles],
            "vehicle": vehicle,
            "last": FuelLogForm.like_the_last(vehicle) if vehicle else {},
            "odometer": _current_odometer(vehicle) if vehicle else None,
        }

    @property
    def vehicle(self) -> Vehicle | None:
        return self.pump["vehicle"]

    def get_form(self, form_class=None):
        """No vehicle yet, no form: the page says to add one first."""
        if self.vehicle is None:
            if self.request.method == "POST":
                raise Http404("No vehicle to log fuel for.")
            return None
        return super().get_form(form_class)

    def get_form_kwargs(self) -> dict:
        kwargs = {"vehicle": self.vehicle, "user": self.request.user, "choices": self.pump["choices"]}
        return {**super().get_form_kwargs(), **kwargs}

    def get_initial(self) -> dict:
        return {**FuelLogForm.prefill(self.vehicle, self.pump["last"]), "vehicle": self.vehicle}

    def blank_page(self) -> dict:
        """A blank form's vehicle and its fields but the fresh ones, rendered: with a garage of
        vehicles to choose from, most of the page. Cached, so a page in the cache costs no query
        and builds no more of the form than its fresh fields."""
        if self.vehicle is None:
            return {"vehicle": None}
        values = {"form": self.get_form(), "odometer": self.pump["odometer"], "live_fields": self.LIVE_FIELDS}
        return {
            "vehicle": self.vehicle,
            "fields": render_fragment(self.request, f"{self.template_name}#fuel-fields", values),
        }

    def get_context_data(self, **kwargs) -> dict:
        if "form" in kwargs:  # a form sent back with its errors
            return super().get_context_data(vehicle=self.vehicle, odometer=self.pump["odometer"], **kwargs)
        page = cached(self.request, "quick-entry", self.blank_page, self.request.GET.get("vehicle", ""))
        if page["vehicle"] is None:
            return super().get_context_data(form=None, vehicle=None, **kwargs)
        fresh = FreshFields(initial={"filled_at": now_to_the_minute()})
        fields = {"cached_fields": mark_safe(page["fields"]), "live_fields": self.LIVE_FIELDS}
        return super().get_context_data(form=fresh, vehicle=page["vehicle"], **fields)


class FuelUpdateView(OwnedMixin, FuelFormMixin, UpdateView):
    form_class = FuelLogForm
    htmx_partial = "fuel-row-form"

    def get_queryset(self):
        return super().get_queryset().select_related("vehicle")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "vehicle": self.object.vehicle}

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(vehicle=self.object.vehicle, **kwargs)


class FuelDeleteView(OwnedMixin, DeleteView):
    """Soft delete: the row goes to the trash and the chain's economy is recomputed without it."""

    model = FuelLog
    template_name = "fuel_logs/confirm_delete.html"

    def get_queryset(self):
        return super().get_queryset().select_related("vehicle")

    def form_valid(self, form) -> HttpResponse:
        self.object.soft_delete()
        if self.request.htmx:
            return _changed()
        messages.success(self.request, "Fill-up deleted.")
        return HttpResponseRedirect(reverse("fuel_logs:list", args=[self.object.vehicle_id]))


class AnalyticsMixin(OwnedMixin):
    """Figures and charts over an optional date range (``?start=&end=``). A page says which
    fill-ups and vehicles (``scope``); its figures come from the cache while the user's data has
    not changed, for over years of fill-ups they are the costly part."""

    model = FuelLog
    template_name = "fuel_logs/analytics.html"
    charts_url_name: str

    def scope(self) -> tuple[QuerySet, Callable[[], list[Vehicle]], Vehicle | None]:
        """The fill-ups, the vehicles they are shown for, and the one vehicle of a vehicle's page."""
        raise NotImplementedError

    @cached_property
    def range_form(self) -> DateRangeForm:
        return DateRangeForm(self.request.GET)

    def logs(self) -> QuerySet:
        logs = self.scope()[0]
        if self.range_form.is_valid():
            logs = period(logs, self.range_form.cleaned_data["start"], self.range_form.cleaned_data["end"])
        return logs

    def get_context_data(self, **kwargs) -> dict:
        _, vehicles, vehicle = self.scope()
        query = self.request.GET.urlencode()
        charts_url = reverse(self.charts_url_name, kwargs=self.kwargs) + (f"?{query}" if query else "")

        def figures() -> dict:
            analytics = fuel_analytics(self.logs(), vehicles())
            return {"analytics": analytics, "vehicle": vehicle, "charts_url": charts_url, "range_form": self.range_form}

        # The period form is a GET form (no CSRF token): it is cached with the figures of its period.
        template, path = f"{self.template_name}#figures", self.request.get_full_path()
        figures = cached_partial(self.request, template, figures, path)
        return super().get_context_data(figures=figures, **kwargs)


class ChartsMixin:
    """The charts' data as JSON, which the analytics page fetches: over years of a garage it runs
    to hundreds of kilobytes, so it is a response of its own that a browser keeps and revalidates
    (its ETag is the user's data version) to get 304 Not Modified until the data changes."""

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        _, vehicles, _ = self.scope()  # another user's vehicle is a 404 before anything else
        path = request.get_full_path()
        etag = f'"{hashlib.sha256(cache_key(request, "charts", path).encode()).hexdigest()[:24]}"'
        response = get_conditional_response(request, etag=etag)
        if response is None:
            body = cached(request, "charts", lambda: json.dumps(fuel_charts(self.logs(), vehicles()), **COMPACT), path)
            response = HttpResponse(body, content_type="application/json")
        response["ETag"], response["Cache-Control"] = etag, "private, no-cache"
        return response


# Chart data has no use for the spaces after every comma: they were a sixth of a garage's.
COMPACT = {"cls": DjangoJSONEncoder, "separators": (",", ":")}


class VehicleAnalyticsView(VehicleFuelMixin, AnalyticsMixin, TemplateView):
    charts_url_name = "fuel_logs:analytics-charts"

    def scope(self) -> tuple[QuerySet, Callable[[], list[Vehicle]], Vehicle | None]:
        return self.get_queryset().filter(vehicle=self.vehicle), lambda: [self.vehicle], self.vehicle


class VehicleChartsView(ChartsMixin, VehicleAnalyticsView):
    pass


class GarageAnalyticsView(AnalyticsMixin, TemplateView):
    charts_url_name = "fuel_logs:garage-analytics-charts"

    def scope(self) -> tuple[QuerySet, Callable[[], list[Vehicle]], Vehicle | None]:
        vehicles = Vehicle.objects.for_user(self.request.user).order_by("pk")
        return self.get_queryset(), lambda: list(vehicles), None


class GarageChartsView(ChartsMixin, GarageAnalyticsView):
    pass


class ExportView(OwnedMixin, View):
    """The user's fill-ups as CSV, streamed. Distances in the vehicles' unit when they share
    one, else in km (the header says which)."""

    model = FuelLog

    def get(self, request: HttpRequest, vehicle_pk: int | None = None) -> StreamingHttpResponse:
        logs = self.get_queryset().select_related("vehicle").order_by("vehicle_id", "filled_at", "id")
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


class ImportView(VehicleFuelMixin, FormView):
    """All or nothing: every rejected row is listed with its line and reason, and nothing is
    stored until the whole file is right."""

    form_class = ImportForm
    template_name = "fuel_logs/import.html"

    def form_valid(self, form) -> HttpResponse:
        try:
            logs, rejected = csv_io.parse(form.cleaned_data["file"].read(), self.vehicle)
        except csv_io.UnreadableFile as problem:
            form.add_error("file", str(problem))
            return self.form_invalid(form)
        if not logs and not rejected:
            form.add_error("file", "The file has no fill-ups.")
        if rejected or not logs:
            return self.render_to_response(self.get_context_data(form=form, rejected=rejected))
        fuel_logs_import(logs=logs)
        messages.success(self.request, f"Imported {len(logs)} fill-ups.")
        return HttpResponseRedirect(reverse("fuel_logs:list", args=[self.vehicle.pk]))
