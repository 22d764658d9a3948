"""NHTSA's vPIC data through ultravin: real VINs decoded with the network closed, and the catalog
file built from the same data."""

import gzip
import socket
import time
from decimal import Decimal

import pytest
import ultravin

from platform_data import lookups, vpic
from platform_data.models import Configuration, Fuel, Make, Source
from platform_data.services import catalog_import
from platform_data.tests.conftest import SAMPLE
from platform_data.vin import vin_errors

# Expected values from public references: NHTSA's own example VIN (the Accord), and VINs whose
# vehicles are named in public listings and fuel-economy records (fueleconomy.gov vehicle 37066 for
# the Leaf); hybrid and electric kinds as NHTSA classes them.
REAL_VINS = [
    pytest.param(
        "1HGCM82633A004352",
        dict(year=2003, make="HONDA", model="Accord", trim="EX-V6", cylinders=6, displacement=Decimal("3.0")),
        dict(fuel_raw="Gasoline", electrification="", fuel=Fuel.GASOLINE, body_class="Coupe"),
        id="2003 Honda Accord EX-V6",
    ),
    pytest.param(
        "5YJ3E1EA7HF000337",
        dict(year=2017, make="TESLA", model="Model 3", cylinders=None, displacement=None),
        dict(electrification="BEV (Battery Electric Vehicle)", fuel=Fuel.ELECTRICITY, body_class="Sedan/Saloon"),
        id="Tesla Model 3",
    ),
    pytest.param(
        "1G1RA6E47EU133964",
        dict(year=2014, make="CHEVROLET", model="Volt", cylinders=4, displacement=Decimal("1.4")),
        dict(electrification="PHEV (Plug-in Hybrid Electric Vehicle)", fuel=Fuel.PLUG_IN_HYBRID),
        id="2014 Chevrolet Volt, plug-in hybrid",
    ),
    pytest.param(
        "JTDKN3DU0A0231040",
        dict(year=2010, make="TOYOTA", model="PRIUS", cylinders=4, displacement=Decimal("1.8")),
        dict(electrification="Strong HEV (Hybrid Electric Vehicle)", fuel=Fuel.GASOLINE, fuel_raw="Gasoline"),
        id="2010 Toyota Prius, hybrid",
    ),
    pytest.param(
        "1N4AZ0CP6GC304290",
        dict(year=2016, make="NISSAN", model="Leaf", cylinders=None),
        dict(electrification="BEV (Battery Electric Vehicle)", fuel=Fuel.ELECTRICITY, fuel_raw="Electric"),
        id="2016 Nissan Leaf, electric",
    ),
]


@pytest.mark.parametrize(("vin", "identity", "powertrain"), REAL_VINS)
def test_a_real_vin_decodes_offline_to_its_vehicle(network_closed, vin, identity, powertrain):
    assert vin_errors(vin) == []

    decoded = vpic.decode(vin)

    assert decoded.in_data
    assert decoded.year == identity["year"]
    assert {name: getattr(decoded.row, name) for name in identity} == identity
    assert {name: getattr(decoded.row, name) for name in powertrain} == powertrain


def test_a_european_vin_without_a_north_american_check_digit_is_valid_and_decodes_its_maker(network_closed):
    vin = "WVWZZZ1JZ3W386752"  # a Golf IV sold in Europe: "ZZZ" fillers, no check digit
    assert ultravin.decode(vin)["check_digit_valid"] is False  # NHTSA's own check would refuse it

    decoded = vpic.decode(vin)

    assert vin_errors(vin) == []
    assert (decoded.in_data, decoded.make, decoded.year, decoded.wmi) == (True, "Volkswagen", 2003, "WVW")
    assert decoded.row is None, "NHTSA's data has no European model codes: the owner picks the model"


def test_a_vin_of_a_maker_nhtsa_does_not_know_is_not_in_the_data(network_closed):
    decoded = vpic.decode("VF1RFB00X56000000")  # a Renault: never sold in the US
    assert (decoded.in_data, decoded.row) == (False, None)


def test_the_network_is_really_closed_in_these_tests(network_closed):
    with pytest.raises(OSError, match="the network is closed"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


def test_a_decode_takes_milliseconds(network_closed):
    vins = [param.values[0] for param in REAL_VINS]
    vpic.decode(vins[0])  # the first call loads the data
    started = time.perf_counter()
    for _ in range(20):
        for vin in vins:
            vpic.decode(vin)
    per_vin = (time.perf_counter() - started) / (20 * len(vins))
    assert per_vin < 0.005


def test_the_shipped_catalog_file_was_built_from_the_installed_ultravin():
    """After an ultravin upgrade brings a new data month, ``manage.py build_vpic_catalog`` makes its file."""
    path = vpic.shipped_file()
    assert path.is_file(), f"{path.name} is missing: run manage.py build_vpic_catalog"
    years = {row.year for row in vpic.read_file(path)}
    assert min(years) == vpic.FIRST_YEAR
    assert max(years) >= int(ultravin.provenance()["data_month"][:4]) + 1


def test_a_file_reads_back_the_rows_written(tmp_path):
    rows = [vpic.decode(vin).row for vin in ("1N4AZ0CP6GC304290", "19XFC2F58GE223856")]
    path = tmp_path / "vpic.csv.gz"
    vpic.write_file(path, rows)
    assert list(vpic.read_file(path)) == rows
    first = path.read_bytes()
    vpic.write_file(path, rows)
    assert path.read_bytes() == first, "the same rows make the same bytes"


def test_a_row_that_only_repeats_part_of_a_sibling_is_left_out():
    full = vpic.VpicRow(2022, "HONDA", "Civic", trim="LX", cylinders=4, displacement=Decimal("2.0"), drive="4x2")
    partial = vpic.VpicRow(2022, "HONDA", "Civic", drive="4x2")
    other_trim = vpic.VpicRow(2022, "HONDA", "Civic", trim="EX", drive="4x2")
    other_model = vpic.VpicRow(2022, "HONDA", "Accord", drive="4x2")
    kept = vpic._without_partial_rows({full, partial, other_trim, other_model})
    assert sorted(kept, key=lambda row: row.key) == sorted([full, other_trim, other_model], key=lambda row: row.key)


def test_vpic_makes_take_the_catalogs_spelling_or_title_case(db):
    Make.objects.create(name="MINI")
    Make.objects.create(name="Honda")
    assert vpic.make_names({"MINI", "HONDA", "LAND ROVER", "BMW", "POLESTAR"}) == {
        "MINI": "MINI",
        "HONDA": "Honda",
        "LAND ROVER": "Land Rover",
        "BMW": "BMW",
        "POLESTAR": "Polestar",
    }


@pytest.fixture
def vpic_file(tmp_path):
    """A vPIC catalog file of the rows some VINs decode to (and a sibling of the Leaf's)."""
    leaf = vpic.decode("1N4AZ0CP6GC304290").row
    rows = [leaf, vpic.VpicRow(2016, "NISSAN", "Leaf", trim="SL", fuel_raw="Electric", body_class="Hatchback")]
    path = tmp_path / "vpic.csv.gz"
    vpic.write_file(path, rows)
    return path


def test_the_import_loads_vpic_rows_beside_the_epas_and_a_second_run_changes_nothing(db, epa_file, vpic_file):
    first = catalog_import(path=epa_file(), vpic_path=vpic_file)
    assert (first.created, first.rows) == (10, {Source.EPA: 8, Source.VPIC: 2})
    leaf = Configuration.objects.get(source=Source.VPIC, trim="")
    assert (leaf.vehicle_model.make.name, leaf.vehicle_model.name, leaf.year) == ("Nissan", "Leaf", 2016)
    assert (leaf.epa_id, leaf.city_mpg, leaf.fuel) == (None, None, Fuel.ELECTRICITY)
    assert Make.objects.filter(name__iexact="nissan").count() == 1, "vPIC's NISSAN is the EPA's Nissan"

    second = catalog_import(path=epa_file(), vpic_path=vpic_file)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 10)


def test_a_damaged_vpic_file_changes_nothing(catalog, epa_file, tmp_path):
    damaged = tmp_path / "vpic.csv.gz"
    damaged.write_bytes(gzip.compress(b"year,make\n2022,HONDA\n"))
    before = Configuration.objects.count()
    with pytest.raises(vpic.VpicFileError, match="expected the columns"):
        catalog_import(path=epa_file(), vpic_path=damaged)
    assert Configuration.objects.count() == before


ACCORD_2003 = "18657,Honda,Accord,2003,Midsize Cars,Automatic 5-spd,Front-Wheel Drive,6,3.0,Regular,27,19"
ACCORD_2003_SIBLINGS = [
    "18655,Honda,Accord,2003,Midsize Cars,Automatic 5-spd,Front-Wheel Drive,4,2.4,Regular,31,21",
    "18658,Honda,Accord,2003,Midsize Cars,Manual 6-spd,Front-Wheel Drive,6,3.0,Regular,27,18",
]


def test_a_vin_picks_its_epa_configuration_by_engine_and_gearbox(db, epa_file, network_closed):
    catalog_import(path=epa_file([*SAMPLE, ACCORD_2003, *ACCORD_2003_SIBLINGS]))

    chosen = lookups.vin_choices(vpic.decode("1HGCM82633A004352"))

    assert (chosen["make"]["name"], chosen["model"]["name"]) == ("Honda", "Accord")
    assert chosen["configuration"]["epa_id"] == 18657


def test_a_vin_picks_its_vpic_configuration_by_its_values(db, epa_file, vpic_file, network_closed):
    catalog_import(path=epa_file(), vpic_path=vpic_file)

    chosen = lookups.vin_choices(vpic.decode("1N4AZ0CP6GC304290"))

    assert chosen["configuration"]["id"] == Configuration.objects.get(source=Source.VPIC, trim="").pk


def test_a_vin_whose_engine_fits_several_configurations_leaves_the_choice_to_the_owner(db, epa_file):
    two_gearboxes = [ACCORD_2003, ACCORD_2003.replace("18657", "18659").replace("Automatic 5-spd", "Automatic 4-spd")]
    catalog_import(path=epa_file([*SAMPLE, *two_gearboxes]))

    chosen = lookups.vin_choices(vpic.decode("1HGCM82633A004352"))

    assert chosen["model"]["name"] == "Accord"
    assert chosen["configuration"] is None


def test_a_vpic_row_an_admin_curated_keeps_the_admins_values(db, epa_file, vpic_file):
    catalog_import(path=epa_file(), vpic_path=vpic_file)
    Configuration.objects.filter(source=Source.VPIC, trim="SL").update(trim="SL (curated)", curated=True)

    result = catalog_import(path=epa_file(), vpic_path=vpic_file)

    assert (result.kept_curated, result.created, result.updated) == (1, 0, 0)
    assert Configuration.objects.filter(source=Source.VPIC, trim="SL (curated)").exists()
