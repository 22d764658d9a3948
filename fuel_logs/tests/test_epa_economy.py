"""The EPA's figures beside the owner's measured economy, in the owner's units, on the vehicle
page and its analytics."""

from decimal import Decimal

import pytest

from fuel_logs.selectors import epa_economy
from platform_data.models import Configuration, Make, VehicleModel
from vehicles.models import Vehicle

pytestmark = pytest.mark.django_db


def configuration(make: str, model: str, *, city: int | None, highway: int | None, fuel: str = "gasoline"):
    vehicle_model = VehicleModel.objects.create(make=Make.objects.create(name=make), name=model)
    source = {"epa_id": 18657} if city else {"source": "vpic", "vpic_key": f"2022|{make}|{model}"}
    return Configuration.objects.create(
        vehicle_model=vehicle_model, year=2003, fuel=fuel, city_mpg=city, highway_mpg=highway, **source
    )


@pytest.fixture
def accord(owner):
    """A 2003 Accord V6 automatic: the EPA's 19 city, 27 highway."""
    v6 = configuration("Honda", "Accord", city=19, highway=27)
    return Vehicle.objects.create(owner=owner, year=2003, make="Honda", model="Accord", configuration=v6)


def test_the_epa_figures_are_in_mpg_beside_the_owners_own(accord, fill):
    fill(accord, 1000, 40, full=True)
    fill(accord, 1800, 45, full=True)

    figures = epa_economy(accord.owner, accord.pk, None)

    # 800 km / 45 L = 497.10 mi / 11.888 US gal = 41.8 MPG (US)
    assert (figures.measured, figures.symbol) == (Decimal("41.8"), "MPG (US)")
    # The EPA's combined weighs city 55 %, highway 45 %: 1 / (0.55/19 + 0.45/27) = 21.9
    assert (figures.city, figures.highway, figures.combined) == (Decimal("19.0"), Decimal("27.0"), Decimal("21.9"))


def test_the_epa_figures_follow_the_owners_unit(accord):
    accord.distance_unit, accord.volume_unit, accord.economy_unit = "km", "l", "l_100km"
    accord.save()
    figures = epa_economy(accord.owner, accord.pk, None)
    # 235.215 / MPG (US) = L/100 km
    assert (figures.city, figures.highway, figures.combined, figures.symbol) == (
        Decimal("12.4"),
        Decimal("8.7"),
        Decimal("10.7"),
        "L/100 km",
    )
    assert figures.measured is None, "no figure of the owner's before two full fill-ups"


def test_an_electric_cars_mpge_is_shown_per_kwh(owner):
    leaf = Vehicle.objects.create(
        owner=owner, year=2012, make="Nissan", model="Leaf", fuel_type="electric", economy_unit="mi_kwh",
        configuration=configuration("Nissan", "Leaf", city=106, highway=92, fuel="electricity"),
    )  # fmt: skip
    figures = epa_economy(leaf.owner, leaf.pk, None)
    # 33.705 kWh is the EPA's gallon equivalent: 106 MPGe = 3.1 mi/kWh
    assert (figures.city, figures.highway, figures.symbol) == (Decimal("3.1"), Decimal("2.7"), "mi/kWh")


def test_no_figures_without_an_epa_configuration(owner):
    typed_in = Vehicle.objects.create(owner=owner, year=2022, make="Honda", model="Civic")
    no_figures = configuration("Honda", "Civic", city=None, highway=None)
    from_vpic = Vehicle.objects.create(owner=owner, year=2022, make="Honda", model="Civic", configuration=no_figures)
    assert epa_economy(typed_in.owner, typed_in.pk, None) is None
    assert epa_economy(from_vpic.owner, from_vpic.pk, None) is None


def test_the_vehicle_page_and_its_analytics_show_both(owner_client, accord, fill):
    fill(accord, 1000, 40, full=True)
    fill(accord, 1800, 45, full=True)
    for url in (f"/vehicles/{accord.pk}/", f"/vehicles/{accord.pk}/fuel/analytics/"):
        text = " ".join(owner_client.get(url).content.decode().split())
        assert "You get <strong>41.8</strong> MPG (US), EPA combined <strong>21.9</strong>" in text, url
        assert "(city 19.0, highway 27.0)" in text, url
