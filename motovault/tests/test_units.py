from decimal import Decimal

import pytest

from motovault import units


@pytest.mark.parametrize(
    "unit, expected",
    [
        ("mpg_us", Decimal("30.0")),
        ("mpg_uk", Decimal("36.0")),
        ("l_100km", Decimal("7.8")),
        ("km_l", Decimal("12.8")),
    ],
)
def test_economy_of_300_miles_on_10_us_gallons(unit, expected):
    distance = units.to_km(Decimal(300), "mi")
    litres = units.to_litres(Decimal(10), "us_gal")
    assert units.rounded(units.economy(distance, litres, unit)) == expected


def test_electric_units():
    assert units.rounded(units.economy(Decimal(100), Decimal(15), "kwh_100km")) == Decimal("15.0")
    assert units.rounded(units.economy(units.to_km(Decimal(40), "mi"), Decimal(10), "mi_kwh")) == Decimal("4.0")


@pytest.mark.parametrize("distance, quantity", [(0, 10), (100, 0), (None, 10), (100, None), (-5, 10)])
def test_no_figure_rather_than_a_wrong_one(distance, quantity):
    assert units.economy(distance, quantity, "mpg_us") is None


def test_conversions_round_trip_exactly():
    assert units.from_km(units.to_km(Decimal("12345.6"), "mi"), "mi") == Decimal("12345.6")
    assert units.from_litres(units.to_litres(Decimal("13.2"), "imp_gal"), "imp_gal") == Decimal("13.2")
    assert units.to_litres(Decimal(1), "us_gal") == Decimal("3.785411784")


def test_rounding_is_half_up():
    assert units.rounded(Decimal("2.25")) == Decimal("2.3")
    assert units.rounded(Decimal("2.35"), 0) == Decimal("2")
