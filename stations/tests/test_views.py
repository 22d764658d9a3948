"""Station pages: adding by hand and from the provider's search, the list and its search,
favourites, the trash, and a station's prices worked out by hand."""

from decimal import Decimal

import pytest

from fuel_logs.models import FuelLog
from stations.models import Station

from .places_stand_in import OVER_QUERY_LIMIT, REQUEST_DENIED, SERVER_ERROR, ZERO_RESULTS

pytestmark = pytest.mark.django_db


def test_a_station_typed_in(owner_client, owner):
    response = owner_client.post(
        "/stations/add/",
        {"name": "  Shell   Main Street ", "brand": "Shell", "address": "12 Main St", "latitude": "48.13715491234567",
         "longitude": "11.576124", "notes": "Cheap on Mondays"},
    )  # fmt: skip
    station = Station.objects.for_user(owner).get()
    assert response.status_code == 302 and response["Location"] == f"/stations/{station.pk}/"
    assert (station.name, station.latitude, station.longitude) == (
        "Shell Main Street",
        Decimal("48.137155"),
        Decimal("11.576124"),
    )
    assert str(station) == "Shell Main Street"  # the brand is in the name already


@pytest.mark.parametrize(
    "latitude, longitude, message",
    [
        ("90.5", "10", "A latitude is between -90 and 90 degrees."),
        ("45", "-180.01", "A longitude is between -180 and 180 degrees."),
        ("45", "", "Enter both latitude and longitude."),
        ("", "10", "Enter both latitude and longitude."),
        ("NaN", "10", "Enter a number."),
    ],
)
def test_coordinates_out_of_range_are_refused_beside_the_field(owner_client, latitude, longitude, message):
    response = owner_client.post("/stations/add/", {"name": "Aral", "latitude": latitude, "longitude": longitude})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Station.objects.exists()


def test_the_list_puts_favourites_first_and_searches_name_brand_and_address(owner_client, station):
    station("Aral Ring Road", address="Ring Road 1")
    station("Corner station", brand="Total", is_favourite=True)
    station("Shell Main Street", address="12 Main Street")
    page = owner_client.get("/stations/").content.decode()
    assert page.index("Total · Corner station") < page.index("Aral Ring Road") < page.index("Shell Main Street")
    assert "Aral" not in owner_client.get("/stations/", {"q": "main"}).content.decode().split("station-rows")[1]
    found = owner_client.get("/stations/", {"q": "total"}).content.decode()
    assert "Corner station" in found and "Shell" not in found.split("station-rows")[1]


def test_a_favourite_is_marked_in_place(owner_client, station):
    aral, shell = station("Aral"), station("Shell")
    response = owner_client.post(
        f"/stations/{shell.pk}/favourite/", {"favourite": "yes"}, headers={"HX-Request": "true"}
    )
    rows = response.content.decode()
    assert rows.lstrip().startswith('<div id="station-rows">') and rows.index("Shell") < rows.index("Aral")
    shell.refresh_from_db()
    assert shell.is_favourite
    owner_client.post(f"/stations/{shell.pk}/favourite/", {"favourite": ""})
    shell.refresh_from_db()
    assert not shell.is_favourite and aral.is_favourite is False


def test_trash_undo_and_purge(owner_client, owner, station, vehicle, bought):
    used, unused = station("Used"), station("Unused")
    bought(vehicle, used, 1, "1.5")
    for one in (used, unused):
        response = owner_client.post(f"/stations/{one.pk}/delete/")
        assert response["Location"] == f"/stations/?deleted={one.pk}"
    assert "Unused is in the trash." in owner_client.get(f"/stations/?deleted={unused.pk}").content.decode()
    trash = owner_client.get("/vehicles/trash/").content.decode()
    assert "Fill-ups name it: it stays." in trash and f"/stations/{unused.pk}/purge/" in trash
    assert f"/stations/{used.pk}/purge/" not in trash

    response = owner_client.post(f"/stations/{used.pk}/purge/", follow=True)
    assert (
        "Used is named by 1 fill-up: it can stay in the trash, but not be deleted for good."
        in response.content.decode()
    )
    assert Station.objects.filter(pk=used.pk).exists()
    owner_client.post(f"/stations/{unused.pk}/purge/")
    assert not Station.objects.filter(pk=unused.pk).exists()

    owner_client.post(f"/stations/{used.pk}/restore/")
    assert Station.objects.for_user(owner).filter(pk=used.pk).exists()
    assert owner_client.post(f"/stations/{used.pk}/purge/").status_code == 404  # only from the trash


def test_the_station_page_shows_latest_and_average_prices(owner_client, owner, vehicle, station, bought):
    """Regular: 40 L at 1.500 then 10 L at 1.600 (newest): latest 1.600, average per litre bought
    (60 + 16) / 50 = 1.520. Diesel: one fill-up at 1.700. Per litre (the user's unit here)."""
    owner.volume_unit = "l"
    owner.save()
    shell = station("Shell")
    bought(vehicle, shell, 20, "1.5", litres="40")
    bought(vehicle, shell, 2, "1.6", litres="10")
    bought(vehicle, shell, 5, "1.7", energy="diesel", grade="")
    page = owner_client.get(f"/stations/{shell.pk}/")
    prices = page.context["prices"]
    assert [(g.label, g.latest, g.average, g.fills, g.symbol) for g in prices.grades] == [
        ("Diesel", Decimal("1.700"), Decimal("1.700"), 1, "L"),
        ("Petrol · Regular", Decimal("1.600"), Decimal("1.520"), 2, "L"),
    ]
    assert prices.chart["labels"] == ["2025-05-26", "2025-06-10", "2025-06-13"]
    assert prices.chart["datasets"] == [
        {"label": "Diesel (per L)", "data": [None, Decimal("1.700"), None]},
        {"label": "Petrol · Regular (per L)", "data": [Decimal("1.500"), None, Decimal("1.600")]},
    ]
    html = page.content.decode()
    assert "$1.600" in html and "$1.520" in html and 'id="price-history" type="application/json"' in html


def test_without_a_key_no_provider_search_is_offered(owner_client):
    assert "/stations/find/" not in owner_client.get("/stations/").content.decode()
    page = owner_client.get("/stations/find/", {"q": "shell"}).content.decode()
    assert "needs a Google Maps API key" in page and "Add a station by hand" in page


def test_a_provider_search_offers_each_place_prefilled(owner_client, places_api, station):
    station("Aral", place_id="ChIJ-aral-ring-road")
    assert "/stations/find/" in owner_client.get("/stations/").content.decode()
    page = owner_client.get("/stations/find/", {"q": "shell", "latitude": "48.1", "longitude": "11.5"}).content.decode()
    assert "Shell Main Street" in page and "test-key" not in page
    assert "/stations/add/?place_id=ChIJ-shell-main-street&amp;name=Shell+Main+Street" in page
    assert "Already one of your stations." in page  # Aral
    prefill = {"place_id": "ChIJ-shell-main-street", "name": "Shell Main Street", "latitude": "48.137154"}
    form = owner_client.get("/stations/add/", {**prefill, "longitude": "11.576124"})
    assert form.context["form"].initial["name"] == "Shell Main Street"
    data = {"place_id": "ChIJ-shell-main-street", "name": "Shell", "latitude": "48.137154", "longitude": "11.576124"}
    owner_client.post("/stations/add/", data)
    assert Station.objects.get(name="Shell").place_id == "ChIJ-shell-main-street"
    again = owner_client.post("/stations/add/", data)
    assert "This place is already one of your stations: Shell." in again.content.decode()
    assert Station.objects.filter(place_id="ChIJ-shell-main-street").count() == 1


@pytest.mark.parametrize(
    "answer, message",
    [
        (ZERO_RESULTS, "No station found."),
        (OVER_QUERY_LIMIT, "over its quota"),
        (REQUEST_DENIED, "refused our request"),
        (SERVER_ERROR, "not answering properly"),
    ],
)
def test_a_provider_search_that_fails_says_why_and_the_page_works(owner_client, places_api, answer, message):
    places_api.answers = [answer]
    response = owner_client.get("/stations/find/", {"q": "shell"})
    assert response.status_code == 200 and message in response.content.decode()
    assert "Add a station by hand" in response.content.decode() and not Station.objects.exists()


def test_a_provider_search_that_times_out_says_so(owner_client, places_api):
    places_api.delay = 1.0
    page = owner_client.get("/stations/find/", {"latitude": "48.1", "longitude": "11.5"}).content.decode()
    assert "did not answer in time" in page


def test_a_provider_search_needs_words_or_a_position(owner_client, places_api):
    page = owner_client.get("/stations/find/", {"q": " ", "latitude": "95", "longitude": "1"}).content.decode()
    assert "A latitude is between -90 and 90 degrees." in page and places_api.requests == []


def test_the_export_holds_the_stations_and_which_fill_up_names_which(owner_client, station, vehicle, bought):
    import io
    import zipfile

    aral = station("Aral", latitude=Decimal("48.1"), longitude=Decimal("11.5"))
    log = bought(vehicle, aral, 1, "1.5")
    response = owner_client.get("/account/export/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    rows = archive.read("stations/stations.csv").decode().splitlines()
    assert rows[0].startswith("id,created_at,updated_at,deleted_at,name,brand,address,latitude,longitude")
    assert ",Aral,,,48.100000,11.500000," in rows[1]
    links = archive.read("stations/fill-up-stations.csv").decode().splitlines()
    assert links == [
        "vehicle_id,filled_at,station_id,station_name",
        f"{vehicle.pk},{log.filled_at.isoformat()},{aral.pk},Aral",
    ]


def test_another_users_station_is_a_404_everywhere(other_client, station):
    aral = station("Aral")
    for url in ("", "edit/"):
        assert other_client.get(f"/stations/{aral.pk}/{url}").status_code == 404
    for url in ("favourite/", "delete/", "edit/"):
        assert other_client.post(f"/stations/{aral.pk}/{url}", {"name": "x", "favourite": "yes"}).status_code == 404
    aral.refresh_from_db()
    assert (aral.name, aral.is_favourite, aral.deleted_at) == ("Aral", False, None)
    assert FuelLog.objects.count() == 0


def test_a_signed_out_visitor_is_sent_to_sign_in(client):
    assert client.get("/stations/cheapest/")["Location"].startswith("/accounts/login/")
