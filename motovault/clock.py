"""Where "now" and "today" come from: the user's time zone. A fill-up at 23:30 in Auckland is on
that day for its owner, whatever the server's zone; a reminder is due "today" on the user's day.

Views get it for free (``UserTimeZoneMiddleware`` activates the zone, so ``timezone.localdate()``
is the user's day); code outside a request (a command, a worker, a digest) calls ``today(user)``.
Selectors never read the clock: they take ``today`` as an argument, so a memoized value that
depends on the date is keyed by it.
"""

import datetime
import zoneinfo
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone


def zone(user) -> datetime.tzinfo:
    """The user's time zone, or the server's (``TIME_ZONE``) while they have not chosen one."""
    if user.is_authenticated and user.time_zone:
        return zoneinfo.ZoneInfo(user.time_zone)
    return timezone.get_default_timezone()


def today(user) -> datetime.date:
    return timezone.localdate(timezone.now(), zone(user))


def validate_time_zone(name: str) -> None:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"“{name}” is not a time zone (try one like Europe/Berlin).") from None


class UserTimeZoneMiddleware:
    """Dates and times in pages and forms are the signed-in user's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with timezone.override(zone(request.user)):
            return self.get_response(request)
