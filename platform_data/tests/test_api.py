"""JSON under /api/platform/: signed-in only, clear 400s, and no VIN in the logs."""

import logging

import pytest
from django.urls import reverse

VALID_VIN = "1HGCV1F30CA000005"  # a 2012 Honda: letter at position 7, C at position 10


@pytest.mark.parametrize("name", ["years", "makes", "models", "configurations", "vin"])
def test_signed_out_clients_get_a_json_401(client, db, name):
    response = client.get(reverse(f"platform_data:api-{name}"))
    assert response.status_code == 401
    assert response.json() == {"error": "Sign in to use the API."}


def test_years(owner_client, catalog):
    assert owner_client.get("/api/platform/years").json() == {"years": [2012, 2011, 2001]}


def test_makes_of_a_year(owner_client, honda):
    makes = owner_client.get("/api/platform/makes?year=2011").json()
    assert makes == {"makes": [{"id": honda.pk, "name": "Honda"}]}


def test_models_of_a_year_and_make(owner_client, honda, civic):
    models = owner_client.get(f"/api/platform/models?year=2011&make={honda.pk}").json()
    assert models == {"models": [{"id": civic.pk, "name": "Civic"}]}


def test_configurations_of_a_year_and_model(owner_client, civic, civic_automatic):
    configurations = owner_client.get(f"/api/platform/configurations?year=2012&model={civic.pk}").json()
    assert configurations["configurations"][0] == {
        "id": civic_automatic.pk,
        "epa_id": 31001,
        "source": "epa",
        "vpic_key": None,
        "year": 2012,
        "trim": "",
        "label": "1.8 L 4 cyl, Automatic 5-spd, Front-Wheel Drive, Regular",
        "cylinders": 4,
        "displacement": "1.8",
        "fuel": "gasoline",
        "fuel_label": "Gasoline",
        "fuel_raw": "Regular",
        "transmission": "Automatic 5-spd",
        "drive": "Front-Wheel Drive",
        "electrification": "",
        "body_class": "",
        "epa_class": "Compact Cars",
        "city_mpg": 28,
        "highway_mpg": 39,
        "combined_mpg": 32,
    }


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("/api/platform/makes", "year: This field is required."),
        ("/api/platform/makes?year=soon", "year: Enter a whole number."),
        ("/api/platform/models?year=2012", "make: This field is required."),
        ("/api/platform/models?year=2012&make=-1", "make: Ensure this value is greater than or equal to 1."),
        ("/api/platform/configurations?year=2012&model=99999999999999999999", "model: Ensure this value is less"),
    ],
)
def test_bad_parameters_are_a_400_with_a_clear_json_error(owner_client, catalog, url, error):
    response = owner_client.get(url)
    assert response.status_code == 400
    assert response.json()["error"].startswith(error)


def test_only_get_is_allowed(owner_client, catalog):
    assert owner_client.post("/api/platform/years").status_code == 405


def test_a_vin_decodes_to_year_and_make_with_the_makes_catalog_id(owner_client, honda, network_closed):
    response = owner_client.get(f"/api/platform/vin?vin={VALID_VIN.lower()}")
    assert response.json() == {
        "year": 2012,
        "make": "Honda",
        "wmi": "1HG",
        "in_nhtsa_data": True,
        "vehicle": None,  # NHTSA's data knows Honda, not this made-up model code
        "make_id": honda.pk,
        "model_id": None,
        "configuration_id": None,
    }


def test_a_vin_decodes_to_its_vehicle_and_catalog_configuration(owner_client, honda, network_closed):
    leaf = owner_client.get("/api/platform/vin?vin=1N4AZ0CP6GC304290").json()
    assert (leaf["year"], leaf["make"], leaf["make_id"], leaf["configuration_id"]) == (2016, "Nissan", None, None)
    assert leaf["vehicle"] == {
        "year": 2016,
        "make": "NISSAN",
        "model": "Leaf",
        "trim": "",
        "cylinders": None,
        "displacement": None,
        "fuel": "electricity",
        "fuel_raw": "Electric",
        "electrification": "BEV (Battery Electric Vehicle)",
        "drive": "4x2",
        "transmission": "",
        "body_class": "Hatchback/Liftback/Notchback",
    }


def test_a_vin_not_in_the_nhtsa_data_says_so(owner_client, catalog, network_closed):
    response = owner_client.get("/api/platform/vin?vin=VF1RFB00X56000000")
    assert response.status_code == 200
    assert (response.json()["in_nhtsa_data"], response.json()["make"], response.json()["vehicle"]) == (
        False,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("vin", "error"),
    [
        ("", "Enter a VIN."),
        (
            "1HGCV1F35CA000005",
            "The check digit (position 9) should be 0, not 5: one of the other characters is mistyped.",
        ),
    ],
)
def test_an_invalid_vin_is_a_400_with_the_reasons(owner_client, catalog, vin, error):
    response = owner_client.get(f"/api/platform/vin?vin={vin}")
    assert response.status_code == 400
    assert response.json() == {"error": error, "errors": [error]}


def test_a_vin_never_reaches_the_log(owner_client, catalog, caplog):
    with caplog.at_level(logging.INFO):
        owner_client.get(f"/api/platform/vin?vin={VALID_VIN}")
        owner_client.get(f"/catalog/?vin={VALID_VIN}")
    assert "/api/platform/vin" in caplog.text
    assert VALID_VIN not in caplog.text
