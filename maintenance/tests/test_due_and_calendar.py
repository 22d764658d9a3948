"""What is due next across the garage (from every due provider, soonest first), its query
counts, the cost source, and the calendar feed read back by a real iCalendar parser."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from maintenance import selectors
from maintenance.models import ReminderSettings
from vehicles import due
from vehicles.costs import SOURCES, MonthCost
from vehicles.due import DueItem, DueState
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 10)


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def other_provider():
    """Another feature's due items (expiring documents, say): the due list must show them too."""

    def documents(user, vehicle_ids, today):
        return [DueItem(vehicle_ids[0], "document:1", "Insurance", DueState.SOON, TODAY + datetime.timedelta(days=5),
                        None, "/documents/1/", "expires")]  # fmt: skip

    due.register(documents)
    yield
    due.PROVIDERS.remove(documents)


def test_the_due_list_is_soonest_first_from_every_provider(owner_client, car, reminder, other_provider, frozen):
    reminder(car, title="Later", due_date=TODAY + datetime.timedelta(days=20))
    reminder(car, title="Overdue", due_date=TODAY - datetime.timedelta(days=2))
    reminder(car, title="Fine", due_date=TODAY + datetime.timedelta(days=200))
    titles = [item.title for item in selectors.due_list(car.owner, TODAY)]
    assert titles == ["Overdue · Octy", "Insurance", "Later · Octy", "Fine · Octy"]
    page = owner_client.get("/due/").content.decode()
    assert page.index("Overdue · Octy") < page.index("Insurance") < page.index("Later · Octy")
    assert "Insurance" in owner_client.get(f"/vehicles/{car.pk}/services/").content.decode()


def due_list_queries(client) -> tuple[int, int]:
    visits = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/due/").status_code == 200
        visits.append(len(queries))
    return tuple(visits)


def test_due_list_queries_are_the_same_with_1_and_50_vehicles(owner_client, owner, car, reminder, reading, frozen):
    def add(vehicle):
        reading(vehicle, TODAY - datetime.timedelta(days=60), 10_000)
        reading(vehicle, TODAY - datetime.timedelta(days=1), 12_000)
        reminder(vehicle, title="Oil", interval_km=Decimal(10_000), due_odometer_km=Decimal(15_000))
        reminder(vehicle, title="MOT", due_date=TODAY + datetime.timedelta(days=3))

    add(car)
    one = due_list_queries(owner_client)
    for n in range(49):
        add(Vehicle.objects.create(owner=owner, year=2020, make="Fiat", model="Panda", nickname=f"P{n}"))
    assert len(selectors.due_list(owner, TODAY)) == 100
    # The session's user; then the vehicles, the reminders, their odometers, the user's thresholds,
    # one query a source for the driving rates (3 sources), the documents' notice days and the
    # expiring documents; from the cache, the user alone.
    assert one == due_list_queries(owner_client) == (10, 1)


def test_service_costs_per_month(owner, car, service):
    service(car, datetime.date(2026, 1, 5), 1_000, "Brakes", parts="100", labour="50", tax="30")
    service(car, datetime.date(2026, 1, 25), 2_000, "Oil and filter", parts="40", labour="0")
    service(car, datetime.date(2026, 2, 1), 3_000, "Coolant", parts="10", labour="5")
    [source] = [source for source in SOURCES if source.category == "maintenance"]
    assert list(source.months(owner, [car.pk], None, datetime.date(2026, 1, 31))) == [
        MonthCost(car.pk, datetime.date(2026, 1, 1), Decimal("220.00"))  # 100 + 50 + 30 + 40
    ]


def feed_url(owner_client) -> str:
    owner_client.post("/settings/notifications/", {"action": "calendar"})
    return f"/calendar/{ReminderSettings.objects.get().calendar_token}.ics"


def test_the_calendar_feed_lists_due_dates(client, owner_client, car, reminder, frozen):
    oil = reminder(car, title="MOT", due_date=datetime.date(2026, 4, 1))
    reminder(car, title="By distance, no rate", interval_km=Decimal(5000), due_odometer_km=Decimal(9000))
    response = client.get(feed_url(owner_client))  # signed out: the token is the key
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "MOT · Octy" and event.decoded("dtstart") == datetime.date(2026, 4, 1)
    assert str(event["uid"]).startswith(f"reminder:{oil.pk}@")


def test_a_wrong_or_regenerated_token_is_404(client, owner_client, car):
    old = feed_url(owner_client)
    assert client.get("/calendar/not-the-token.ics").status_code == 404
    new = feed_url(owner_client)
    assert new != old and client.get(old).status_code == 404 and client.get(new).status_code == 200


def test_the_garage_card_shows_the_next_dated_reminder(owner_client, car, reminder):
    reminder(car, title="MOT", due_date=datetime.date(2026, 4, 1))
    reminder(car, title="Later", due_date=datetime.date(2026, 9, 1))
    reminder(car, title="Done", due_date=datetime.date(2026, 1, 1), done_on=datetime.date(2026, 1, 1))
    page = owner_client.get("/vehicles/").content.decode()
    assert "MOT, 1 Apr 2026" in page and "Later" not in page and "Done," not in page
