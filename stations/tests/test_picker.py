"""The station picker of the fill-up forms: the user's own stations only, favourites first, then
the nearest to the last one used; a new one added on the spot; another user's refused."""

import re
import uuid
from decimal import Decimal

import pytest

from fuel_logs.models import FuelLog
from stations.models import Station

pytestmark = pytest.mark.django_db


def options(html: str) -> list[tuple[str, list[str]]]:
    """The picker's option groups and their labels, in order."""
    select = re.search(r'<select name="station".*?</select>', html, re.S).group(0)
    return [
        (label, re.findall(r"<option [^>]*>([^<]*)</option>", body))
        for label, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    ]


def fill_up(**changes) -> dict:
    data = {
        "filled_at": "2025-03-01T08:00", "odometer": "10300", "energy": "petrol", "quantity": "10",
        "price": "3.459", "total_cost": "", "fuel_grade": "Regular 87", "is_full": "on",
        "entry_token": str(uuid.uuid4()),
    }  # fmt: skip
    return {**data, **changes}


def test_favourites_first_then_the_nearest_to_the_last_used(owner_client, vehicle, station, bought, other_user):
    station("Zeta", is_favourite=True)
    station("Alpha", is_favourite=True)
    home = station("Home", latitude=Decimal("48.0"), longitude=Decimal("11.0"))
    station("Far", latitude=Decimal("49.0"), longitude=Decimal("11.0"))
    station("Near", latitude=Decimal("48.01"), longitude=Decimal("11.0"))
    station("Nowhere")
    Station.objects.create(owner=other_user, name="Charlie's")
    bought(vehicle, station("Old"), 30, "1.5")
    bought(vehicle, home, 1, "1.5")  # the last one used
    groups = options(owner_client.get("/fuel/add/").content.decode())
    assert groups == [
        ("Favourites", ["Alpha", "Zeta"]),
        ("Nearest to Home first", ["Home", "Near", "Far", "Nowhere", "Old"]),
    ]
    page = owner_client.get(f"/vehicles/{vehicle.pk}/fuel/add/").content.decode()
    assert options(page) == groups and "Charlie" not in page


def test_a_fill_up_names_one_of_the_users_stations(owner_client, vehicle, station):
    aral = station("Aral")
    response = owner_client.post(f"/vehicles/{vehicle.pk}/fuel/add/", fill_up(station=str(aral.pk)))
    assert response.status_code == 302
    assert FuelLog.objects.get().station == aral


def test_another_users_station_is_refused(owner_client, vehicle, other_user):
    theirs = Station.objects.create(owner=other_user, name="Charlie's")
    response = owner_client.post("/fuel/add/", fill_up(vehicle=str(vehicle.pk), station=str(theirs.pk)))
    assert response.status_code == 200 and "Choose one of your stations." in response.content.decode()
    assert not FuelLog.objects.exists()


def test_a_new_station_is_added_on_the_spot_once(owner_client, owner, vehicle):
    data = fill_up(vehicle=str(vehicle.pk), new_station="  Shell   Airport ")
    assert owner_client.post("/fuel/add/", data).status_code == 302
    assert owner_client.post("/fuel/add/", data).status_code == 302  # the same form again
    station = Station.objects.for_user(owner).get()
    assert station.name == "Shell Airport" and list(FuelLog.objects.values_list("station", flat=True)) == [station.pk]
    second = fill_up(vehicle=str(vehicle.pk), new_station="shell airport", odometer="10600")
    owner_client.post("/fuel/add/", second)
    assert Station.objects.count() == 1 and FuelLog.objects.filter(station=station).count() == 2


def test_editing_keeps_the_station_even_when_it_is_in_the_trash(owner_client, vehicle, station, bought):
    aral = station("Aral")
    log = bought(vehicle, aral, 1, "1.5")
    aral.soft_delete()
    form = owner_client.get(f"/fuel/{log.pk}/edit/").content.decode()
    assert "Aral (in the trash)" in form and re.search(rf'<option value="{aral.pk}" selected>', form)
    data = {**fill_up(odometer="700", notes="receipt checked"), "station": str(aral.pk)}
    data.pop("entry_token")
    assert owner_client.post(f"/fuel/{log.pk}/edit/", data).status_code == 302
    log.refresh_from_db()
    assert log.station == aral and log.notes == "receipt checked"
