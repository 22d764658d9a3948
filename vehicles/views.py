from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from motovault.caching import cached_partial, cached_partials
from motovault.mixins import OwnedMixin

from . import cards, services
from .forms import OdometerReadingForm, VehicleForm, initial_from_configuration, prefill_from_vin
from .models import OdometerReading, Vehicle
from .sections import SECTIONS


class GarageView(OwnedMixin, TemplateView):
    """Every vehicle as a card; a constant number of queries however many there are, and none
    while the cards in the cache are current."""

    model = Vehicle
    template_name = "vehicles/garage.html"

    def cards_context(self) -> dict:
        vehicles = list(self.get_queryset().with_odometer())
        return {"vehicles": vehicles, "facts": cards.facts_for(vehicles)}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["cards"] = cached_partial(self.request, "vehicles/garage.html#cards", self.cards_context)
        just_deleted = self.request.GET.get("deleted", "")
        if just_deleted.isdecimal():
            context["undo"] = Vehicle.objects.trashed_for_user(self.request.user).filter(pk=just_deleted).first()
        return context


class VehicleDetailView(OwnedMixin, DetailView):
    model = Vehicle
    template_name = "vehicles/detail.html"

    def get_object(self, queryset=None) -> Vehicle:
        return services.owned_vehicle(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs) -> dict:
        overview = overview_context(self.request, self.object)
        return {**super().get_context_data(**kwargs), **overview, "sections": SECTIONS}


def overview_context(request: HttpRequest, vehicle: Vehicle, form: OdometerReadingForm | None = None) -> dict:
    """The overview tab: its details (with the current odometer), the reading form's fields and the
    readings come from the cache while the user's data has not changed (a form sent back with its
    errors is a POST's answer, never cached); the CSRF token around the fields is made afresh."""

    def overview() -> dict:
        return {
            "vehicle": Vehicle.objects.with_odometer().get(pk=vehicle.pk),
            "readings": vehicle.odometerreadings.filter(deleted_at__isnull=True)[:20],
            "reading_form": form or OdometerReadingForm(vehicle=vehicle),
        }

    parts = [f"vehicles/detail.html#{part}" for part in ("details", "reading-fields", "readings")]
    details, reading_fields, readings = cached_partials(request, parts, overview, vehicle.pk)
    return {"vehicle": vehicle, "details": details, "reading_fields": reading_fields, "readings_table": readings}


class OverviewSectionView(VehicleDetailView):
    """The overview tab alone, for HTMX; without JavaScript it is the vehicle page itself."""

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        if not self.request.htmx:
            return redirect("vehicles:detail", pk=self.object.pk)
        return render(self.request, "vehicles/detail.html#overview-section", context)


class VehicleFormMixin(OwnedMixin):
    model = Vehicle
    form_class = VehicleForm
    template_name = "vehicles/form.html"

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "owner": self.request.user}

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, f"Saved {self.object}.")
        return response

    def get_success_url(self) -> str:
        return reverse("vehicles:detail", args=[self.object.pk])


class VehicleCreateView(VehicleFormMixin, CreateView):
    def get_initial(self) -> dict:
        """The catalog browser's "Add this vehicle" link names the configuration chosen there."""
        return {**super().get_initial(), **initial_from_configuration(self.request.GET.get("configuration", ""))}


class VehicleUpdateView(VehicleFormMixin, UpdateView):
    pass


class PickerView(OwnedMixin, View):
    """Re-renders the catalog picker for the choices made so far (and a VIN to decode)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        data, vin_problems = request.GET, []
        if "decode_vin" in data:
            data, vin_problems = prefill_from_vin(data, vin=data.get("vin", "").strip().upper())
        form = VehicleForm(data=data, owner=request.user)
        # A decoded VIN sets the fuel type and economy unit too, outside the picker (out-of-band swaps).
        vin_filled = "decode_vin" in request.GET and not vin_problems
        context = {"form": form, "vin_problems": vin_problems, "vin_filled": vin_filled}
        return render(request, "vehicles/form.html#catalog-picker", context)


class VehicleActionView(OwnedMixin, SingleObjectMixin, View):
    """A POST-only action on one of the user's vehicles; subclasses say what ``act`` does."""

    model = Vehicle
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.object = self.get_object()
        return self.act(self.object)


class DeleteView(VehicleActionView):
    def act(self, vehicle: Vehicle) -> HttpResponse:
        vehicle.soft_delete()
        return redirect(f"{reverse('vehicles:garage')}?deleted={vehicle.pk}")


class TrashView(OwnedMixin, ListView):
    model = Vehicle
    template_name = "vehicles/trash.html"

    def get_queryset(self):
        return Vehicle.objects.trashed_for_user(self.request.user).order_by("-deleted_at")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["record_counts"] = services.record_counts(list(context["object_list"]))
        return context


class TrashedVehicleActionView(VehicleActionView):
    def get_queryset(self):
        return Vehicle.objects.trashed_for_user(self.request.user)


class RestoreView(TrashedVehicleActionView):
    def act(self, vehicle: Vehicle) -> HttpResponse:
        try:
            with transaction.atomic():
                vehicle.restore()
        except IntegrityError:
            messages.error(self.request, f"{vehicle} cannot come back: another of your vehicles has its VIN now.")
            return redirect("vehicles:trash")
        messages.success(self.request, f"Restored {vehicle}.")
        return redirect("vehicles:detail", pk=vehicle.pk)


class PurgeView(TrashedVehicleActionView):
    def act(self, vehicle: Vehicle) -> HttpResponse:
        try:
            services.vehicle_purge(vehicle=vehicle, with_records=self.request.POST.get("with_records") == "yes")
        except ProtectedError:
            messages.error(
                self.request,
                f"{vehicle} still has records. Tick “delete its records too” to purge them with it.",
            )
            return redirect("vehicles:trash")
        messages.success(self.request, f"Deleted {vehicle} for good.")
        return redirect("vehicles:trash")


class PhotoView(OwnedMixin, SingleObjectMixin, View):
    """The photo, only for its owner (it is user data, not a public file)."""

    model = Vehicle

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        vehicle = self.get_object()
        if not vehicle.photo:
            raise Http404("No photo.")
        response = FileResponse(vehicle.photo.open("rb"))
        response["Cache-Control"] = "private, max-age=3600"
        return response


class ReadingCreateView(OwnedMixin, View):
    """Adds an odometer reading from the overview tab; answers with the refreshed tab."""

    model = OdometerReading
    http_method_names = ["post"]

    def post(self, request: HttpRequest, vehicle_pk: int) -> HttpResponse:
        vehicle = self.get_owned(Vehicle, pk=vehicle_pk)
        form = OdometerReadingForm(request.POST, vehicle=vehicle)
        if form.is_valid():
            form.instance.owner, form.instance.vehicle = request.user, vehicle
            form.save()
            if not request.htmx:
                messages.success(request, "Odometer reading saved.")
                return redirect("vehicles:detail", pk=vehicle.pk)
            form = None
        context = overview_context(request, vehicle, form)
        if request.htmx:
            return render(request, "vehicles/detail.html#overview-section", context)
        return render(request, "vehicles/detail.html", {**context, "object": vehicle, "sections": SECTIONS})


class ReadingDeleteView(OwnedMixin, SingleObjectMixin, View):
    model = OdometerReading
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        reading = self.get_object()
        reading.soft_delete()
        if request.htmx:
            context = overview_context(request, reading.vehicle)
            return render(request, "vehicles/detail.html#overview-section", context)
        return redirect("vehicles:detail", pk=reading.vehicle_id)
