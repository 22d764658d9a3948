"""Other costs pages: a vehicle's list (also its "Costs" tab), add, edit, delete with undo, restore.
Every one starts from the signed-in user's rows (OwnedMixin); a write checks the role too."""

from functools import cached_property

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views import View
from django.views.generic import CreateView, DeleteView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from costs.forms import OtherCostForm
from costs.models import OtherCost
from costs.services import cost_restore, cost_trash
from motovault import formats
from motovault.mixins import OwnedMixin
from vehicles.access import RecordRoleMixin, Role, require
from vehicles.models import Vehicle

PAGE_SIZE = 50


class CostListView(OwnedMixin, TemplateView):
    """A vehicle's other costs, newest first; in the vehicle page's tab (HTMX) only the section."""

    model = OtherCost
    template_name = "costs/list.html"

    @cached_property
    def vehicle(self) -> Vehicle:
        return self.get_owned(Vehicle, pk=self.kwargs["vehicle_pk"])

    def get_template_names(self) -> list[str]:
        return [f"{self.template_name}#costs-section"] if self.request.htmx else [self.template_name]

    def get_context_data(self, **kwargs) -> dict:
        costs = self.get_queryset().filter(vehicle=self.vehicle).select_related("series", "entered_by")
        page = Paginator(costs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        just_deleted = self.request.GET.get("deleted", "")
        undo = None
        if just_deleted.isdecimal():
            undo = OtherCost.objects.trashed_for_user(self.request.user).filter(pk=just_deleted).first()
        return super().get_context_data(vehicle=self.vehicle, page=page, undo=undo, **kwargs)

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


class CostFormMixin(OwnedMixin):
    model = OtherCost
    form_class = OtherCostForm
    template_name = "costs/form.html"

    def get_form_kwargs(self) -> dict:
        require(self.request.user, self.vehicle, Role.DRIVER)
        return {**super().get_form_kwargs(), "vehicle": self.vehicle}

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(vehicle=self.vehicle, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        if form.instance.pk is None:
            form.instance.assign(self.request.user)  # the vehicle owner's, entered by whoever typed it
        self.object = form.save()
        messages.success(self.request, f"Saved the {self.object.get_category_display().lower()}.")
        return HttpResponseRedirect(reverse("costs:list", args=[self.object.vehicle_id]))


class CostCreateView(CostFormMixin, CreateView):
    @cached_property
    def vehicle(self) -> Vehicle:
        return self.get_owned(Vehicle, pk=self.kwargs["vehicle_pk"])


class CostUpdateView(RecordRoleMixin, CostFormMixin, UpdateView):
    def get_queryset(self):
        return super().get_queryset().select_related("vehicle")

    @property
    def vehicle(self) -> Vehicle:
        return self.object.vehicle


class CostDeleteView(RecordRoleMixin, OwnedMixin, DeleteView):
    """Soft delete, with Undo on the list it returns to."""

    model = OtherCost
    template_name = "costs/confirm_delete.html"

    def get_queryset(self):
        return super().get_queryset().select_related("vehicle")

    def form_valid(self, form) -> HttpResponse:
        cost_trash(cost=self.object)
        return HttpResponseRedirect(f"{reverse('costs:list', args=[self.object.vehicle_id])}?deleted={self.object.pk}")


class CostRestoreView(RecordRoleMixin, OwnedMixin, SingleObjectMixin, View):
    model = OtherCost
    http_method_names = ["post"]

    def get_queryset(self):
        return OtherCost.objects.trashed_for_user(self.request.user).select_related("vehicle")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        cost = self.get_object()
        if cost.vehicle.deleted_at is not None:
            raise Http404("Its vehicle is in the trash: restore the vehicle first.")
        cost_restore(cost=cost)
        messages.success(request, f"Restored the {cost.get_category_display().lower()} of {formats.day(cost.date)}.")
        return HttpResponseRedirect(reverse("costs:list", args=[cost.vehicle_id]))
