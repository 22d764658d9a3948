"""Where fuel is cheapest, against prices worked out by hand. Today is 15 Jun 2025; the period is
the last 30 days, from 16 May. Prices are stored per litre, as the fill-up form stores them.

    station  Regular (per L), days ago      Premium
    Aral     1.659 (10), 1.599 (2)          –
    BP       1.599 (5)                      1.859 (3)
    Shell    1.749 (1)                      1.899 (1)
    Esso     1.399 (45: older than 30 days) –

Regular: Aral and BP tie at 1.599 (rank 1, Aral first: its price is fresher), Shell is 3rd; Esso is
stale. A full tank: the Golf's 50 L at 1.599 is 79.95, at 1.749 87.45. The Civic's 56.781 L tank
is 15.000 US gal; 1.599/L is 6.053/gal (1.599 × 3.785411784 = 6.05287), so 15 × 6.053 = 90.795,
90.80; at Shell 1.749/L is 6.621/gal (6.62069), 15 × 6.621 = 99.315, 99.32.
"""

import datetime
from decimal import Decimal

import pytest

from stations import selectors
from stations.models import Station
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 6, 15)


@pytest.fixture
def garage(owner, vehicle):
    """The Civic (US gallons) with a 15 gal tank, a Golf in litres with 50 L, an electric car, and
    a diesel van whose tank size is not set."""
    vehicle.tank_capacity_l = Decimal("56.781")
    vehicle.save()
    golf = Vehicle.objects.create(
        owner=owner, year=2019, make="VW", model="Golf", distance_unit="km", volume_unit="l",
        economy_unit="l_100km", tank_capacity_l=Decimal("50"),
    )  # fmt: skip
    Vehicle.objects.create(owner=owner, year=2023, make="Tesla", model="3", fuel_type="electric")
    Vehicle.objects.create(owner=owner, year=2020, make="Ford", model="Transit", fuel_type="diesel")
    return vehicle, golf


@pytest.fixture
def prices(garage, station, bought):
    civic, golf = garage
    aral, bp, shell, esso = (station(name) for name in ("Aral", "BP", "Shell", "Esso"))
    bought(golf, aral, 10, "1.659")
    bought(civic, aral, 2, "1.599")
    bought(golf, bp, 5, "1.599")
    bought(civic, shell, 1, "1.749")
    bought(golf, esso, 45, "1.399")
    bought(golf, bp, 3, "1.859", grade="Premium")
    bought(golf, shell, 1, "1.899", grade="Premium")
    return {"Aral": aral, "BP": bp, "Shell": shell, "Esso": esso}


def summary(ranking):
    return [
        (row.rank, row.name, row.price, row.priced_at.date(), [(t.vehicle, t.capacity, t.cost) for t in row.tanks])
        for row in ranking.stations
    ]


def test_the_ranking_in_litres_with_ties_stale_prices_and_full_tanks(owner, prices):
    owner.volume_unit = "l"
    ranking = selectors.cheapest(owner, "petrol", "Regular", 30, TODAY)
    assert ranking.since == datetime.date(2025, 5, 16)
    assert summary(ranking) == [
        (1, "Aral", Decimal("1.599"), datetime.date(2025, 6, 13),
         [("Civic", Decimal("15.000"), Decimal("90.80")), ("2019 VW Golf", Decimal("50.000"), Decimal("79.95"))]),
        (1, "BP", Decimal("1.599"), datetime.date(2025, 6, 10),
         [("Civic", Decimal("15.000"), Decimal("90.80")), ("2019 VW Golf", Decimal("50.000"), Decimal("79.95"))]),
        (3, "Shell", Decimal("1.749"), datetime.date(2025, 6, 14),
         [("Civic", Decimal("15.000"), Decimal("99.32")), ("2019 VW Golf", Decimal("50.000"), Decimal("87.45"))]),
    ]  # fmt: skip
    assert ranking.stale == 1  # Esso
    assert ranking.symbol == "L"
    assert ranking.vehicles == ["Civic", "2019 VW Golf"]
    assert [name for _, name in ranking.without_tank] == []  # the Transit takes diesel, the Tesla electricity


def test_prices_read_per_gallon_for_a_user_in_gallons(owner, prices):
    owner.volume_unit = "us_gal"
    ranking = selectors.cheapest(owner, "petrol", "Regular", 30, TODAY)
    assert [row.price for row in ranking.stations] == [Decimal("6.053"), Decimal("6.053"), Decimal("6.621")]
    assert ranking.symbol == "gal"


def test_a_longer_period_ranks_the_stale_price_too(owner, prices):
    ranking = selectors.cheapest(owner, "petrol", "Regular", 60, TODAY)
    assert [(row.rank, row.name) for row in ranking.stations] == [(1, "Esso"), (2, "Aral"), (2, "BP"), (4, "Shell")]
    assert ranking.stale == 0


def test_the_other_grade_has_its_own_ranking(owner, prices):
    owner.volume_unit = "l"
    ranking = selectors.cheapest(owner, "petrol", "Premium", 30, TODAY)
    assert [(row.rank, row.name, row.price) for row in ranking.stations] == [
        (1, "BP", Decimal("1.859")),
        (2, "Shell", Decimal("1.899")),
    ]
    # 50 L at 1.859 = 92.95; 15 gal at 7.037 (1.859 × 3.785411784 = 7.03708) = 105.555, 105.56
    assert [t.cost for t in ranking.stations[0].tanks] == [Decimal("105.56"), Decimal("92.95")]


def test_a_vehicle_without_a_tank_size_is_named_for_its_fuel(owner, garage, station, bought):
    van = Vehicle.objects.get(model="Transit")
    bought(van, station("Total"), 1, "1.500", energy="diesel", grade="")
    ranking = selectors.cheapest(owner, "diesel", "", 30, TODAY)
    assert [row.name for row in ranking.stations] == ["Total"] and ranking.stations[0].tanks == []
    assert ranking.without_tank == [(van.pk, str(van))]


def test_nearest_first_from_a_point(owner, prices):
    """Munich's Marienplatz; Aral 1.1 km north, Shell 11.1 km north, BP with no position (last).
    One degree of latitude is 111.195 km on the mean radius: 0.01° is 1.1 km, 0.1° 11.1 km."""
    for name, latitude in (("Aral", "48.147"), ("Shell", "48.237")):
        prices[name].latitude, prices[name].longitude = Decimal(latitude), Decimal("11.575")
        prices[name].save()
    ranking = selectors.cheapest(owner, "petrol", "Regular", 30, TODAY)
    rows = ranking.by_distance((Decimal("48.137"), Decimal("11.575")), "km")
    assert [(row.name, row.distance, row.rank) for row in rows] == [
        ("Aral", Decimal("1.1"), 1),
        ("Shell", Decimal("11.1"), 3),
        ("BP", None, 1),
    ]
    assert [row.distance for row in ranking.stations] == [None, None, None]  # the cached ranking is untouched
    in_miles = ranking.by_distance((Decimal("48.137"), Decimal("11.575")), "mi")
    assert [row.distance for row in in_miles] == [Decimal("0.7"), Decimal("6.9"), None]  # 1.112 and 11.12 km


def test_another_users_fill_ups_and_stations_count_for_nothing(owner, other_user, prices, bought):
    theirs = Vehicle.objects.create(owner=other_user, year=2015, make="Kia", model="Ceed")

    cheap = Station.objects.create(owner=other_user, name="Their cheap one")
    bought(theirs, cheap, 1, "0.999")
    ranking = selectors.cheapest(owner, "petrol", "Regular", 30, TODAY)
    assert [row.name for row in ranking.stations] == ["Aral", "BP", "Shell"]
    assert selectors.cheapest(other_user, "petrol", "Regular", 30, TODAY).stations[0].name == "Their cheap one"


def test_the_page_shows_the_ranking_and_refuses_bad_input_beside_the_field(owner_client, owner, prices, time_machine):
    time_machine.move_to(datetime.datetime(2025, 6, 15, 18, 0, tzinfo=datetime.UTC))
    owner.volume_unit = "l"
    owner.save()
    page = owner_client.get("/stations/cheapest/").content.decode()
    assert page.index("Aral") < page.index("BP") < page.index("Shell") and "Esso" not in page.split("<table")[1]
    assert "1 more station with only older prices" in page and "79.95" in page and "90.80" in page
    page = owner_client.get("/stations/cheapest/", {"days": "0", "latitude": "91", "longitude": "11"}).content.decode()
    assert "At least one day." in page and "A latitude is between -90 and 90 degrees." in page
    assert page.index("Aral") < page.index("Shell")  # the default ranking meanwhile
    page = owner_client.get("/stations/cheapest/", {"fuel": "petrol|Premium", "latitude": "48"}).content.decode()
    assert "Enter both latitude and longitude." in page and page.index("BP") < page.index("Shell")


def test_the_home_page_names_the_first_ranked_station_for_each_fuel_bought(
    owner_client, owner, other_user, prices, bought
):
    """The provider registered for the home page: per fuel the user bought this year, the station
    the ranking puts first over its 30 days. Regular: Aral and BP tie at 1.599, Aral's is fresher
    (13 Jun against 10 Jun); Esso's 1.399 is 45 days old. Premium: BP 1.859 under Shell 1.899.
    Diesel, bought only at Total 40 days ago, has no recent price, so no line. Charlie's 0.999
    counts for nothing."""
    import time_machine

    from dashboard import cheapest

    van = Vehicle.objects.get(model="Transit")
    bought(van, Station.objects.create(owner=owner, name="Total"), 40, "1.500", energy="diesel", grade="")
    theirs = Vehicle.objects.create(owner=other_user, year=2015, make="Kia", model="Ceed")
    bought(theirs, Station.objects.create(owner=other_user, name="Their cheap one"), 1, "0.999")
    assert selectors.cheapest_prices in cheapest.PROVIDERS
    wanted = [("diesel", ""), ("petrol", "Premium"), ("petrol", "Regular")]
    found = selectors.cheapest_prices(owner, wanted, TODAY)
    assert [(p.energy, p.grade, p.price, p.station, p.seen_on) for p in found] == [
        ("petrol", "Premium", Decimal("1.859"), "BP", datetime.date(2025, 6, 12)),
        ("petrol", "Regular", Decimal("1.599"), "Aral", datetime.date(2025, 6, 13)),
    ]
    assert found[1].url == f"/stations/{prices['Aral'].pk}/"
    owner.volume_unit = "l"
    owner.save()
    with time_machine.travel(datetime.datetime(2025, 6, 15, 18, tzinfo=datetime.UTC), tick=False):
        page = owner_client.get("/").content.decode()
    assert "1.599</strong>/L Petrol Regular" in page and f'href="/stations/{prices["Aral"].pk}/">Aral</a>' in page
    assert "1.859</strong>/L Petrol Premium" in page and "Their cheap one" not in page
