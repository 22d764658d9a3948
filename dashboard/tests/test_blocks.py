"""The home page's "what is due next" and "where fuel is cheapest" blocks render what the features
registered (maintenance, documents and stations plug in here), worst first."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from dashboard import cheapest
from dashboard.tests.conftest import car, fill
from vehicles import due

pytestmark = pytest.mark.django_db


def test_due_items_of_every_provider_worst_first_and_none_of_a_sold_vehicle(owner_client, owner, monkeypatch):
    civic = car(owner, "Civic")
    car(owner, "Gone", sold_date=datetime.date(2026, 1, 1))
    fill(civic, "2026-06-01", 1000, "40", "1.50")
    seen = []

    def services(user, vehicle_ids, today):
        seen.append((user, sorted(vehicle_ids), today))
        soon, overdue = datetime.date(2026, 7, 20), datetime.date(2026, 6, 1)
        return [
            due.DueItem(civic.pk, "reminder:1", "Oil change", due.DueState.SOON, soon, None, "/r/1"),
            due.DueItem(civic.pk, "reminder:2", "Brake fluid", due.DueState.OVERDUE, overdue, None, "/r/2"),
        ]

    def documents(user, vehicle_ids, today):
        return [due.DueItem(civic.pk, "document:7", "Insurance renewal", due.DueState.VERY_SOON,
                            datetime.date(2026, 7, 5), None, "/d/7", detail="expires")]  # fmt: skip

    monkeypatch.setattr(due, "PROVIDERS", [services, documents])
    with time_machine.travel(datetime.datetime(2026, 6, 30, 12, tzinfo=datetime.UTC), tick=False):
        page = owner_client.get("/").content.decode()
    assert seen == [(owner, [civic.pk], datetime.date(2026, 6, 30))]  # the sold one is not asked about
    order = [page.index(title) for title in ("Brake fluid", "Insurance renewal", "Oil change")]
    assert order == sorted(order) and 'class="due-overdue"' in page


def test_cheapest_fuel_for_what_the_user_buys_in_their_unit(owner_client, owner, monkeypatch):
    owner.volume_unit = "us_gal"
    owner.save()
    civic = car(owner, "Civic")
    fill(civic, "2026-06-01", 1000, "40", "1.50")
    asked = []

    def stations(user, wanted, today):
        asked.append(wanted)
        return [
            cheapest.FuelPrice("petrol", "", Decimal("1.00000"), "Corner Garage", datetime.date(2026, 6, 29), "/s/3")
        ]

    monkeypatch.setattr(cheapest, "PROVIDERS", [stations])
    with time_machine.travel(datetime.datetime(2026, 6, 30, 12, tzinfo=datetime.UTC), tick=False):
        page = owner_client.get("/").content.decode()
    assert asked == [[("petrol", "")]]
    assert "$3.785</strong>/gal Petrol" in page and "Corner Garage" in page  # 1.00 a litre
