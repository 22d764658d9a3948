"""Service records (with their line items), reminders, and how a user is told what is due.

Canonical units: ``odometer_km``, ``interval_km``, ``due_odometer_km`` and the distance thresholds
in kilometres; money in the owner's currency. Forms convert from the vehicle's (or the user's)
distance unit on the way in, templates back on the way out.
"""

import secrets

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from motovault.models import OwnedModel
from vehicles.models import VehicleRecord

# The service types every user starts with; any other name a user types is their own type.
BUILT_IN_TYPES = [
    "Oil and filter",
    "Tyre rotation",
    "Tyres",
    "Brakes",
    "Brake fluid",
    "Coolant",
    "Spark plugs",
    "Timing belt",
    "Air filter",
    "Cabin filter",
    "Transmission fluid",
    "Battery",
    "Wiper blades",
    "Inspection / MOT",
    "Registration",
    "Chain and sprockets",
]


def normalise_type(name: str) -> str:
    """A type as stored: trimmed, single spaces, and spelled like the built-in one it matches."""
    name = " ".join(name.split())
    for builtin in BUILT_IN_TYPES:
        if builtin.casefold() == name.casefold():
            return builtin
    return name


class Kind(models.TextChoices):
    SERVICE = "service", "Service"
    REPAIR = "repair", "Repair"
    UPGRADE = "upgrade", "Upgrade"
    INSPECTION = "inspection", "Inspection"


class ServiceRecord(VehicleRecord):
    """One visit to the shop (or the garage floor). ``total_cost`` is derived: the line items'
    parts and labour plus ``tax``, kept by ``services`` in the same transaction as the items."""

    date = models.DateField()
    odometer_km = models.DecimalField(max_digits=12, decimal_places=3, validators=[MinValueValidator(0)])
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SERVICE)
    shop = models.CharField(max_length=120, blank=True)
    tax = models.DecimalField(max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)])
    total_cost = models.DecimalField(max_digits=14, decimal_places=2, default=0, editable=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "-odometer_km", "-id"]
        indexes = [
            models.Index(
                fields=["vehicle", "date"], condition=Q(deleted_at__isnull=True), name="service_vehicle_date_idx"
            ),
            models.Index(fields=["owner", "date"], condition=Q(deleted_at__isnull=True), name="service_owner_date_idx"),
            # The current odometer (highest live reading, see vehicles/odometer.py).
            models.Index(
                fields=["vehicle", "odometer_km"], condition=Q(deleted_at__isnull=True), name="service_odometer_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(odometer_km__gte=0), name="service_odometer_not_negative"),
            models.CheckConstraint(condition=Q(tax__gte=0), name="service_tax_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display().lower()} of {self.date:%d %b %Y}"


class LineItem(models.Model):
    """One thing done in a service. Part of its record: it has no life of its own (never trashed or
    shown alone), so it goes when the record is purged (the one cascade, inside one record)."""

    record = models.ForeignKey(ServiceRecord, on_delete=models.CASCADE, related_name="items")
    service_type = models.CharField(max_length=60)
    description = models.CharField(max_length=200, blank=True)
    parts_cost = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    labour_cost = models.DecimalField(max_digits=12, decimal_places=2, default=0)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["service_type"], name="lineitem_type_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(parts_cost__gte=0, labour_cost__gte=0), name="lineitem_costs_positive")
        ]

    def __str__(self) -> str:
        return self.service_type


class Schedule(models.TextChoices):
    ROLLING = "rolling", "From when it was last done"
    FIXED = "fixed", "On a fixed schedule (like a registration)"


class Reminder(VehicleRecord):
    """Something to do about a vehicle, due at a date and/or an odometer (whichever comes first).

    ``due_date``/``due_odometer_km`` are the next due point, stored: reading a reminder never moves
    it. Only a write moves it on (a service record of its type, "mark done"), by the interval:
    from that service (rolling) or from the due point it replaces (fixed). Without an interval it
    is a one-off and is done once done (``done_on``)."""

    title = models.CharField(max_length=120, blank=True)
    service_type = models.CharField(max_length=60, blank=True)
    interval_km = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    interval_months = models.PositiveSmallIntegerField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    due_odometer_km = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    schedule = models.CharField(max_length=8, choices=Schedule.choices, default=Schedule.ROLLING)
    # This reminder's own thresholds; None: the user's.
    soon_days = models.PositiveSmallIntegerField(null=True, blank=True)
    very_soon_days = models.PositiveSmallIntegerField(null=True, blank=True)
    soon_km = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    very_soon_km = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    last_done_on = models.DateField(null=True, blank=True, editable=False)
    last_done_km = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True, editable=False)
    done_on = models.DateField(null=True, blank=True, editable=False)
    # The service that last moved it on, and where it stood before: trashing (or editing) that
    # service puts it back. SET_NULL: a purged service leaves the reminder where it is.
    completed_by = models.ForeignKey(
        ServiceRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    before_completion = models.JSONField(null=True, blank=True, editable=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["due_date", "due_odometer_km", "id"]
        indexes = [models.Index(fields=["vehicle"], condition=Q(deleted_at__isnull=True), name="reminder_vehicle_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=False) | Q(due_odometer_km__isnull=False), name="reminder_has_due_point"
            ),
            models.CheckConstraint(
                condition=Q(interval_km__isnull=True) | Q(interval_km__gt=0), name="reminder_interval_km_positive"
            ),
            models.CheckConstraint(
                condition=Q(interval_months__isnull=True) | Q(interval_months__gt=0),
                name="reminder_interval_months_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.title or self.service_type

    @property
    def recurring(self) -> bool:
        return self.interval_km is not None or self.interval_months is not None


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class ReminderSettings(OwnedModel):
    """A user's thresholds for "due soon" and "due very soon", and their calendar feed's secret."""

    soon_days = models.PositiveSmallIntegerField("due soon within (days)", default=30)
    very_soon_days = models.PositiveSmallIntegerField("due very soon within (days)", default=7)
    soon_km = models.DecimalField(max_digits=10, decimal_places=3, default=1000)
    very_soon_km = models.DecimalField(max_digits=10, decimal_places=3, default=300)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    # The user's day of their last digest: one a day, whatever the number of workers or runs.
    last_digest_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="remindersettings_one_per_user")]

    def __str__(self) -> str:
        return "reminder settings"


class ChannelKind(models.TextChoices):
    EMAIL = "email", "E-mail"
    APPRISE = "apprise", "Apprise URL (ntfy, Gotify, Pushover, Telegram, Matrix, Discord...)"


class Channel(OwnedModel):
    """Where a user's digest goes: an e-mail address, or an Apprise URL (which holds the service's
    token: it is never shown back whole). Failures are kept to show on the settings page."""

    kind = models.CharField(max_length=8, choices=ChannelKind.choices)
    target = models.CharField(max_length=500)
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    failing_since = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.shown_target

    @property
    def shown_target(self) -> str:
        """An Apprise URL's scheme and host, not its secrets."""
        if self.kind == ChannelKind.EMAIL:
            return self.target
        scheme, _, rest = self.target.partition("://")
        host = rest.split("@")[-1].split("/")[0].split("?")[0]
        return f"{scheme}://{host}/…" if host else f"{scheme}://…"


class Notice(OwnedModel):
    """One notice of a due item, sent once: keyed by the item's key, its due point and what it
    became (due soon, or overdue). ``pending`` channels still owe it (retried by the next run)."""

    key = models.CharField(max_length=60)
    due_point = models.CharField(max_length=40)
    became = models.CharField(max_length=8)  # "soon" or "overdue"
    title = models.CharField(max_length=200)
    text = models.CharField(max_length=400)
    url = models.CharField(max_length=300)
    pending = models.ManyToManyField(Channel, blank=True, related_name="pending_notices")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "key", "due_point", "became"], name="notice_sent_once")]

    def __str__(self) -> str:
        return self.title
