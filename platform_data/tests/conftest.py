"""A small catalog in the EPA file's own layout, loaded through the real import."""

import pytest

from platform_data.epa import COLUMNS
from platform_data.models import Configuration, Make, VehicleModel
from platform_data.services import catalog_import

HEADER = ",".join(COLUMNS)
# id, make, model, year, class, trans, drive, cyl, displ, fuel, hwy, cty
SAMPLE = [
    "31001,Honda,Civic,2012,Compact Cars,Automatic 5-spd,Front-Wheel Drive,4,1.8,Regular,39,28",
    "31002,Honda,Civic,2012,Compact Cars,Manual 5-spd,Front-Wheel Drive,4,1.8,Regular,36,28",
    "31003,Honda,Civic,2012,Compact Cars,Manual 6-spd,Front-Wheel Drive,4,2.4,Premium,31,22",
    "31004,Honda,Accord,2012,Midsize Cars,Automatic 5-spd,Front-Wheel Drive,4,2.4,Regular,34,23",
    "30001,Honda,Civic,2011,Compact Cars,Automatic 5-spd,Front-Wheel Drive,4,1.8,Regular,36,25",
    "31005,Toyota,Camry,2012,Midsize Cars,Automatic (S6),Front-Wheel Drive,4,2.5,Regular,35,25",
    "31006,Nissan,Leaf,2012,Midsize Cars,Automatic (A1),Front-Wheel Drive,,,Electricity,92,106",
    "17330,Ford,Explorer USPS Electric,2001,Sport Utility Vehicle - 2WD,,2-Wheel Drive,,,Electricity,33,45",
]


def epa_text(rows: list[str], header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


@pytest.fixture
def epa_file(tmp_path):
    """Writes an EPA file (the sample by default) and returns its path."""

    def write(rows: list[str] = SAMPLE, *, name: str = "epa.csv", header: str = HEADER):
        path = tmp_path / name
        path.write_text(epa_text(rows, header))
        return path

    return write


@pytest.fixture
def catalog(db, epa_file):
    """The sample, imported: 4 makes, 6 models, 8 configurations."""
    catalog_import(path=epa_file())


@pytest.fixture
def civic(catalog) -> VehicleModel:
    return VehicleModel.objects.get(make__name="Honda", name="Civic")


@pytest.fixture
def honda(catalog) -> Make:
    return Make.objects.get(name="Honda")


@pytest.fixture
def civic_automatic(catalog) -> Configuration:
    return Configuration.objects.get(epa_id=31001)
