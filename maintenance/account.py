"""Maintenance in a user's export: services with their line items, reminders, the notification
settings (channel URLs hold the services' tokens: they are the user's own, exported as typed)."""

from collections.abc import Iterator

from maintenance.models import Channel, LineItem, Notice, Reminder, ReminderSettings, ServiceRecord
from motovault.accountdata import CsvFile, model_rows


def service_files(user) -> Iterator[CsvFile]:
    yield "maintenance/services.csv", model_rows(ServiceRecord.objects.filter(owner=user).order_by("date", "id"))
    items = LineItem.objects.filter(record__owner=user).order_by("record_id", "id")
    yield "maintenance/service-items.csv", model_rows(items, exclude=())


def reminder_files(user) -> Iterator[CsvFile]:
    yield "maintenance/reminders.csv", model_rows(Reminder.objects.filter(owner=user).order_by("id"))


def channel_files(user) -> Iterator[CsvFile]:
    yield "maintenance/channels.csv", model_rows(Channel.objects.filter(owner=user).order_by("id"))


def notice_files(user) -> Iterator[CsvFile]:
    yield "maintenance/notices.csv", model_rows(Notice.objects.filter(owner=user).order_by("id"))


def settings_files(user) -> Iterator[CsvFile]:
    yield (
        "maintenance/reminder-settings.csv",
        model_rows(ReminderSettings.objects.filter(owner=user), exclude=("owner", "calendar_token")),
    )
