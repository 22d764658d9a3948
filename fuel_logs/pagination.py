"""Keyset pagination of a vehicle's fill-ups, newest first: each page, the oldest included, is one
index range scan of page-size rows, where OFFSET would walk past every newer row first."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

NEWEST_FIRST = ("-filled_at", "-id")
OLDEST_FIRST = ("filled_at", "id")
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass
class Page:
    logs: list
    newer: str | None  # query strings of the neighbouring pages, None at either end
    older: str | None

    @property
    def newest(self) -> bool:
        return self.newer is None

    @property
    def oldest(self) -> bool:
        return self.older is None


def cursor(log) -> str:
    """A row's place in the order: microseconds since the epoch and id."""
    return f"{(log.filled_at - EPOCH) // datetime.timedelta(microseconds=1)}_{log.pk}"


def _parse(value: str) -> tuple[datetime.datetime, int] | None:
    try:
        micros, pk = (int(part) for part in value.split("_"))
        return EPOCH + datetime.timedelta(microseconds=micros), pk
    except (ValueError, OverflowError):
        return None


def keyset_page(logs: QuerySet, params, size: int) -> Page:
    """The page ``params`` asks for: ``?before=`` (older than a row), ``?after=`` (newer than a
    row), ``?page=last`` (the oldest fill-ups), else the newest."""
    before, after = _parse(params.get("before", "")), _parse(params.get("after", ""))
    if before:
        moment, pk = before
        rows = list(
            logs.filter(filled_at__lte=moment).exclude(filled_at=moment, id__gte=pk).order_by(*NEWEST_FIRST)[: size + 1]
        )
        more_newer, more_older = True, len(rows) > size
        rows = rows[:size]
    elif after or params.get("page") == "last":
        newer_than = logs
        if after:
            moment, pk = after
            newer_than = logs.filter(filled_at__gte=moment).exclude(filled_at=moment, id__lte=pk)
        rows = list(newer_than.order_by(*OLDEST_FIRST)[: size + 1])
        more_newer, more_older = len(rows) > size, bool(after)
        rows = rows[:size][::-1]
    else:
        rows = list(logs.order_by(*NEWEST_FIRST)[: size + 1])
        more_newer, more_older = False, len(rows) > size
        rows = rows[:size]
    return Page(
        logs=rows,
        newer=f"after={cursor(rows[0])}" if more_newer and rows else None,
        older=f"before={cursor(rows[-1])}" if more_older and rows else None,
    )


def page_key(params) -> str:
    """The page ``params`` ask for, as ``keyset_page`` reads them, in one canonical spelling: what
    a cached page is keyed by. Unknown or malformed parameters all name the newest page."""
    for name in ("before", "after"):
        parsed = _parse(params.get(name, ""))
        if parsed:
            moment, pk = parsed
            return f"{name}={(moment - EPOCH) // datetime.timedelta(microseconds=1)}_{pk}"
    return "last" if params.get("page") == "last" else ""
