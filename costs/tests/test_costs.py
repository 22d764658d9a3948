"""Other costs: add, edit, delete with undo, restore from the trash, bad input, the export; a
recurring cost's occurrences, made once each whoever makes them."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from costs.models import OtherCost, add_months
from costs.services import cost_save, occurrences_make
from dashboard.tests.conftest import car, cost
from motovault.accountdata import record_types

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 6, 30, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def vehicle(owner):
    return car(owner, "Golf")


def post(client, vehicle, **changes):
    data = {"category": "parking", "date": "2026-06-01", "amount": "12.50", "recurrence": "", "notes": "", **changes}
    return client.post(f"/vehicles/{vehicle.pk}/costs/add/", data)


def test_add_edit_delete_undo(owner_client, vehicle):
    response = post(owner_client, vehicle)
    assert response.status_code == 302 and response["Location"] == f"/vehicles/{vehicle.pk}/costs/"
    saved = OtherCost.objects.get()
    assert (saved.amount, saved.category, saved.owner_id) == (Decimal("12.50"), "parking", vehicle.owner_id)
    assert "Parking" in owner_client.get(f"/vehicles/{vehicle.pk}/costs/").content.decode()
    owner_client.post(f"/costs/{saved.pk}/edit/", {"category": "tolls", "date": "2026-06-02", "amount": "3.10"})
    saved.refresh_from_db()
    assert (saved.category, saved.amount) == ("tolls", Decimal("3.10"))
    response = owner_client.post(f"/costs/{saved.pk}/delete/")
    assert response["Location"] == f"/vehicles/{vehicle.pk}/costs/?deleted={saved.pk}"
    page = owner_client.get(response["Location"]).content.decode()
    assert "Undo" in page and f"/costs/{saved.pk}/restore/" in page
    assert "Tolls" in owner_client.get("/vehicles/trash/").content.decode()
    owner_client.post(f"/costs/{saved.pk}/restore/")
    saved.refresh_from_db()
    assert saved.deleted_at is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": "-5"}, "amount", "An amount can't be negative."),
        ({"amount": "NaN"}, "amount", "Enter a number."),
        ({"date": "2026-07-01"}, "date", "This date is in the future"),
        ({"recurrence_until": "2026-12-31"}, "recurrence", "Choose how often it repeats"),
        ({"recurrence": "weekly"}, "recurrence", "Select a valid choice"),
        ({"recurrence": "monthly", "recurrence_until": "2026-01-01"}, "recurrence_until", "stops repeating before"),
    ],
)
def test_bad_input_is_refused_beside_the_field(owner_client, vehicle, changes, field, message):
    response = post(owner_client, vehicle, **changes)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not OtherCost.objects.exists()


def test_a_write_to_another_users_vehicle_is_a_404(other_client, vehicle):
    assert post(other_client, vehicle).status_code == 404
    assert not OtherCost.objects.exists()


def test_a_monthly_cost_entered_late_is_caught_up_at_once_and_made_once(owner, vehicle):
    """Entered on 30 Jun 2026 from 31 Jan: Jan 31, Feb 28, Mar 31, Apr 30, May 31, Jun 30 (the day
    is kept, clamped to short months); the job then makes nothing more."""
    series = cost(vehicle, "2026-01-31", "300.00", category="financing", recurrence="monthly")
    days = sorted(OtherCost.objects.values_list("date", flat=True))
    assert days == [datetime.date(2026, 1, 31), datetime.date(2026, 2, 28), datetime.date(2026, 3, 31),
                    datetime.date(2026, 4, 30), datetime.date(2026, 5, 31), datetime.date(2026, 6, 30)]  # fmt: skip
    assert series.next_due == datetime.date(2026, 7, 31)
    assert occurrences_make(NOON) == 0
    assert occurrences_make(datetime.datetime(2026, 7, 31, 12, tzinfo=datetime.UTC)) == 1
    assert occurrences_make(datetime.datetime(2026, 7, 31, 13, tzinfo=datetime.UTC)) == 0  # the next tick
    assert OtherCost.objects.count() == 7


def test_a_yearly_cost_falls_due_on_the_owners_day(owner, vehicle):
    """Due on 1 Jul: at 12:30 UTC on 30 Jun it is already 1 Jul in Auckland, not in the server's zone."""
    cost(vehicle, "2025-07-01", "600.00", category="insurance", recurrence="yearly")
    now = datetime.datetime(2026, 6, 30, 12, 30, tzinfo=datetime.UTC)
    assert occurrences_make(now) == 0
    owner.time_zone = "Pacific/Auckland"
    owner.save()
    assert occurrences_make(now) == 1
    assert OtherCost.objects.filter(date=datetime.date(2026, 7, 1), amount=Decimal("600.00")).exists()


def test_a_series_stops_at_its_end_at_the_sale_and_in_the_trash(owner, vehicle):
    ended = cost(vehicle, "2026-01-15", "10.00", recurrence="monthly", recurrence_until=datetime.date(2026, 3, 20))
    assert ended.next_due is None and ended.occurrences.count() == 2  # Feb 15, Mar 15
    vehicle.sold_date = datetime.date(2026, 4, 10)
    vehicle.save()
    sold = cost(vehicle, "2026-02-01", "20.00", recurrence="monthly")
    assert [o.date.month for o in sold.occurrences.order_by("date")] == [3, 4] and sold.next_due is None
    trashed = cost(car(owner, "Other"), "2026-06-01", "5.00", recurrence="monthly")
    trashed.soft_delete()
    assert occurrences_make(datetime.datetime(2026, 8, 2, tzinfo=datetime.UTC)) == 0


def test_an_occurrence_deleted_is_not_made_again(owner, vehicle):
    series = cost(vehicle, "2026-05-10", "8.00", recurrence="monthly")
    june = series.occurrences.get()
    june.soft_delete()
    series.amount = Decimal("9.00")
    cost_save(cost=series, today=datetime.date(2026, 6, 30))  # an edit replans from the latest made
    assert series.occurrences.count() == 1 and series.next_due == datetime.date(2026, 7, 10)


def test_add_months_keeps_the_day_where_the_month_has_it():
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 11, 15), 2) == datetime.date(2026, 1, 15)


def test_the_export_holds_live_and_trashed_costs(owner, vehicle):
    kept = cost(vehicle, "2026-06-01", "42.00")
    gone = cost(vehicle, "2026-06-02", "7.00")
    gone.soft_delete()
    exported = next(rt for rt in record_types() if rt.name == "costs").export(owner)
    files = {name: list(rows) for name, rows in exported}
    live, trash = files["costs/other-costs.csv"], files["costs/other-costs-trash.csv"]
    assert "amount" in live[0] and [row[live[0].index("amount")] for row in live[1:]] == ["42.00"]
    assert [row[0] for row in trash[1:]] == [str(gone.pk)] and kept.pk != gone.pk


def test_a_vehicle_purged_with_its_records_takes_its_recurring_costs(owner, vehicle):
    from vehicles.services import vehicle_purge

    cost(vehicle, "2026-01-10", "30.00", recurrence="monthly")
    vehicle.soft_delete()
    vehicle_purge(vehicle=vehicle, with_records=True)
    assert not OtherCost.objects.exists()


def test_an_account_deleted_takes_its_recurring_costs(owner, vehicle):
    from motovault.accountdata import account_delete

    cost(vehicle, "2026-01-10", "30.00", recurrence="monthly")
    account_delete(user=owner)
    assert not OtherCost.objects.exists()
