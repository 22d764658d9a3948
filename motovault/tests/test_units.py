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


def test_a_pump_price_per_gallon_survives_the_round_trip_through_litres():
    stored = units.per_litre(Decimal("3.459"), "us_gal")
    assert units.rounded(units.per_volume_unit(stored.quantize(Decimal("0.00001")), "us_gal"), 3) == Decimal("3.459")
    assert units.per_litre(Decimal("1.789"), "l") == Decimal("1.789")


@pytest.mark.parametrize(
    "quantity_unit, preferred, distance_unit, volume_unit, expected",
    [
        ("l", "mpg_uk", "mi", "imp_gal", "mpg_uk"),
        ("l", "mi_kwh", "mi", "us_gal", "mpg_us"),
        ("l", "mi_kwh", "mi", "imp_gal", "mpg_uk"),
        ("l", "kwh_100km", "km", "l", "l_100km"),
        ("kwh", "mpg_us", "mi", "us_gal", "mi_kwh"),
        ("kwh", "l_100km", "km", "l", "kwh_100km"),
        ("kwh", "kwh_100km", "mi", "us_gal", "kwh_100km"),
        ("kg", "mpg_us", "mi", "us_gal", "kg_100km"),
    ],
)
def test_each_energy_is_shown_in_a_unit_that_fits_it(quantity_unit, preferred, distance_unit, volume_unit, expected):
    assert units.economy_unit_for(quantity_unit, preferred, distance_unit, volume_unit) == expected


def test_cng_in_kilograms_per_100_km():
    assert units.economy(Decimal(400), Decimal(18), units.KG_PER_100KM) == Decimal("4.5")
