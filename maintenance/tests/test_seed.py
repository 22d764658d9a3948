"""The demo garage's service history and reminders in every state; the bench seed's services."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from maintenance import selectors
from maintenance.models import Reminder, ServiceRecord
from vehicles.due import DueState
from vehicles.odometer import odometer_conflict

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_service_history_and_reminders_in_every_state(client, django_user_model):
    demo = django_user_model.objects.create_user("demo")
    call_command("seed", "--demo")
    records = ServiceRecord.objects.for_user(demo)
    assert records.count() > 10 and all(record.total_cost > 0 for record in records)
    for record in records[:20]:  # each at a fill-up's date and odometer: no reading contradicts it
        assert odometer_conflict(record.vehicle, record.date, record.odometer_km, exclude=record) is None
    states = {item.state for item in selectors.due_list(demo, timezone.localdate())}
    assert states == set(DueState)
    assert Reminder.objects.for_user(demo).filter(snoozed_until__isnull=False).exists()
    client.force_login(demo)
    for url in ("/due/", "/services/", f"/vehicles/{records[0].vehicle_id}/services/"):
        assert client.get(url).status_code == 200


def test_the_bench_seed_holds_services_and_reminders():
    call_command("seed", "--bench", "--scale", "small")
    assert ServiceRecord.objects.filter(owner__username="bench").count() == 400
    assert Reminder.objects.filter(owner__username="bench").count() == 20
