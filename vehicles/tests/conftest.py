import pytest

from platform_data.models import Configuration, Make, VehicleModel

CIVIC_VIN = "2HGFB2F53CH123456"  # a 2012 Honda Civic, check digit 3


@pytest.fixture
def catalog(db):
    """A slice of the catalog: two makes, the 2012 Civic in two configurations."""
    honda = Make.objects.create(name="Honda")
    toyota = Make.objects.create(name="Toyota")
    civic = VehicleModel.objects.create(make=honda, name="Civic")
    VehicleModel.objects.create(make=toyota, name="Corolla")
    common = {
        "vehicle_model": civic,
        "year": 2012,
        "fuel": "gasoline",
        "fuel_raw": "Regular",
        "drive": "Front-Wheel Drive",
    }
    manual = Configuration.objects.create(
        epa_id=31001,
        cylinders=4,
        displacement="1.8",
        transmission="Manual 5-spd",
        city_mpg=28,
        highway_mpg=36,
        **common,
    )
    Configuration.objects.create(
        epa_id=31002,
        cylinders=4,
        displacement="1.8",
        transmission="Automatic 5-spd",
        city_mpg=28,
        highway_mpg=39,
        **common,
    )
    Configuration.objects.create(
        vehicle_model=VehicleModel.objects.get(name="Corolla"), year=2012, epa_id=31003, cylinders=4,
        displacement="1.8", fuel="gasoline", fuel_raw="Regular", transmission="Automatic 4-spd",
        drive="Front-Wheel Drive", city_mpg=26, highway_mpg=34,
    )  # fmt: skip
    return {"honda": honda, "toyota": toyota, "civic": civic, "civic_manual": manual}
