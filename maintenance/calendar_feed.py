"""The calendar feed (RFC 5545, built with ``icalendar``): one all-day event per due item with a
date, from every due provider, for any calendar app. Each event's UID is the item's key, so an
app updates the event when its date moves rather than adding another."""

from django.utils import timezone
from icalendar import Calendar, Event

from maintenance import selectors
from motovault import clock
from motovault.caching import memoize


def feed(user, base_url: str) -> bytes:
    """The feed, kept until the user's data (or the day) changes: building hundreds of events
    costs far more than reading them. Its DTSTAMP says when it was built."""
    today = clock.today(user)
    return memoize(user, "calendar-feed", lambda: _build(user, today, base_url), today, base_url)


def _build(user, today, base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//MotoVault//Maintenance//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "MotoVault: what is due")
    host = base_url.split("://")[-1].strip("/") or "motovault"
    stamp = timezone.now()
    for item in selectors.due_list(user, today):
        if item.due_date is None:
            continue
        event = Event()
        event.add("uid", f"{item.key}@{host}")
        event.add("summary", item.title)
        event.add("dtstart", item.due_date)
        event.add("dtstamp", stamp)
        event.add("description", item.detail)
        event.add("url", base_url.rstrip("/") + item.url)
        cal.add_component(event)
    return cal.to_ical()
