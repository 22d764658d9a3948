"""How a configuration reads, and its combined fuel economy."""

from decimal import Decimal

import pytest

from platform_data.models import Configuration, Fuel


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({}, "2.2 L 4 cyl, Automatic 4-spd, Front-Wheel Drive, Regular"),
        ({"cylinders": None, "displacement": None, "transmission": "Automatic (A1)", "fuel_raw": "Electricity"},
         "Automatic (A1), Front-Wheel Drive, Electricity"),
        ({"cylinders": None}, "2.2 L, Automatic 4-spd, Front-Wheel Drive, Regular"),  # a rotary engine
        ({"transmission": ""}, "2.2 L 4 cyl, Front-Wheel Drive, Regular"),
        ({"fuel_raw": ""}, "2.2 L 4 cyl, Automatic 4-spd, Front-Wheel Drive, Gasoline"),
    ],
)  # fmt: skip
def test_a_configuration_reads_like_its_engine_gearbox_drive_and_fuel(fields, label):
    values = {
        "cylinders": 4,
        "displacement": Decimal("2.2"),
        "transmission": "Automatic 4-spd",
        "drive": "Front-Wheel Drive",
        "fuel": Fuel.GASOLINE,
        "fuel_raw": "Regular",
    }
    config = Configuration(**{**values, **fields})
    assert str(config) == config.label == label


@pytest.mark.parametrize(
    ("city", "highway", "combined"), [(28, 39, 32), (20, 28, 23), (106, 92, 99), (0, 30, None), (None, None, None)]
)
def test_combined_mpg_is_the_epas_weighted_harmonic_mean(city, highway, combined):
    assert Configuration(city_mpg=city, highway_mpg=highway).combined_mpg == combined
