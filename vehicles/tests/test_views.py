"""Garage pages: who may see what, the trash, odometer readings and query counts."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vehicles.models import OdometerReading, Vehicle

pytestmark = pytest.mark.django_db

# Every vehicle URL and the method it answers to; {pk} is Alice's vehicle.
VEHICLE_URLS = [
    ("get", "/vehicles/{pk}/"),
    ("get", "/vehicles/{pk}/overview/"),
    ("get", "/vehicles/{pk}/edit/"),
    ("post", "/vehicles/{pk}/edit/"),
    ("post", "/vehicles/{pk}/delete/"),
    ("get", "/vehicles/{pk}/photo/"),
    ("post", "/vehicles/{pk}/odometer/"),
]
TRASH_URLS = [("post", "/vehicles/{pk}/restore/"), ("post", "/vehicles/{pk}/purge/")]

# A one-pixel PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


@pytest.mark.parametrize("method, url", VEHICLE_URLS)
def test_other_user_gets_404(other_client, vehicle, method, url):
    assert getattr(other_client, method)(url.format(pk=vehicle.pk)).status_code == 404
    vehicle.refresh_from_db()
    assert vehicle.deleted_at is None and vehicle.make == "Honda"


@pytest.mark.parametrize("method, url", TRASH_URLS)
def test_other_user_gets_404_in_the_trash_too(other_client, vehicle, method, url):
    vehicle.soft_delete()
    assert getattr(other_client, method)(url.format(pk=vehicle.pk)).status_code == 404
    assert Vehicle.objects.filter(pk=vehicle.pk, deleted_at__isnull=False).exists()


@pytest.mark.parametrize("method, url", [*VEHICLE_URLS, *TRASH_URLS, ("get", "/vehicles/"), ("get", "/vehicles/add/")])
def test_a_signed_out_visitor_is_sent_to_sign_in(client, vehicle, method, url):
    response = getattr(client, method)(url.format(pk=vehicle.pk))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_empty_garage_tells_a_new_user_what_to_do(owner_client):
    assert "Add your first vehicle" in owner_client.get("/vehicles/").content.decode()


def test_the_garage_shows_only_the_owners_vehicles_with_their_odometer(owner_client, vehicle, other_user):
    Vehicle.objects.create(owner=other_user, year=2015, make="Tesla", model="Model S")
    OdometerReading.objects.create(
        owner=vehicle.owner, vehicle=vehicle, date=datetime.date(2024, 1, 1), odometer_km=Decimal("16093.44")
    )
    page = owner_client.get("/vehicles/").content.decode()
    assert "Civic" in page and "Tesla" not in page
    assert "10,000 mi" in page


def make_vehicles(owner, count: int, trashed: int = 1) -> None:
    vehicles = Vehicle.objects.bulk_create(
        Vehicle(owner=owner, year=2000 + i % 15, make="Make", model=f"Model {i}") for i in range(count + trashed)
    )
    OdometerReading.objects.bulk_create(
        OdometerReading(owner=owner, vehicle=v, date=datetime.date(2024, 1, 1), odometer_km=1000) for v in vehicles
    )
    for vehicle in vehicles[:trashed]:
        vehicle.soft_delete()


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/vehicles/", "/", "/vehicles/trash/"])
def test_list_pages_cost_the_same_queries_for_1_and_50_vehicles(owner_client, owner, url):
    """One query for the vehicles with their odometers, not one per card (N+1)."""
    make_vehicles(owner, 1)
    few = count_queries(owner_client, url)
    make_vehicles(owner, 49, trashed=5)
    assert count_queries(owner_client, url) == few


def test_the_vehicle_page_costs_the_same_with_1_and_50_readings(owner_client, vehicle):
    OdometerReading.objects.create(owner=vehicle.owner, vehicle=vehicle, date=datetime.date(2020, 1, 1), odometer_km=1)
    few = count_queries(owner_client, f"/vehicles/{vehicle.pk}/")
    OdometerReading.objects.bulk_create(
        OdometerReading(owner=vehicle.owner, vehicle=vehicle, date=datetime.date(2021, 1, 1), odometer_km=10 + i)
        for i in range(49)
    )
    assert count_queries(owner_client, f"/vehicles/{vehicle.pk}/") == few


def test_delete_hides_the_vehicle_and_its_records_until_undone(owner_client, owner, vehicle):
    reading = OdometerReading.objects.create(
        owner=owner, vehicle=vehicle, date=datetime.date(2024, 1, 1), odometer_km=5
    )
    response = owner_client.post(f"/vehicles/{vehicle.pk}/delete/")
    assert response["Location"] == f"/vehicles/?deleted={vehicle.pk}"
    assert "Undo" in owner_client.get(response["Location"]).content.decode()
    assert owner_client.get(f"/vehicles/{vehicle.pk}/").status_code == 404
    assert not OdometerReading.objects.for_user(owner).exists()
    owner_client.post(f"/vehicles/{vehicle.pk}/restore/")
    assert owner_client.get(f"/vehicles/{vehicle.pk}/").status_code == 200
    assert list(OdometerReading.objects.for_user(owner)) == [reading]


def test_purge_refuses_while_records_remain_unless_confirmed(owner_client, owner, vehicle):
    OdometerReading.objects.create(owner=owner, vehicle=vehicle, date=datetime.date(2024, 1, 1), odometer_km=5)
    vehicle.soft_delete()
    response = owner_client.post(f"/vehicles/{vehicle.pk}/purge/", follow=True)
    assert "still has records" in response.content.decode()
    assert Vehicle.objects.filter(pk=vehicle.pk).exists() and OdometerReading.objects.exists()
    owner_client.post(f"/vehicles/{vehicle.pk}/purge/", {"with_records": "yes"})
    assert not Vehicle.objects.filter(pk=vehicle.pk).exists() and not OdometerReading.objects.exists()


def test_a_live_vehicle_cannot_be_purged(owner_client, vehicle):
    assert owner_client.post(f"/vehicles/{vehicle.pk}/purge/").status_code == 404
    assert Vehicle.objects.filter(pk=vehicle.pk).exists()


def test_restoring_a_vehicle_whose_vin_was_reused_is_refused_with_a_message(owner_client, owner):
    old = Vehicle.objects.create(owner=owner, year=2012, make="Honda", model="Civic", vin="2HGFB2F53CH123456")
    old.soft_delete()
    Vehicle.objects.create(owner=owner, year=2012, make="Honda", model="Civic", vin="2HGFB2F53CH123456")
    response = owner_client.post(f"/vehicles/{old.pk}/restore/", follow=True)
    assert "has its VIN now" in response.content.decode()
    old.refresh_from_db()
    assert old.deleted_at is not None


def add_reading(client, vehicle, date: str, odometer: str):
    return client.post(
        f"/vehicles/{vehicle.pk}/odometer/", {"date": date, "odometer": odometer}, headers={"HX-Request": "true"}
    )


def test_a_new_readings_date_starts_as_today_in_the_users_time_zone(owner_client, owner, vehicle):
    owner.time_zone = "Pacific/Auckland"
    owner.save()
    with time_machine.travel(datetime.datetime(2024, 3, 5, 22, 30, tzinfo=datetime.UTC)):  # 6 March there
        html = owner_client.get(f"/vehicles/{vehicle.pk}/").content.decode()
    assert 'type="date" name="date" value="2024-03-06"' in html


def test_odometer_readings_in_the_vehicles_unit(owner_client, vehicle):
    add_reading(owner_client, vehicle, "2024-01-01", "10000")
    assert OdometerReading.objects.get().odometer_km == Decimal("16093.440")
    assert "10,000 mi" in owner_client.get(f"/vehicles/{vehicle.pk}/").content.decode()


def test_a_reading_lower_than_an_earlier_one_is_refused_naming_it(owner_client, vehicle):
    add_reading(owner_client, vehicle, "2024-01-01", "10000")
    response = add_reading(owner_client, vehicle, "2024-02-01", "9000")
    assert "Lower than an earlier reading: 10,000 mi on 01 Jan 2024 (odometer reading)." in response.content.decode()
    response = add_reading(owner_client, vehicle, "2023-12-01", "11000")
    assert "Higher than a later reading: 10,000 mi on 01 Jan 2024" in response.content.decode()
    assert OdometerReading.objects.count() == 1


def test_a_reading_in_the_future_or_below_purchase_is_refused(owner_client, vehicle):
    vehicle.purchase_odometer_km, vehicle.purchase_date = Decimal("1609.344"), datetime.date(2020, 1, 1)
    vehicle.save()
    assert "in the future" in add_reading(owner_client, vehicle, "2999-01-01", "5000").content.decode()
    assert "odometer at purchase: 1,000 mi" in add_reading(owner_client, vehicle, "2021-01-01", "900").content.decode()
    assert not OdometerReading.objects.exists()


def test_the_photo_is_served_to_its_owner(owner_client, vehicle, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    vehicle.photo = SimpleUploadedFile("civic.png", PNG, content_type="image/png")
    vehicle.save()
    response = owner_client.get(f"/vehicles/{vehicle.pk}/photo/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert "private" in response["Cache-Control"]


def test_the_readings_come_from_the_cache_until_a_reading_changes_them(owner_client, vehicle):
    url = f"/vehicles/{vehicle.pk}/"
    # The user, the vehicle, its current odometer, its readings, its catalog configuration (EPA).
    assert count_queries(owner_client, url) == 5
    assert count_queries(owner_client, url) == 2  # the user and the vehicle; the readings are cached
    htmx = {"HX-Request": "true", "HX-Target": "overview-section"}
    data = {"date": "2024-03-01", "odometer": "12000"}
    answer = owner_client.post(f"/vehicles/{vehicle.pk}/odometer/", data, headers=htmx).content.decode()
    assert answer.count("12,000 mi") == 2  # the odometer in the details, and the new row
    assert owner_client.get(url).content.decode().count("12,000 mi") == 2
    reading = OdometerReading.objects.get(vehicle=vehicle)
    answer = owner_client.post(f"/odometer/{reading.pk}/delete/", headers=htmx).content.decode()
    assert "12,000 mi" not in answer and "No plain readings yet" in answer
    assert "12,000 mi" not in owner_client.get(url).content.decode()


@pytest.mark.parametrize("url", ["/vehicles/{pk}/", "/vehicles/{pk}/fuel/", "/vehicles/{pk}/fuel/analytics/"])
def test_a_cached_vehicle_is_still_404_to_others_and_once_trashed(owner_client, other_client, vehicle, url):
    url = url.format(pk=vehicle.pk)
    assert owner_client.get(url).status_code == 200
    assert owner_client.get(url).status_code == 200  # now from the cache
    assert other_client.get(url).status_code == 404
    vehicle.soft_delete()
    assert owner_client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/vehicles/picker/?year=²", "/vehicles/?deleted=²", "/fuel/add/?vehicle=²"])
def test_a_unicode_digit_that_is_no_number_is_just_ignored(owner_client, vehicle, url):
    """'²' passes str.isdigit() but not int(): found by the form fuzzing as a 500."""
    assert owner_client.get(url).status_code == 200
