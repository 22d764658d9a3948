from functools import partial

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from motovault.mixins import OwnedMixin

from . import selectors, services, trash
from .access import Role, require
from .forms import OdometerReadingForm, VehicleForm, initial_from_configuration, prefill_from_vin
from .models import OdometerReading, Vehicle
from .sections import SECTIONS


class GarageView(OwnedMixin, TemplateView):
    """Every vehicle as a card; a constant number of queries however many there are, and none
    while the cards in the cache are current (the template caches them)."""

    model = Vehicle
    template_name = "vehicles/garage.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["cards"] = SimpleLazyObject(lambda: selectors.garage_cards(self.request.user))
        just_deleted = self.request.GET.get("deleted", "")
        if just_deleted.isdecimal():
            context["undo"] = Vehicle.objects.trashed_for_user(self.request.user).filter(pk=just_deleted).first()
        return context


class VehicleDetailView(OwnedMixin, DetailView):
    """The vehicle page, opening on its overview: details, odometer readings and the form to add one."""

    model = Vehicle
    template_name = "vehicles/detail.html"

    def get_context_data(self, **kwargs) -> dict:
        overview = overview_context(self.request.user, self.object)
        return {**super().get_context_data(**kwargs), **overview, "sections": SECTIONS}


def overview_context(user, vehicle: Vehicle, form: OdometerReadingForm | None = None) -> dict:
    """The overview tab of ``vehicle``: its current odometer (memoized) and its readings, read only
    when the template's cached fragment of them is missing."""
    return {
        "vehicle": vehicle,
        "odometer_km": partial(selectors.current_odometer_km, user, vehicle.pk),  # called by the template
        "readings": SimpleLazyObject(
            lambda: list(vehicle.odometerreadings.filter(deleted_at__isnull=True).select_related("entered_by")[:20])
        ),
        "reading_form": form or OdometerReadingForm(vehicle=vehicle),
    }


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
        return {**super().get_form_kwargs(), "owner": self.object.owner if self.object else self.request.user}

    def form_valid(self, form) -> HttpResponse:
        self.object = services.vehicle_save(form=form, owner=self.request.user)
        messages.success(self.request, f"Saved {self.object}.")
        return redirect(self.get_success_url())

    def get_success_url(self) -> str:
        return reverse("vehicles:detail", args=[self.object.pk])


class VehicleCreateView(VehicleFormMixin, CreateView):
    def get_initial(self) -> dict:
        """A new vehicle starts in the units the user chose in their settings, and as the catalog
        browser's "Add this vehicle" link names it (the configuration chosen there)."""
        user = self.request.user
        units = {
            "distance_unit": user.distance_unit,
            "volume_unit": user.volume_unit,
            "economy_unit": user.economy_unit,
        }
        configuration = initial_from_configuration(self.request.GET.get("configuration", ""))
        return {**super().get_initial(), **units, **configuration}


class VehicleUpdateView(VehicleFormMixin, UpdateView):
    def get_object(self, queryset=None) -> Vehicle:
        vehicle = super().get_object(queryset)
        require(self.request.user, vehicle, Role.MANAGER)
        return vehicle


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
    required_role = Role.MANAGER

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.object = self.get_object()
        require(request.user, self.object, self.required_role)
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
        context["sections"] = [(section, section.items(self.request.user)) for section in trash.SECTIONS]
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
    required_role = Role.OWNER

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
    """The photo (or its thumbnail, ``field``), only for its owner: it is user data, not a public file."""

    model = Vehicle
    field = "photo"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        photo = getattr(self.get_object(), self.field)
        if not photo:
            raise Http404("No photo.")
        response = FileResponse(photo.open("rb"))
        response["Cache-Control"] = "private, max-age=3600"
        return response


class ReadingCreateView(OwnedMixin, View):
    """Adds an odometer reading from the overview tab; answers with the refreshed tab."""

    model = OdometerReading
    http_method_names = ["post"]

    def post(self, request: HttpRequest, vehicle_pk: int) -> HttpResponse:
        vehicle = self.get_owned(Vehicle, pk=vehicle_pk)
        require(request.user, vehicle, Role.DRIVER)
        form = OdometerReadingForm(request.POST, vehicle=vehicle)
        if form.is_valid():
            form.instance.vehicle = vehicle
            form.instance.assign(request.user)
            form.save()
            if not request.htmx:
                messages.success(request, "Odometer reading saved.")
                return redirect("vehicles:detail", pk=vehicle.pk)
            form = None
        context = overview_context(request.user, vehicle, form)
        if request.htmx:
            return render(request, "vehicles/detail.html#overview-section", context)
        return render(request, "vehicles/detail.html", {**context, "object": vehicle, "sections": SECTIONS})


class ReadingDeleteView(OwnedMixin, SingleObjectMixin, View):
    model = OdometerReading
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        reading = self.get_object()
        vehicle = self.get_owned(Vehicle, pk=reading.vehicle_id)
        require(request.user, vehicle, Role.DRIVER)
        reading.soft_delete()
        if request.htmx:
            context = overview_context(request.user, vehicle)
            return render(request, "vehicles/detail.html#overview-section", context)
        return redirect("vehicles:detail", pk=reading.vehicle_id)
