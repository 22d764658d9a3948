"""Upload, preview, confirm: nothing is stored before the person has seen what will be."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from imports import plan as plans
from imports import progress, services
from imports.forms import ChoicesForm, UploadForm
from imports.models import ImportBatch
from motovault.mixins import OwnedMixin
from vehicles.access import Role, require
from vehicles.models import Vehicle


class StartView(OwnedMixin, View):
    """The upload; from a vehicle's fill-ups (``vehicle_pk``), a file of one vehicle goes to it."""

    model = ImportBatch
    template_name = "imports/start.html"
    required_role = Role.DRIVER  # into a named vehicle; the upload itself stays the uploader's own

    def get(self, request: HttpRequest, vehicle_pk: int | None = None) -> HttpResponse:
        return self.page(UploadForm(), vehicle_pk)

    def vehicle(self, vehicle_pk: int | None) -> Vehicle | None:
        if vehicle_pk is None:
            return None
        vehicle = self.get_owned(Vehicle, pk=vehicle_pk)
        require(self.request.user, vehicle, self.required_role)
        return vehicle

    def page(self, form: UploadForm, vehicle_pk: int | None) -> HttpResponse:
        vehicle = self.vehicle(vehicle_pk)
        return render(self.request, self.template_name, {"form": form, "vehicle": vehicle})

    def post(self, request: HttpRequest, vehicle_pk: int | None = None) -> HttpResponse:
        vehicle = self.vehicle(vehicle_pk)
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form, vehicle_pk)
        upload = form.cleaned_data["file"]
        choices = form.choices(into=str(vehicle.pk) if vehicle else "")
        batch = services.import_batch_create(
            user=request.user, file_name=upload.name, content=upload.read(), choices=choices
        )
        return HttpResponseRedirect(reverse("imports:preview", args=[batch.pk]))


class BatchMixin(OwnedMixin):
    model = ImportBatch
    required_role = None  # an upload is its uploader's alone, whatever vehicles it names

    def batch(self, pk: int) -> ImportBatch:
        return self.get_owned(ImportBatch, pk=pk)


class PreviewView(BatchMixin, View):
    """The plan as it would be stored now, with its questions; a POST answers them. A big file's
    preview is the worker's (checked once a choice changes), a small one's is built at each look."""

    template_name = "imports/preview.html"

    def get(self, request: HttpRequest, pk: int, form: ChoicesForm | None = None) -> HttpResponse:
        batch = self.batch(pk)
        context = {"batch": batch, "percent": progress.percent(batch)}
        if batch.status == ImportBatch.Status.PREVIEW:
            context.update(self.preview(batch, form))
        if request.htmx and request.htmx.target == "progress":
            return render(request, f"{self.template_name}#progress", context)
        return render(request, self.template_name, context, status=400 if form else 200)

    def preview(self, batch: ImportBatch, form: ChoicesForm | None) -> dict:
        summary, choices, first = self.state(batch)
        form = form or self.choices_form(None, summary, first, choices)
        big = services.is_big(bytes(batch.content))
        return {"preview": summary, "form": form, "in_worker": big, "first": first if first["headers"] else None}

    def state(self, batch: ImportBatch) -> tuple[dict, plans.Choices, dict]:
        """The preview's summary, the choices so far, and the file's first rows when its columns
        are to be mapped (a file of no format we know)."""
        raw, choices = bytes(batch.content), services.choices_of(batch)
        summary = batch.preview or plans.preview(self.request.user, raw, choices)
        headers, rows = [], []
        if choices.mapping or summary.get("unknown_columns"):
            headers, rows = plans.first_rows(raw)
            choices.mapping = choices.mapping or {"date": ""}
        return summary, choices, {"headers": headers, "rows": rows}

    def choices_form(self, data, summary: dict, first: dict, choices: plans.Choices) -> ChoicesForm:
        garage = list(Vehicle.objects.for_user(self.request.user).order_by("pk"))
        vehicles = summary.get("vehicles", [])
        return ChoicesForm(data, vehicles=vehicles, headers=first["headers"], garage=garage, choices=choices)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        batch = self.batch(pk)
        summary, choices, first = self.state(batch)
        form = self.choices_form(request.POST, summary, first, choices)
        if not form.is_valid():
            return self.get(request, pk, form=form)
        services.import_batch_choose(batch=batch, choices=form.choices(choices))
        return HttpResponseRedirect(reverse("imports:preview", args=[batch.pk]))


class RunView(BatchMixin, View):
    """The one click: all of it, or nothing; a big file goes to the worker."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A reload of the page a click led to: back to the preview (or the outcome)."""
        return HttpResponseRedirect(reverse("imports:preview", args=[self.batch(pk).pk]))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        batch = self.batch(pk)
        url = reverse("imports:preview", args=[batch.pk])
        if batch.status != ImportBatch.Status.PREVIEW:
            return HttpResponseRedirect(url)
        if services.is_big(bytes(batch.content)):
            services.import_batch_queue(batch=batch)
            return HttpResponseRedirect(url)
        batch = services.import_batch_run(batch=batch)
        if batch.status == ImportBatch.Status.DONE:
            stored, records = batch.result["stored"], batch.result.get("records", batch.result["stored"])
            what = f"{stored} fill-ups" if records == stored else f"{records} records"
            messages.success(request, f"Imported {what}.")
        return HttpResponseRedirect(url)
