"""Other costs: what a vehicle costs that has no odometer reading (insurance premiums, tax,
registration, parking, tolls, fines, washes, financing). Money in the owner's currency.

A cost may recur (monthly or yearly). The row the owner entered is the series' first occurrence
and holds the schedule; each later occurrence is a row of its own (``series`` points at the first),
made by ``services.occurrences_make`` when it falls due. ``(series, date)`` is unique: an
occurrence is made once, whoever makes it and however often.
"""

import calendar
import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from vehicles.models import VehicleRecord


class Category(models.TextChoices):
    INSURANCE = "insurance", "Insurance premium"
    TAX = "tax", "Tax"
    REGISTRATION = "registration", "Registration"
    PARKING = "parking", "Parking"
    TOLLS = "tolls", "Tolls"
    FINES = "fines", "Fines"
    WASH = "wash", "Washes and cleaning"
    FINANCING = "financing", "Financing"
    OTHER = "other", "Other"


class Recurrence(models.TextChoices):
    NONE = "", "Once"
    MONTHLY = "monthly", "Every month"
    YEARLY = "yearly", "Every year"


MONTHS_OF = {Recurrence.MONTHLY: 1, Recurrence.YEARLY: 12}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1: 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


class OtherCost(VehicleRecord):
    """One cost paid on ``date``. A series' first row (``series`` empty, ``recurrence`` set) also
    says when the next occurrence falls due (``next_due``; empty once the series has ended)."""

    category = models.CharField(max_length=12, choices=Category.choices, default=Category.OTHER)
    date = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])
    notes = models.CharField(max_length=200, blank=True)
    recurrence = models.CharField("repeats", max_length=7, choices=Recurrence.choices, blank=True, default="")
    recurrence_until = models.DateField("repeats until", null=True, blank=True)
    next_due = models.DateField(null=True, blank=True, editable=False)
    # An occurrence is a payment of its own: when its series' row is destroyed for good (a purge,
    # an account's deletion, where all of them go), it only loses the link.
    series = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="occurrences"
    )

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["vehicle", "date"], name="othercost_vehicle_date_idx"),
            models.Index(
                fields=["owner", "date"], condition=Q(deleted_at__isnull=True), name="othercost_owner_date_idx"
            ),
            models.Index(
                fields=["next_due"],
                condition=Q(next_due__isnull=False, deleted_at__isnull=True),
                name="othercost_next_due_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="othercost_amount_not_negative"),
            models.UniqueConstraint(fields=["series", "date"], name="othercost_one_occurrence_a_date"),
            # An occurrence never repeats by itself; a schedule has an end after its start.
            models.CheckConstraint(
                condition=Q(series__isnull=True) | Q(recurrence=""), name="othercost_occurrence_plain"
            ),
            models.CheckConstraint(
                condition=Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=models.F("date")),
                name="othercost_until_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} of {self.date:%d %b %Y}"

    @property
    def step_months(self) -> int | None:
        return MONTHS_OF.get(self.recurrence)

    def occurrence(self, index: int) -> datetime.date:
        """The date of the series' ``index``-th occurrence (0: this row's own)."""
        return add_months(self.date, index * self.step_months)
