"""Maintenance rows go with their vehicle (purge) and with their account (deletion), and are in
the user's export."""

import datetime
import io
import zipfile

import pytest

from maintenance.models import Channel, LineItem, Notice, Reminder, ServiceRecord
from motovault import accountdata
from vehicles.services import vehicle_purge

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(owner, car, service, reminder):
    oil = reminder(car, service_type="Oil and filter", interval_months=6, due_date=datetime.date(2026, 1, 1))
    service(car, datetime.date(2026, 1, 5), 1_000, "Oil and filter")
    channel = Channel.objects.create(owner=owner, kind="email", target="a@example.com")
    notice = Notice.objects.create(owner=owner, key=f"reminder:{oil.pk}", due_point="d", became="soon", title="t",
                                   text="x", url="/")  # fmt: skip
    notice.pending.add(channel)


def test_purging_the_vehicle_takes_its_services_items_and_reminders(car, history):
    car.soft_delete()
    vehicle_purge(vehicle=car, with_records=True)
    assert not ServiceRecord.objects.exists() and not LineItem.objects.exists() and not Reminder.objects.exists()


def test_deleting_the_account_takes_everything(owner, history):
    accountdata.account_delete(user=owner)
    for model in (ServiceRecord, LineItem, Reminder, Channel, Notice):
        assert not model.objects.exists(), model


def test_the_export_holds_services_items_and_reminders_but_not_the_feeds_secret(owner, history):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(accountdata.export_zip(owner))))
    names = set(archive.namelist())
    assert {"maintenance/services.csv", "maintenance/service-items.csv", "maintenance/reminders.csv"} <= names
    assert "Oil and filter" in archive.read("maintenance/service-items.csv").decode()
    assert "calendar_token" not in archive.read("maintenance/reminder-settings.csv").decode()
