"""The digest's time for many users, measured once: ``manage.py bench_digest --users 1000``.

Made inside a transaction that is rolled back (nothing stays): each user has a vehicle, three
reminders (one due soon, one overdue, one fine) and an e-mail channel; e-mail goes to Django's
in-memory backend, so what is measured is our work (the due list, the notices, the message) and
not an SMTP server's."""

import datetime
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from maintenance import notify
from maintenance.models import Channel, Reminder
from vehicles.models import Vehicle


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure the daily digest for many users (nothing is kept)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--users", type=int, default=1000)

    def handle(self, *args, users: int, **options) -> None:
        try:
            with transaction.atomic(), override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                self._run(users)
                raise Rollback
        except Rollback:
            pass

    def _run(self, count: int) -> None:
        today = timezone.localdate()
        User = get_user_model()
        people = User.objects.bulk_create(User(username=f"digest{n:05d}", password="!") for n in range(count))
        vehicles = Vehicle.objects.bulk_create(
            Vehicle(owner=user, year=2015, make="Ford", model="Focus", purchase_odometer_km=Decimal(50_000))
            for user in people
        )
        plan = [(10, None), (-3, None), (None, Decimal(40_000))]
        Reminder.objects.bulk_create(
            Reminder(owner=v.owner, vehicle=v, title=f"R{i}", interval_months=12,
                     due_date=today + datetime.timedelta(days=days) if days is not None else None,
                     due_odometer_km=km, interval_km=km)
            for v in vehicles for i, (days, km) in enumerate(plan)
        )  # fmt: skip
        Channel.objects.bulk_create(Channel(owner=u, kind="email", target=f"{u.username}@example.com") for u in people)
        started = time.perf_counter()
        sent = sum(notify.send_digest(user)["sent"] for user in people)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"digest for {count} users: {seconds:.1f} s ({seconds / count * 1000:.1f} ms a user), {sent} messages"
        )
