"""The daily digest: what became due soon or overdue, sent once to each of the user's channels.

A notice is a row keyed by the due item's key, its due point and what it became (``Notice``): the
same notice is never made twice. Each channel owes the notices made since it last succeeded
(``Notice.pending``); a channel that fails (refused, timeout, bad token) keeps owing them, is shown
as failing on the settings page, and is tried again by the next run, for ``RETRY_DAYS``.
"""

import datetime
import logging

import apprise
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from maintenance import selectors, services
from maintenance.models import Channel, ChannelKind, Notice, ReminderSettings
from motovault import clock, formats, metrics
from vehicles.due import DueItem, DueState

RETRY_DAYS = 7
BECAME = {DueState.SOON: "soon", DueState.VERY_SOON: "soon", DueState.OVERDUE: "overdue"}
WORDS = {"soon": "due soon", "overdue": "overdue"}

log = logging.getLogger(__name__)


def due_point(item: DueItem) -> str:
    """Where the item falls due: its odometer when it has one (a predicted date moves daily)."""
    if item.due_odometer_km is not None:
        return f"km:{item.due_odometer_km.normalize():f}"
    return f"date:{item.due_date.isoformat() if item.due_date else ''}"


def _new_notices(user, today: datetime.date, base_url: str) -> list[Notice]:
    items = [item for item in selectors.due_list(user, today) if item.state >= DueState.SOON]
    seen = set(Notice.objects.filter(owner=user).values_list("key", "due_point", "became"))
    shown = formats.of(user)
    fresh = []
    for item in items:
        became, point = BECAME[item.state], due_point(item)
        if (item.key, point, became) in seen:
            continue
        when = f" ({formats.day(item.due_date, shown)})" if item.due_date else ""
        fresh.append(
            Notice(
                owner=user, key=item.key[:60], due_point=point, became=became, title=item.title[:200],
                text=f"{WORDS[became]}{when}: {item.detail}"[:400], url=(base_url.rstrip("/") + item.url)[:300],
            )
        )  # fmt: skip
    return Notice.objects.bulk_create(fresh)


def deliver(channel: Channel, title: str, body: str) -> str:
    """Send one message; the error ("" when it went)."""
    try:
        if channel.kind == ChannelKind.EMAIL:
            send_mail(title, body, settings.DEFAULT_FROM_EMAIL, [channel.target])
            error = ""
        else:
            target = apprise.Apprise()
            if not target.add(channel.target):
                error = "Apprise cannot read this URL."
            else:
                with apprise.LogCapture(level=logging.WARNING) as captured:
                    sent = target.notify(title=title, body=body)
                error = "" if sent else (captured.getvalue().strip().splitlines() or ["Not delivered."])[-1]
    except Exception as problem:  # a refused connection, a timeout, an SMTP error: the channel's fault
        error = f"{type(problem).__name__}: {problem}"
    metrics.notification_finished(channel.kind, "failed" if error else "sent")
    if error:
        log.warning("notification failed", extra={"channel": channel.pk, "error": error})
    return error


def _record(channel: Channel, error: str) -> bool:
    if error:
        services.channel_failed(channel, error)
    else:
        services.channel_succeeded(channel)
    return not error


def send_test(channel: Channel) -> bool:
    """The settings page's "Test" button: sent now, its outcome recorded on the channel."""
    body = "This is a test from MotoVault: your digest of what is due will come here."
    return _record(channel, deliver(channel, "MotoVault test", body))


def message(notices: list[Notice]) -> tuple[str, str]:
    overdue = sum(notice.became == "overdue" for notice in notices)
    title = f"MotoVault: {len(notices)} thing{'s' if len(notices) != 1 else ''} due"
    if overdue:
        title += f" ({overdue} overdue)"
    body = "\n\n".join(f"{notice.title}\n{notice.text}\n{notice.url}" for notice in notices)
    return title, body


def send_digest(user, *, base_url: str = "") -> dict[str, int]:
    """Make today's notices (once a day), then send every channel what it owes. Returns counts."""
    today = clock.today(user)
    with transaction.atomic():
        mine = services.settings_for(user)
        mine = ReminderSettings.objects.select_for_update().get(pk=mine.pk)  # one run at a time per user
        channels = list(Channel.objects.for_user(user))
        made = []
        if mine.last_digest_on != today:
            made = _new_notices(user, today, base_url or settings.SITE_URL)
            for channel in channels:
                channel.pending_notices.add(*made)
            mine.last_digest_on = today
            mine.save(update_fields=["last_digest_on", "updated_at"])
    counts = {"notices": len(made), "sent": 0, "failed": 0}
    too_old = timezone.now() - datetime.timedelta(days=RETRY_DAYS)
    for channel in channels:
        channel.pending_notices.remove(*channel.pending_notices.filter(created_at__lt=too_old))
        owed = list(channel.pending_notices.order_by("created_at", "id"))
        if not owed:
            continue
        if _record(channel, deliver(channel, *message(owed))):
            channel.pending_notices.remove(*owed)
            counts["sent"] += 1
        else:
            counts["failed"] += 1
    return counts


def users_to_notify(now: datetime.datetime) -> list[int]:
    """Users with a channel whose day has reached ``DIGEST_HOUR`` without its digest, or whose
    channels still owe notices (retried each run)."""
    from motovault.models import User

    owing = set(
        Channel.objects.filter(deleted_at__isnull=True, pending_notices__isnull=False).values_list(
            "owner_id", flat=True
        )
    )
    wanted = []
    users = User.objects.filter(is_active=True, channels__deleted_at__isnull=True).distinct()
    last = dict(ReminderSettings.objects.values_list("owner_id", "last_digest_on"))
    for user in users.only("pk", "time_zone"):
        local = timezone.localtime(now, clock.zone(user))
        if user.pk in owing or (local.hour >= settings.DIGEST_HOUR and last.get(user.pk) != local.date()):
            wanted.append(user.pk)
    return wanted
