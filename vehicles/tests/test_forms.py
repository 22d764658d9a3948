"""Adding and editing vehicles: catalog picks, typed-in vehicles, and every kind of bad input."""

from decimal import Decimal

import pytest

from platform_data.models import Configuration, Make, VehicleModel
from vehicles.models import Vehicle

from .conftest import CIVIC_VIN

pytestmark = pytest.mark.django_db

BASE = {
    "year": "2012",
    "fuel_type": "gasoline",
    "distance_unit": "mi",
    "volume_unit": "us_gal",
    "economy_unit": "mpg_us",
}


def post(client, data, url="/vehicles/add/"):
    return client.post(url, {**BASE, **data})


def errors(response) -> dict:
    return response.context["form"].errors


def test_a_typed_in_vehicle_is_saved_for_its_owner_in_canonical_units(owner_client, owner):
    response = post(
        owner_client,
        {"year": "2021", "make": "Ducati", "model": "Monster", "tank_capacity": "3.7", "purchase_odometer": "1000"},
    )
    vehicle = Vehicle.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/vehicles/{vehicle.pk}/"
    assert vehicle.owner == owner and (vehicle.make, vehicle.model, vehicle.configuration) == (
        "Ducati",
        "Monster",
        None,
    )
    assert vehicle.tank_capacity_l == Decimal("14.006")  # 3.7 US gal
    assert vehicle.purchase_odometer_km == Decimal("1609.344")


def test_a_catalog_pick_keeps_a_text_copy_that_catalog_edits_do_not_rewrite(owner_client, catalog):
    manual = catalog["civic_manual"]
    post(
        owner_client,
        {"catalog_make": catalog["honda"].pk, "catalog_model": catalog["civic"].pk, "configuration": manual.pk},
    )
    vehicle = Vehicle.objects.get()
    assert (vehicle.make, vehicle.model, vehicle.configuration) == ("Honda", "Civic", manual)
    assert vehicle.trim == manual.label
    catalog["civic"].name = "Civic Renamed"
    catalog["civic"].save()
    manual.delete()
    vehicle.refresh_from_db()
    assert (vehicle.make, vehicle.model, vehicle.trim, vehicle.configuration) == ("Honda", "Civic", manual.label, None)


def test_a_catalog_make_with_a_typed_model(owner_client, catalog):
    post(owner_client, {"catalog_make": catalog["honda"].pk, "model": "Civic Type R (JDM)"})
    assert Vehicle.objects.values_list("make", "model").get() == ("Honda", "Civic Type R (JDM)")


def test_a_configuration_from_another_year_is_refused(owner_client, catalog):
    response = post(
        owner_client,
        {
            "year": "2013",
            "catalog_make": catalog["honda"].pk,
            "catalog_model": catalog["civic"].pk,
            "configuration": catalog["civic_manual"].pk,
        },
    )
    assert response.status_code == 200
    assert not Vehicle.objects.exists()
    # 2013 has no Civic in this catalog slice, so the choice itself is refused or the year named.
    assert errors(response)


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"make": "", "model": ""}, "make", "Choose the make from the list or type it."),
        ({"vin": "2HGFB2F50CH123456"}, "vin", "check digit"),
        ({"vin": "2HGFB2F53CH12345"}, "vin", "17"),
        ({"vin": "2HGFB2F53CH12345O"}, "vin", "O"),
        ({"purchase_price": "-1"}, "purchase_price", "greater than or equal to 0"),
        ({"tank_capacity": "-3"}, "tank_capacity", "greater than or equal to 0.1"),
        ({"purchase_date": "2020-05-01", "sold_date": "2019-01-01"}, "sold_date", "before the purchase date"),
        ({"year": "1850"}, "year", "greater than or equal to 1886"),
        ({"year": "2999"}, "year", "does not exist yet"),
        ({"fuel_type": "electric", "economy_unit": "mpg_us"}, "economy_unit", "mi/kWh"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field_and_saves_nothing(owner_client, data, field, message):
    response = post(owner_client, {"make": "Honda", "model": "Civic", **data})
    assert response.status_code == 200
    assert message in " ".join(errors(response)[field])
    assert not Vehicle.objects.exists()


def test_a_non_standard_vin_can_be_kept_on_purpose(owner_client):
    post(
        owner_client,
        {"year": "1967", "make": "Ford", "model": "Mustang", "vin": "7T01C123456", "vin_nonstandard": "on"},
    )
    assert Vehicle.objects.get().vin == "7T01C123456"


def test_a_valid_vin_is_normalised(owner_client):
    post(owner_client, {"make": "Honda", "model": "Civic", "vin": " 2hgfb2f53ch123456 "})
    assert Vehicle.objects.get().vin == CIVIC_VIN


def test_a_vin_is_unique_among_live_vehicles_only(owner_client, owner, other_user):
    Vehicle.objects.create(owner=other_user, year=2012, make="Honda", model="Civic", vin=CIVIC_VIN)
    first = Vehicle.objects.create(owner=owner, year=2012, make="Honda", model="Civic", vin=CIVIC_VIN, nickname="Old")
    response = post(owner_client, {"make": "Honda", "model": "Civic", "vin": CIVIC_VIN})
    assert "already has this VIN" in " ".join(errors(response)["vin"])
    first.soft_delete()
    assert post(owner_client, {"make": "Honda", "model": "Civic", "vin": CIVIC_VIN}).status_code == 302
    assert Vehicle.objects.for_user(owner).get().vin == CIVIC_VIN


def test_editing_shows_and_saves_values_in_the_vehicles_units(owner_client, vehicle):
    vehicle.tank_capacity_l = Decimal("50")
    vehicle.save()
    form = owner_client.get(f"/vehicles/{vehicle.pk}/edit/").context["form"]
    assert form.initial["tank_capacity"] == Decimal("13.2")  # 50 L in US gallons
    response = post(
        owner_client,
        {"make": "Honda", "model": "Civic", "nickname": "Daily", "volume_unit": "l", "tank_capacity": "50"},
        url=f"/vehicles/{vehicle.pk}/edit/",
    )
    assert response.status_code == 302
    vehicle.refresh_from_db()
    assert (vehicle.nickname, vehicle.tank_capacity_l, vehicle.volume_unit) == ("Daily", Decimal("50.000"), "l")


def test_the_picker_cascades_and_resets_what_no_longer_fits(owner_client, catalog):
    form = owner_client.get("/vehicles/picker/", {"year": "2012", "catalog_make": catalog["honda"].pk}).context["form"]
    assert [label for _, label in form.fields["catalog_model"].choices] == ["Choose a model…", "Civic"]
    form = owner_client.get(
        "/vehicles/picker/",
        {"year": "2012", "catalog_make": catalog["toyota"].pk, "catalog_model": catalog["civic"].pk},
    ).context["form"]
    assert [label for _, label in form.fields["catalog_model"].choices] == ["Choose a model…", "Corolla"]
    assert form.fields["configuration"].choices == [("", "Choose (optional)…")]


def test_the_picker_fills_year_and_make_from_a_vin(owner_client, catalog):
    response = owner_client.get("/vehicles/picker/", {"decode_vin": "1", "vin": CIVIC_VIN})
    form = response.context["form"]
    assert form.data["year"] == "2012" and form.data["catalog_make"] == str(catalog["honda"].pk)
    assert f'value="{catalog["honda"].pk}" selected' in response.content.decode()


def test_the_picker_explains_a_bad_vin(owner_client, catalog):
    response = owner_client.get("/vehicles/picker/", {"decode_vin": "1", "vin": "2HGFB2F50CH123456"})
    assert "check digit" in response.content.decode()


@pytest.fixture
def volt_2014(db) -> Configuration:
    """The EPA's one 2014 Volt."""
    volt = VehicleModel.objects.create(make=Make.objects.create(name="Chevrolet"), name="Volt")
    return Configuration.objects.create(
        vehicle_model=volt, year=2014, epa_id=33900, cylinders=4, displacement="1.4", fuel="plug-in-hybrid",
        fuel_raw="Premium Gas or Electricity", transmission="Automatic (variable gear ratios)",
        drive="Front-Wheel Drive", city_mpg=35, highway_mpg=40,
    )  # fmt: skip


def test_the_picker_fills_the_whole_vehicle_and_its_fuel_type_from_a_vin(owner_client, volt_2014, network_closed):
    response = owner_client.get("/vehicles/picker/", {"decode_vin": "1", "vin": "1G1RA6E47EU133964"})
    data = response.context["form"].data
    assert (data["year"], data["catalog_make"], data["catalog_model"], data["configuration"]) == (
        "2014",
        str(volt_2014.vehicle_model.make_id),
        str(volt_2014.vehicle_model_id),
        str(volt_2014.pk),
    )
    html = response.content.decode()
    assert f'value="{volt_2014.pk}" selected' in html
    assert 'id="fuel-type-field" hx-swap-oob="true"' in html
    assert '<option value="phev" selected>' in html


def test_a_vin_the_catalog_lacks_types_its_make_and_model_in(owner_client, catalog, network_closed):
    data = owner_client.get("/vehicles/picker/", {"decode_vin": "1", "vin": "1N4AZ0CP6GC304290"}).context["form"].data
    assert (data["year"], data["make"], data["model"], data["fuel_type"]) == ("2016", "Nissan", "Leaf", "electric")


@pytest.mark.parametrize(
    ("units", "economy_unit"),
    [
        ({"distance_unit": "mi", "economy_unit": "mpg_us"}, "mi_kwh"),
        ({"distance_unit": "km", "volume_unit": "l", "economy_unit": "l_100km"}, "kwh_100km"),
        ({"distance_unit": "km", "economy_unit": "mi_kwh"}, "mi_kwh"),  # the owner's choice, where it fits
    ],
)
def test_an_electric_cars_vin_sets_an_economy_unit_per_kwh(owner_client, catalog, network_closed, units, economy_unit):
    query = {"decode_vin": "1", "vin": "1N4AZ0CP6GC304290", **units}
    response = owner_client.get("/vehicles/picker/", query)
    assert response.context["form"].data["economy_unit"] == economy_unit
    assert 'id="economy-unit-field" hx-swap-oob="true"' in response.content.decode()


def test_a_vin_not_in_the_nhtsa_data_is_said_so_and_the_pickers_stay_free(owner_client, catalog, network_closed):
    response = owner_client.get("/vehicles/picker/", {"decode_vin": "1", "vin": "VF1RFB00X56000000", "year": "2012"})
    assert "This VIN is not in the NHTSA data" in response.content.decode()
    assert [label for _, label in response.context["form"].fields["catalog_make"].choices][1:] == ["Honda", "Toyota"]


def test_a_european_vin_is_saved_without_the_north_american_check_digit(owner_client):
    response = post(owner_client, {"make": "Volkswagen", "model": "Golf", "year": "2003", "vin": "WVWZZZ1JZ3W386752"})
    assert response.status_code == 302
    assert Vehicle.objects.get().vin == "WVWZZZ1JZ3W386752"


def test_a_mistyped_vin_keeps_what_was_typed_and_says_which_position(owner_client):
    response = post(owner_client, {"make": "Honda", "model": "Civic", "vin": "1HGCM82633A004353"})
    assert "position 9" in " ".join(errors(response)["vin"])
    assert 'value="1HGCM82633A004353"' in response.content.decode()


def test_the_catalog_browser_starts_the_form_with_its_configuration(owner_client, catalog):
    manual = catalog["civic_manual"]
    form = owner_client.get("/vehicles/add/", {"configuration": manual.pk}).context["form"]
    assert (form["year"].value(), form["catalog_model"].value(), form["configuration"].value()) == (
        2012,
        str(manual.vehicle_model_id),
        str(manual.pk),
    )
    assert [label for _, label in form.fields["configuration"].choices][1:] == [config.label for config in (
        Configuration.objects.filter(vehicle_model=manual.vehicle_model).for_picker()
    )]  # fmt: skip


def test_an_unknown_configuration_starts_a_blank_form(owner_client, catalog):
    form = owner_client.get("/vehicles/add/", {"configuration": "999999"}).context["form"]
    assert form["configuration"].value() in (None, "")
