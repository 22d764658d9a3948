"""The home page (the garage's costs, what is due, where fuel is cheapest), a vehicle's cost of
ownership, and its year report (page, CSV, PDF). Reads only: every figure is a memoized selector
keyed by the user's today and the period."""

from functools import cached_property, partial

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from dashboard import report, selectors
from dashboard.forms import CostsForm
from fuel_logs.csv_io import stream
from motovault import caching
from motovault.mixins import OwnedMixin
from vehicles.models import Vehicle


def home(request: HttpRequest) -> HttpResponse:
    """The landing page; signed in, the dashboard on the user's today."""
    if not request.user.is_authenticated:
        return render(request, "dashboard/home.html")
    return HomeView.as_view()(request)


class CostsMixin(OwnedMixin):
    """Pages over a period with the purchase toggles (``?start=&end=&purchase=&depreciation=``)."""

    model = Vehicle
    charts_url_name: str

    def vehicle_id(self) -> int | None:
        return None

    @cached_property
    def today(self):
        return timezone.localdate()  # the user's day: UserTimeZoneMiddleware

    @cached_property
    def form(self) -> CostsForm:
        return CostsForm(self.request.GET)

    def charts_url(self) -> str:
        start, end = self.form.period
        query = urlencode({name: day.isoformat() for name, day in (("start", start), ("end", end)) if day})
        return reverse(self.charts_url_name, kwargs=self.kwargs) + (f"?{query}" if query else "")

    def get_context_data(self, **kwargs) -> dict:
        (start, end), vehicle_id, user = self.form.period, self.vehicle_id(), self.request.user
        costs = SimpleLazyObject(lambda: selectors.garage_costs(user, self.today, start, end, vehicle_id))
        rows = SimpleLazyObject(lambda: [(cost, cost.figures(self.form.capital)) for cost in costs.vehicles])
        capital = self.form.capital
        context = {
            "today": self.today,
            "start": start,
            "end": end,
            # What the totals count, as a fragment's key part (booleans are no key): "purchase", ...
            "counted": "purchase" if capital.purchase else "depreciation" if capital.depreciation else "running",
            "form": self.form,
            "capital": capital,
            "costs": costs,
            "rows": rows,
            "charts_url": self.charts_url(),
        }
        return super().get_context_data(**context, **kwargs)


class ChartsMixin:
    """The charts' JSON, which the page fetches; revalidated by ETag until the data changes."""

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        arguments = (self.today, *self.form.period, self.vehicle_id())  # another user's vehicle: 404 first
        body = partial(selectors.costs_charts_json, request.user, *arguments)
        return caching.revalidated_json(request, "garage-costs-charts", body, *arguments)


class HomeView(CostsMixin, TemplateView):
    template_name = "dashboard/home.html"
    charts_url_name = "costs-charts"

    def get_context_data(self, **kwargs) -> dict:
        user, today = self.request.user, self.today
        return super().get_context_data(
            state=selectors.home_state(user, today, *self.form.period),
            glance=SimpleLazyObject(lambda: selectors.glance(user, today)),
            due=SimpleLazyObject(lambda: selectors.due_next(user, today)),
            cheapest=SimpleLazyObject(lambda: selectors.cheapest_fuel(user, today)),
            **kwargs,
        )


class HomeChartsView(ChartsMixin, HomeView):
    pass


class VehicleMixin:
    @cached_property
    def vehicle(self) -> Vehicle:
        return self.get_owned(Vehicle, pk=self.kwargs["pk"])

    def vehicle_id(self) -> int:
        return self.vehicle.pk


class VehicleCostsView(VehicleMixin, CostsMixin, TemplateView):
    """One vehicle's cost of ownership, its distance, economy (beside the EPA's) and year reports."""

    template_name = "dashboard/vehicle.html"
    charts_url_name = "vehicle-costs-charts"

    def get_context_data(self, **kwargs) -> dict:
        user, vehicle = self.request.user, self.vehicle
        return super().get_context_data(
            vehicle=vehicle,
            economy=SimpleLazyObject(lambda: selectors.economy(user, vehicle.pk)),
            together=SimpleLazyObject(lambda: selectors.energies_together(user, vehicle)),
            years=selectors.report_years(vehicle, self.today),
            **kwargs,
        )


class VehicleChartsView(ChartsMixin, VehicleCostsView):
    pass


class YearReportView(VehicleMixin, OwnedMixin, View):
    """A vehicle's year: a page that prints well, or the same figures as CSV or PDF (``format``)."""

    model = Vehicle
    format = "html"

    def get(self, request: HttpRequest, pk: int, year: int) -> HttpResponse:
        vehicle, today = self.vehicle, timezone.localdate()
        if year not in selectors.report_years(vehicle, today):
            raise Http404("The vehicle was not owned that year.")
        figures = selectors.year_report(request.user, vehicle.pk, year, today)
        name = f"costs-{vehicle.pk}-{year}"
        if self.format == "csv":
            return StreamingHttpResponse(
                stream(report.csv_rows(figures)),
                content_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
            )
        if self.format == "pdf":
            return HttpResponse(
                report.pdf(figures, request.user),
                content_type="application/pdf",
                headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'},
            )
        context = {"vehicle": vehicle, "report": figures, "years": selectors.report_years(vehicle, today)}
        return render(request, "dashboard/report.html", context)
