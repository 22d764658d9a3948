from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.generic import DetailView, FormView, TemplateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from fuel_logs.models import FuelLog
from maintenance.models import ServiceRecord
from motovault.mixins import OwnedMixin
from vehicles.access import Role
from vehicles.models import Vehicle

from . import selectors, services
from .forms import DocumentForm, PreferencesForm, UploadForm
from .models import Document, DocumentKind, DocumentPreferences
from .storage import is_remote

# What a served file may do in the browser: nothing but show itself (no script, no form, no
# framing by another site). A PDF is not sandboxed, or Chromium's viewer refuses to show it.
FILE_CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; form-action 'none';"
    " base-uri 'none'; frame-ancestors 'self'"
)


class ListContextMixin(OwnedMixin):
    """The filtered, paged documents of the garage or of one vehicle (read when the page shows them)."""

    model = Document
    vehicle: Vehicle | None = None

    @cached_property
    def preferences(self) -> DocumentPreferences:
        """The user's notice, read once: its form under the list and the rows' expiry marks."""
        user = self.request.user
        return DocumentPreferences.objects.for_user(user).first() or DocumentPreferences(owner=user)

    def list_context(self) -> dict:
        params = self.request.GET
        kind = params.get("kind", "") if params.get("kind", "") in DocumentKind.values else ""
        text = params.get("q", "")[:200]
        vehicle_id = self.vehicle.pk if self.vehicle else None
        user, today = self.request.user, timezone.localdate()
        page = SimpleLazyObject(
            lambda: selectors.documents_page(user, params.get("page", "1"), vehicle_id=vehicle_id, kind=kind, text=text)
        )
        undo = None
        if params.get("deleted", "").isdecimal():
            undo = Document.objects.trashed_for_user(user).filter(pk=params["deleted"]).first()
        return {
            "page": page,
            "kind": kind,
            "q": text,
            "kinds": DocumentKind.choices,
            "today": today,
            "notice_days": self.preferences.notice_days,
            "vehicle": self.vehicle,
            "undo": undo,
        }


class DocumentListView(ListContextMixin, TemplateView):
    """Every document of the garage, filtered by type and searched; HTMX asks for the rows alone."""

    template_name = "documents/list.html"

    def get_template_names(self) -> list[str]:
        if self.request.htmx and self.request.htmx.target == "document-rows":
            return [f"{self.template_name}#document-rows"]
        return [self.template_name]

    def post(self, request: HttpRequest, **kwargs) -> HttpResponse:
        """The notice the user wants before a document expires (the form under the list)."""
        form = PreferencesForm(request.POST, instance=self.preferences)
        if form.is_valid():
            form.save()
            messages.success(request, f"Documents show as due {form.cleaned_data['notice_days']} days before expiry.")
            return redirect(request.path)
        return self.render_to_response(self.get_context_data(preferences_form=form), status=400)

    def get_context_data(self, **kwargs) -> dict:
        if "preferences_form" not in kwargs:
            kwargs["preferences_form"] = PreferencesForm(instance=self.preferences)
        return {**super().get_context_data(**kwargs), **self.list_context()}

    def render_to_response(self, context, **kwargs) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        return response


class VehicleDocumentsView(DocumentListView):
    """A vehicle's documents: its page's Documents tab (HTMX), or a page of its own."""

    def get_template_names(self) -> list[str]:
        if self.request.htmx and self.request.htmx.target == "vehicle-section":
            return [f"{self.template_name}#documents-section"]
        return super().get_template_names()

    required_role = Role.VIEWER  # reading it; its form is the reader's own notice preference

    @cached_property
    def vehicle(self) -> Vehicle:
        return self.get_owned(Vehicle, pk=self.kwargs["vehicle_pk"])

    def post(self, request: HttpRequest, **kwargs) -> HttpResponse:
        self.vehicle  # noqa: B018 (a vehicle the user does not see: 404, whatever is posted)
        return super().post(request, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        user, vehicle_ids, today = self.request.user, [self.vehicle.pk], timezone.localdate()
        due = SimpleLazyObject(lambda: list(selectors.due_documents(user, vehicle_ids, today)))
        return {**super().get_context_data(**kwargs), "due": due}


def _next_url(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


class UploadView(OwnedMixin, FormView):
    """New documents. The browser's uploader posts the files one by one (a progress bar each) and
    reads JSON; without JavaScript the form posts them all at once, all kept or none."""

    model = Document
    form_class = UploadForm
    template_name = "documents/upload.html"

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self) -> dict:
        initial, params = super().get_initial(), self.request.GET
        vehicles = Vehicle.objects.for_user(self.request.user)
        if params.get("vehicle", "").isdecimal():
            initial["vehicles"] = list(vehicles.filter(pk=params["vehicle"]))
        elif vehicles.count() == 1:
            initial["vehicles"] = list(vehicles)
        for name, model in (("fuel_log", FuelLog), ("service_record", ServiceRecord)):
            if params.get(name, "").isdecimal():
                record = model.objects.for_user(self.request.user).filter(pk=params[name]).first()
                if record is not None:
                    initial.update({name: record, "vehicles": [record.vehicle], "kind": DocumentKind.RECEIPT})
        return initial

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "max_bytes": settings.DOCUMENT_MAX_BYTES}

    @property
    def wants_json(self) -> bool:
        return "application/json" in self.request.headers.get("Accept", "")

    def form_valid(self, form: UploadForm) -> HttpResponse:
        try:
            created = form.save()
        except ValidationError:
            return self.form_invalid(form)
        if self.wants_json:
            rows = [{"title": d.title, "url": reverse("documents:detail", args=[d.pk])} for d in created]
            return JsonResponse({"documents": rows}, status=201)
        messages.success(self.request, f"Stored {len(created)} document{'s' if len(created) != 1 else ''}.")
        return redirect(_next_url(self.request, reverse("documents:detail", args=[created[0].pk])))

    def form_invalid(self, form: UploadForm) -> HttpResponse:
        if self.wants_json:
            # A refusal is an answer the uploader shows, not a failed request (the console stays clean).
            return JsonResponse({"errors": {name: list(errors) for name, errors in form.errors.items()}})
        return super().form_invalid(form)


class DocumentDetailView(OwnedMixin, DetailView):
    model = Document
    template_name = "documents/detail.html"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        today, notice = timezone.localdate(), selectors.notice_days(self.request.user)
        context["state"] = selectors.expiry_state(self.object.expires_on, today, notice).name.lower()
        context["vehicles"] = list(
            Vehicle.objects.for_user(self.request.user).filter(documents=self.object).order_by("pk")
        )
        context["can_drive"] = all(vehicle.can_drive for vehicle in context["vehicles"])
        context["today"] = today
        return context


class DocumentEditView(OwnedMixin, UpdateView):
    """What a document says and covers: for who may add records to every vehicle it covers."""

    model = Document
    form_class = DocumentForm
    template_name = "documents/edit.html"
    required_role = Role.DRIVER

    def get_object(self, queryset=None) -> Document:
        document = super().get_object(queryset)
        services.require_on_covered(self.request.user, document, self.required_role)
        return document

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form: DocumentForm) -> HttpResponse:
        try:
            form.save()
        except ValidationError:
            return self.form_invalid(form)
        messages.success(self.request, f"Saved {self.object}.")
        return redirect("documents:detail", pk=self.object.pk)


def stored_file(document: Document, field: str = "file", as_attachment: bool = False) -> HttpResponse:
    """The response serving a document's file (or its preview, ``field="thumbnail"``), for the
    pages and the API alike; the caller has fetched the document through the owner check."""
    stored = getattr(document, field)
    if not stored:
        raise Http404("No preview of this document.")
    if field == "thumbnail":
        content_type, attachment, name = "image/jpeg", False, f"{document.pk}-preview.jpg"
    else:
        content_type, name = document.content_type, document.original_name
        attachment = as_attachment or not document.shows_inline
    disposition = content_disposition_header(attachment, name)
    if is_remote():
        parameters = {"ResponseContentType": content_type, "ResponseContentDisposition": disposition}
        response = HttpResponseRedirect(stored.storage.url(stored.name, parameters=parameters))
        response["Cache-Control"] = "no-store"
        return response
    if content_type == "text/plain":
        content_type += "; charset=utf-8"
    response = FileResponse(stored.open("rb"), content_type=content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP + ("" if content_type == "application/pdf" else "; sandbox")
    response["Cache-Control"] = "private, max-age=300"
    return response


class StoredFileView(OwnedMixin, SingleObjectMixin, View):
    """The stored file (or its preview) of one of the user's documents, after the owner check: from
    the filesystem, streamed; on S3, a redirect to a link signed for a minute. Images and PDFs show
    in the browser, anything else downloads under its original name (RFC 6266, quoted)."""

    model = Document
    field = "file"
    as_attachment = False

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return stored_file(self.get_object(), self.field, self.as_attachment)


class DocumentActionView(OwnedMixin, SingleObjectMixin, View):
    model = Document
    http_method_names = ["post"]
    required_role = Role.DRIVER  # the services check it on every vehicle the document covers

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.act(self.get_object())


class DeleteView(DocumentActionView):
    def act(self, document: Document) -> HttpResponse:
        services.document_trash(user=self.request.user, document=document)
        return redirect(f"{_next_url(self.request, reverse('documents:list'))}?deleted={document.pk}")


class TrashedActionView(DocumentActionView):
    def get_queryset(self):
        return Document.objects.trashed_for_user(self.request.user)


class RestoreView(TrashedActionView):
    def act(self, document: Document) -> HttpResponse:
        services.document_restore(user=self.request.user, document=document)
        messages.success(self.request, f"Restored {document}.")
        return redirect(_next_url(self.request, reverse("documents:detail", args=[document.pk])))


class PurgeView(TrashedActionView):
    required_role = Role.MANAGER

    def act(self, document: Document) -> HttpResponse:
        services.document_purge(user=self.request.user, document=document)
        messages.success(self.request, f"Deleted {document} for good.")
        return redirect("vehicles:trash")
