"""Documents: what each says (list, get), the upload (multipart, through the page's upload form:
every file checked the same way) and the download (through the pages' own serving code, after the
same owner check)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from api import events
from api.crud import PeriodFilters, form_data, in_period, invalid
from api.pagination import keyset
from api.schemas import In, Money, Quantity, answers, money, page_of, quantity
from documents import selectors, services
from documents.forms import DocumentForm, UploadForm
from documents.models import Document, DocumentKind, PremiumPeriod
from documents.views import stored_file
from motovault.mixins import get_owned
from vehicles.access import Role

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    kind: DocumentKind
    title: str
    number: str
    issued_on: datetime.date | None
    expires_on: datetime.date | None
    premium: Money | None = Field(description="An insurance premium, per `premium_period` months.")
    premium_period: PremiumPeriod | None
    notes: str
    vehicles: list[int] = Field(description="The vehicles it is about.")
    fuel_log: int | None = Field(alias="fuel_log_id", description="The fill-up it is the receipt of.")
    original_name: str
    content_type: str
    size: Quantity = Field(description="In bytes.")
    sha256: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_premium(document: Document) -> dict | None:
        return money(document.premium, document.owner)

    @staticmethod
    def resolve_vehicles(document: Document) -> list[int]:
        return sorted(vehicle.pk for vehicle in document.vehicles.all() if vehicle.deleted_at is None)

    @staticmethod
    def resolve_size(document: Document) -> dict:
        return quantity(Decimal(document.size), "B")


class UploadIn(Schema):
    """What the documents say (each file its own document): as on the upload page."""

    vehicles: list[int] = Field(default_factory=list, description="The vehicles they are about (at least one).")
    kind: DocumentKind = DocumentKind.OTHER
    title: str = Field("", description="Left blank, each file's name.")
    number: str = ""
    issued_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    premium: Decimal | None = None
    premium_period: PremiumPeriod | None = None
    notes: str = ""
    fuel_log: int | None = Field(None, description="A fill-up of one of the vehicles they are the receipt of.")


class DocumentIn(In):
    """What a document says, as on its edit page (its file stays as it is)."""

    vehicles: list[int] = Field(default_factory=list, description="The vehicles it is about (at least one).")
    kind: DocumentKind = DocumentKind.OTHER
    title: str
    number: str = ""
    issued_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    premium: Decimal | None = None
    premium_period: PremiumPeriod | None = None
    notes: str = ""


class DocumentFilters(PeriodFilters):
    vehicle: int | None = Field(None, description="Only those about this vehicle.")
    kind: DocumentKind | None = None
    q: str = Field("", max_length=200, description="Words to search for in what they say.")


def _documents(user, **filters):
    found = selectors.documents(user, **filters)
    return found.select_related("owner").defer(None).defer("search")  # the notes are shown here


@router.get("/documents", response=answers({200: page_of(DocumentOut)}), operation_id="list_documents")
def list_documents(request: HttpRequest, filters: Query[DocumentFilters]):
    """The documents, newest stored first (`since`/`until`: the day they were stored)."""
    found = _documents(request.auth.user, vehicle_id=filters.vehicle, kind=filters.kind or "", text=filters.q)
    found = in_period(found, "created_at", filters.since, filters.until)
    return keyset(found, field="created_at", cursor=filters.cursor, limit=filters.limit)


@router.get("/documents/{int:record_id}", response=answers({200: DocumentOut}), operation_id="get_document")
def get_document(request: HttpRequest, record_id: int):
    return get_owned(request.auth.user, Document, pk=record_id)


@router.post("/documents", response=answers({201: list[DocumentOut]}), operation_id="upload_documents")
def upload_documents(request: HttpRequest, meta: Form[UploadIn], files: File[list[UploadedFile]]):
    """Store files (multipart/form-data: `files`, one or more, and what they say): each its own
    document. PDF, JPEG, PNG, WebP, HEIC or plain text; the same file twice for a vehicle is refused."""
    request.auth.require_write()
    form = UploadForm(request.POST, request.FILES, user=request.auth.user)
    if not form.is_valid():
        raise invalid(form)
    try:
        created = form.save()
    except ValidationError:
        raise invalid(form) from None
    return Status(201, list(_documents(request.auth.user).filter(pk__in=[d.pk for d in created]).order_by("pk")))


@router.put("/documents/{int:record_id}", response=answers({200: DocumentOut}), operation_id="update_document")
def update_document(request: HttpRequest, record_id: int, body: DocumentIn):
    request.auth.require_write()
    user = request.auth.user
    document = get_owned(user, Document, pk=record_id)
    services.require_on_covered(user, document, Role.DRIVER)  # a viewer is refused before any check of the body
    form = DocumentForm(form_data(body), user=user, instance=document)
    if not form.is_valid():
        raise invalid(form)
    try:
        document = form.save()
    except ValidationError:
        raise invalid(form) from None
    return _documents(user).get(pk=document.pk)


@router.get(
    "/documents/{int:record_id}/file",
    response=answers({200: None}),
    operation_id="download_document",
    openapi_extra={
        "responses": {
            200: {
                "description": "The stored file, as it was uploaded.",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def download_document(request: HttpRequest, record_id: int):
    return stored_file(get_owned(request.auth.user, Document, pk=record_id), as_attachment=True)


@router.delete("/documents/{int:record_id}", response=answers({204: None}), operation_id="delete_document")
def delete_document(request: HttpRequest, record_id: int):
    request.auth.require_write()
    services.document_trash(user=request.auth.user, document=get_owned(request.auth.user, Document, pk=record_id))
    return Status(204, None)


@router.post(
    "/documents/{int:record_id}/restore",
    response=answers({200: DocumentOut}),
    operation_id="restore_document",
    url_name="document_restore",
)
def restore_document(request: HttpRequest, record_id: int):
    """Back from the trash, as the trash page's Restore (one already back answers as it is)."""
    request.auth.require_write()
    user = request.auth.user
    document = Document.objects.trashed_for_user(user).filter(pk=record_id).first() or get_owned(
        user, Document, pk=record_id
    )
    if document.deleted_at is not None:
        services.document_restore(user=user, document=document)
    else:
        services.require_on_covered(user, document, Role.DRIVER)
    return _documents(user).get(pk=document.pk)


events.register(Document, "document", DocumentOut, settled=True)
