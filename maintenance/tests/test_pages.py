"""Service records and reminders through their pages: saved with items and totals, bad input
refused beside its field with nothing written, delete with Undo, trash and restore, 404s."""

import datetime
import html
from decimal import Decimal

import pytest

from maintenance.models import LineItem, Reminder, ServiceRecord

pytestmark = pytest.mark.django_db


def items(*rows) -> dict:
    data = {"items-TOTAL_FORMS": str(len(rows)), "items-INITIAL_FORMS": "0"}
    for n, (kind, parts, labour) in enumerate(rows):
        data |= {f"items-{n}-service_type": kind, f"items-{n}-parts_cost": parts, f"items-{n}-labour_cost": labour}
    return data


def record_data(**overrides) -> dict:
    data = {"date": "2026-01-10", "odometer": "12000", "kind": "service", "shop": "Garage Dupont", "tax": "16",
            **items(("Oil and filter", "45.50", "30"), ("Wiper blades", "20", ""))}  # fmt: skip
    return {**data, **overrides}


def test_a_service_is_saved_with_its_items_and_total(owner_client, car):
    response = owner_client.post(f"/vehicles/{car.pk}/services/add/", record_data())
    assert response.status_code == 302
    record = ServiceRecord.objects.get()
    assert (record.odometer_km, record.total_cost, record.owner) == (Decimal(12000), Decimal("111.50"), car.owner)
    assert [(i.service_type, i.parts_cost, i.labour_cost) for i in record.items.all()] == [
        ("Oil and filter", Decimal("45.50"), Decimal(30)), ("Wiper blades", Decimal(20), Decimal(0))
    ]  # fmt: skip
    page = owner_client.get(f"/vehicles/{car.pk}/services/").content.decode()
    assert "Garage Dupont" not in page or "111.50" in page
    assert "$111.50" in page and "1</strong> service" in page


def test_a_service_in_miles_is_stored_in_km(owner_client, vehicle):
    owner_client.post(f"/vehicles/{vehicle.pk}/services/add/", record_data(odometer="1000"))
    assert ServiceRecord.objects.get().odometer_km == Decimal("1609.344")


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"odometer": "9000"}, "odometer", "Lower than an earlier reading"),
        ({"items-0-parts_cost": "-5"}, "items-0-parts_cost", "A cost can't be negative."),
        ({"tax": "-1"}, "tax", "A cost can't be negative."),
        ({**items(("", "", ""))}, None, "Add at least one line"),
        ({"items-0-service_type": "", "items-1-service_type": ""}, "items-0-service_type", "Say what was done"),
        ({"date": "2999-01-01"}, "date", "in the future"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(
    owner_client, car, reading, overrides, field, message
):
    reading(car, datetime.date(2026, 1, 1), 10_000)
    response = owner_client.post(f"/vehicles/{car.pk}/services/add/", record_data(**overrides))
    assert response.status_code == 200 and message in html.unescape(response.content.decode())
    assert not ServiceRecord.objects.exists() and not LineItem.objects.exists()


def test_edit_replaces_the_items_and_the_record_counts_as_the_odometer(owner_client, car, service):
    from vehicles.selectors import current_odometer_km

    record = service(car, datetime.date(2026, 1, 10), 12_000, "Brakes")
    response = owner_client.post(
        f"/services/{record.pk}/edit/", record_data(odometer="12500", **items(("Coolant", "10", "5")))
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert [i.service_type for i in record.items.all()] == ["Coolant"] and record.total_cost == Decimal(31)
    assert current_odometer_km(car.owner, car.pk) == Decimal(12_500)


def test_delete_undo_trash_and_restore(owner_client, car, service):
    record = service(car, datetime.date(2026, 1, 10), 12_000, "Brakes")
    response = owner_client.post(f"/services/{record.pk}/delete/")
    assert response.status_code == 302 and response["Location"].endswith(f"?deleted={record.pk}")
    assert "Undo" in owner_client.get(response["Location"]).content.decode()
    assert not ServiceRecord.objects.for_user(car.owner).exists()
    assert "12 Jan 2026" not in owner_client.get("/vehicles/trash/").content.decode()
    assert "10 Jan 2026" in owner_client.get("/vehicles/trash/").content.decode()
    assert owner_client.post(f"/services/{record.pk}/restore/").status_code == 302
    assert ServiceRecord.objects.for_user(car.owner).count() == 1


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"interval": "0"}, "interval", "more than zero"),
        ({"interval": "-100"}, "interval", "more than zero"),
        ({"interval_months": "0"}, "interval_months", "above zero"),
        ({"interval": "", "interval_months": "", "due_date": "", "due_odometer": ""}, "interval", "Say when it is due"),
        ({"title": "", "service_type": ""}, "title", "title or a service type"),
        ({"soon_days": "3", "very_soon_days": "9"}, "very_soon_days", "sooner"),
    ],
)
def test_bad_reminders_are_refused(owner_client, car, overrides, field, message):
    data = {"title": "Oil", "service_type": "", "interval": "10000", "interval_months": "12", "schedule": "rolling",
            **overrides}  # fmt: skip
    response = owner_client.post(f"/vehicles/{car.pk}/reminders/add/", data)
    assert response.status_code == 200 and message in html.unescape(response.content.decode())
    assert not Reminder.objects.exists()


def test_a_reminder_is_added_snoozed_done_and_trashed(owner_client, car, reading):
    reading(car, datetime.date(2026, 1, 1), 20_000)
    data = {"service_type": "oil and filter", "interval": "10000", "interval_months": "12", "schedule": "rolling"}
    assert owner_client.post(f"/vehicles/{car.pk}/reminders/add/", data).status_code == 302
    reminder = Reminder.objects.get()
    assert (reminder.service_type, reminder.due_odometer_km) == ("Oil and filter", Decimal(30_000))
    later = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    assert owner_client.post(f"/reminders/{reminder.pk}/snooze/", {"until": later}).status_code == 302
    assert Reminder.objects.get().snoozed_until.isoformat() == later
    owner_client.post(f"/reminders/{reminder.pk}/done/")
    reminder.refresh_from_db()
    assert reminder.last_done_km == Decimal(20_000) and reminder.snoozed_until is None
    owner_client.post(f"/reminders/{reminder.pk}/delete/")
    assert not Reminder.objects.for_user(car.owner).exists()
    owner_client.post(f"/reminders/{reminder.pk}/restore/")
    assert Reminder.objects.for_user(car.owner).exists()


def test_filters_and_totals_across_the_garage(owner_client, car, vehicle, service):
    service(car, datetime.date(2026, 1, 10), 1_000, "Brakes", parts="100", labour="50")
    service(car, datetime.date(2026, 2, 10), 2_000, "Oil and filter", parts="40", labour="0", tax="8")
    service(vehicle, datetime.date(2026, 3, 10), 3_000, "Oil and filter", parts="60", labour="20")
    page = owner_client.get("/services/?service_type=oil+and+filter").content.decode()
    assert "2</strong> services, $128.00 in all" in page  # 40 + 8 + 60 + 20
    page = owner_client.get("/services/?start=2026-01-01&end=2026-02-28").content.decode()
    assert "2</strong> services, $198.00 in all" in page  # 150 + 48
    page = owner_client.get(f"/vehicles/{car.pk}/services/?kind=repair").content.decode()
    assert "No service matches" in page


def test_another_users_records_reminders_and_pages_are_404(other_client, car, service, reminder):
    record = service(car, datetime.date(2026, 1, 10), 1_000, "Brakes")
    oil = reminder(car, due_date=datetime.date(2026, 5, 1))
    for url in (f"/services/{record.pk}/edit/", f"/reminders/{oil.pk}/edit/", f"/vehicles/{car.pk}/services/"):
        assert other_client.get(url).status_code == 404
    for url in (f"/services/{record.pk}/delete/", f"/reminders/{oil.pk}/done/", f"/reminders/{oil.pk}/delete/"):
        assert other_client.post(url).status_code == 404
    assert ServiceRecord.objects.for_user(car.owner).count() == 1 and Reminder.objects.get().done_on is None


def test_the_reminder_page_says_how_due_it_is_and_what_triggered(owner_client, car, reading, reminder):
    reading(car, datetime.date.today(), 9_800)
    oil = reminder(car, interval_km=Decimal(10_000), due_odometer_km=Decimal(10_000),
                   due_date=datetime.date.today() + datetime.timedelta(days=100))  # fmt: skip
    page = html.unescape(owner_client.get(f"/reminders/{oil.pk}/edit/").content.decode())
    assert "Due very soon" in page and "whichever comes first: distance" in page and "200 km left" in page
