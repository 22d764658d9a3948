"""Keyset pages for every list: newest first by a date (or date-time) column and the id, so each
page is one index range scan however deep it is. The cursor is opaque to clients."""

import base64
import json

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from api.auth import Refused


def _encode(value, pk: int) -> str:
    raw = json.dumps([value.isoformat() if value is not None else None, pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(queryset: QuerySet, field: str | None, cursor: str):
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError(pk)
        if field is not None:
            value = queryset.model._meta.get_field(field).to_python(value)
        return value, pk
    except (ValueError, TypeError, ValidationError, UnicodeDecodeError) as exc:
        problem = {"loc": ["query", "cursor"], "msg": "This cursor is not one a page gave.", "type": "invalid"}
        raise Refused(422, [problem]) from exc


def keyset(queryset: QuerySet, *, field: str | None, cursor: str | None, limit: int) -> dict:
    """``{"items": [...], "next": cursor}``: ``limit`` rows after ``cursor``, newest first by
    ``field`` then id (``field`` None: by id, oldest first)."""
    order = (f"-{field}", "-id") if field else ("id",)
    if cursor:
        value, pk = _decode(queryset, field, cursor)
        if field:
            queryset = queryset.filter(Q(**{f"{field}__lt": value}) | Q(**{field: value, "id__lt": pk}))
        else:
            queryset = queryset.filter(id__gt=pk)
    rows = list(queryset.order_by(*order)[: limit + 1])
    more, rows = len(rows) > limit, rows[:limit]
    last = rows[-1] if rows else None
    return {"items": rows, "next": _encode(getattr(last, field) if field else None, last.pk) if more else None}
