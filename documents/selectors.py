"""Reads of documents: the lists and their search, what is about to expire, the premiums as costs,
the trash. Each starts from ``for_user`` and answers in a constant number of queries."""

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse

from vehicles.costs import MonthCost
from vehicles.due import DueItem, DueState
from vehicles.models import Vehicle

from .models import Document, DocumentKind, DocumentPreferences, DocumentVehicle

PAGE_SIZE = 50
MAX_PAGE = 10_000  # past it, a page number is malformed: the first page
DEFAULT_NOTICE_DAYS = DocumentPreferences._meta.get_field("notice_days").default
# Within this many days of its expiry a document is "very soon" due, whatever the notice.
VERY_SOON_DAYS = 7
CENT = Decimal("0.01")


def notice_days(user) -> int:
    """How many days before its expiry a document of the user's shows as due."""
    days = DocumentPreferences.objects.for_user(user).values_list("notice_days", flat=True).first()
    return days or DEFAULT_NOTICE_DAYS


def expiry_state(expires_on: datetime.date | None, today: datetime.date, notice: int) -> DueState:
    """OVERDUE once expired (the day after ``expires_on``); VERY_SOON within a week of it; SOON
    within the notice; OK before that, or without an expiry date."""
    if expires_on is None:
        return DueState.OK
    left = (expires_on - today).days
    if left < 0:
        return DueState.OVERDUE
    if left <= VERY_SOON_DAYS:
        return DueState.VERY_SOON
    return DueState.SOON if left <= notice else DueState.OK


def search_query(text: str) -> SearchQuery | None:
    """Every word typed, each as a prefix ("insur" finds "insurance"), all of them required; None
    when nothing searchable was typed. Only word characters reach the raw tsquery."""
    words = re.findall(r"\w+", text.lower())[:10]
    if not words:
        return None
    return SearchQuery(" & ".join(f"{word}:*" for word in words), search_type="raw", config="simple")


def documents(user, *, vehicle_id: int | None = None, kind: str = "", text: str = "") -> QuerySet:
    """The user's live documents, newest first, about ``vehicle_id`` (None: the whole garage), of
    ``kind`` (empty: any), matching ``text``; each with its live vehicles prefetched."""
    # The owners named as values too: with only the scope's subquery of owners the planner reads
    # and sorts every document; with them it walks the owner's index in the list's order and stops
    # after a page (0.3 ms rather than 20 ms for 10,000 documents).
    owners = Vehicle.objects.for_user(user).order_by().values_list("owner_id", flat=True).distinct()
    found = Document.objects.for_user(user).filter(owner__in=list(owners))
    if vehicle_id is not None:
        found = found.filter(links__vehicle_id=vehicle_id)
    if kind in DocumentKind.values:
        found = found.filter(kind=kind)
    if (query := search_query(text)) is not None:
        found = found.filter(search=query)
    return found.prefetch_related(covered(user)).defer("search", "notes")


def covered(user) -> Prefetch:
    """A document's vehicles as the user sees them: live, theirs or shared with them."""
    return Prefetch("vehicles", queryset=Vehicle.objects.for_user(user).order_by("pk"))


@dataclass(frozen=True)
class DocumentPage:
    documents: list[Document]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def documents_page(user, number: str, **filters) -> DocumentPage:
    """Page ``number`` (1 for anything else) of ``documents(user, **filters)``: its rows and their
    vehicles, two queries; one row more than a page says whether another follows (no count of
    them all, which would read every row of a big garage). A vehicle's list shows no vehicles
    column, so its rows' vehicles are not read (a fleet policy covers fifty)."""
    page = int(number) if number.isdecimal() and 0 < int(number) <= MAX_PAGE else 1
    found = documents(user, **filters)
    if filters.get("vehicle_id") is not None:
        found = found.prefetch_related(None)
    rows = list(found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1])
    return DocumentPage(rows[:PAGE_SIZE], page, len(rows) > PAGE_SIZE)


def trashed_documents(user, limit: int = 100) -> list[Document]:
    """The trash page's section: trashed documents of live vehicles, last deleted first."""
    trashed = Document.objects.trashed_for_user(user).prefetch_related(covered(user))
    return list(trashed.defer("search").order_by("-deleted_at", "-id")[:limit])


def due_documents(user, vehicle_ids, today: datetime.date) -> Iterator[DueItem]:
    """Expired documents and those expiring within the user's notice, for each vehicle (not sold)
    they cover; one replaced by a document of the same type expiring later is no longer due."""
    notice = notice_days(user)
    later = DocumentVehicle.objects.filter(
        vehicle=OuterRef("vehicle"),
        document__deleted_at__isnull=True,
        document__kind=OuterRef("document__kind"),
        document__expires_on__gt=OuterRef("document__expires_on"),
    )
    links = (
        DocumentVehicle.objects.for_user(user)
        .filter(
            vehicle__in=list(vehicle_ids),
            vehicle__sold_date__isnull=True,
            document__deleted_at__isnull=True,
            document__expires_on__lte=today + datetime.timedelta(days=notice),
        )
        .exclude(Exists(later))
        .values_list(
            *("vehicle_id", "document_id", "document__title", "document__kind", "document__expires_on"),
            *("vehicle__nickname", "vehicle__year", "vehicle__make", "vehicle__model"),
        )
        .order_by("document__expires_on", "document_id")
    )
    for vehicle_id, document_id, title, kind, expires_on, nickname, *description in links:
        left = (expires_on - today).days
        if left < 0:
            detail = f"{DocumentKind(kind).label}: expired {-left} day{'s' if left != -1 else ''} ago"
        else:
            detail = f"{DocumentKind(kind).label}: expires {'today' if left == 0 else f'in {left} days'}"
        yield DueItem(
            vehicle_id=vehicle_id,
            key=f"document:{document_id}",
            # Named like a reminder: the due list and the digest mix both, across the garage.
            title=f"{title} · {nickname or ' '.join(map(str, description))}",
            state=expiry_state(expires_on, today, notice),
            due_date=expires_on,
            due_odometer_km=None,
            url=reverse("documents:detail", args=[document_id]),
            detail=detail,
        )


def _months_between(first: datetime.date, day: datetime.date) -> int:
    return (day.year - first.year) * 12 + day.month - first.month


def _add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def split(amount: Decimal, parts: int) -> list[Decimal]:
    """``amount`` shared into ``parts`` to the cent, the leftover cents on the first parts, so
    the shares add up to the amount exactly."""
    share = (amount / parts).quantize(CENT, rounding="ROUND_DOWN")
    leftover = int((amount - share * parts) / CENT)
    return [share + (CENT if index < leftover else 0) for index in range(parts)]


def premium_months(user, vehicle_ids, start: datetime.date | None, end: datetime.date | None) -> list[MonthCost]:
    """Insurance premiums as a cost: the premium falls due in the month of the issue date and every
    period after it while the document runs (before its expiry date; once without one), shared
    evenly between the vehicles the document covers. Two queries."""
    wanted = set(vehicle_ids)
    insured = Document.objects.for_user(user).filter(
        premium__isnull=False, issued_on__isnull=False, links__vehicle__in=wanted
    )
    rows = DocumentVehicle.objects.filter(document__in=insured.values("pk")).order_by("document", "vehicle")
    covers: dict[int, list[int]] = defaultdict(list)
    for document_id, vehicle_id in rows.values_list("document_id", "vehicle_id"):
        covers[document_id].append(vehicle_id)
    totals: dict[tuple[int, datetime.date], Decimal] = defaultdict(Decimal)
    for document in insured.distinct().only("premium", "premium_period", "issued_on", "expires_on"):
        vehicles = covers[document.pk]
        shares = split(document.premium, len(vehicles))
        for month in _due_months(document, start, end):
            for vehicle_id, share in zip(vehicles, shares, strict=True):
                if vehicle_id in wanted:
                    totals[vehicle_id, month] += share
    return [MonthCost(vehicle_id, month, amount) for (vehicle_id, month), amount in sorted(totals.items())]


def _due_months(document: Document, start: datetime.date | None, end: datetime.date | None) -> Iterator[datetime.date]:
    first = document.issued_on.replace(day=1)
    runs = 1
    if document.expires_on is not None:
        # Payments fall on the issue day of each period strictly before the expiry date.
        span = _months_between(document.issued_on, document.expires_on)
        if document.expires_on.day <= document.issued_on.day:
            span -= 1
        runs = span // document.premium_period + 1
    for index in range(runs):
        paid_on = _add_months(first, index * document.premium_period)
        if (start is None or paid_on >= start.replace(day=1)) and (end is None or paid_on <= end):
            yield paid_on
