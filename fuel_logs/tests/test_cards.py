"""The garage card's fuel fact."""

import pytest

from fuel_logs.models import FuelLog

pytestmark = pytest.mark.django_db


def test_the_card_fact_is_one_query_for_any_number_of_vehicles(
    owner, metric_car, vehicle, django_assert_num_queries, bulk_fill
):
    from fuel_logs.cards import last_economy

    bulk_fill(metric_car, 10)
    bulk_fill(vehicle, 4)
    with django_assert_num_queries(1):
        facts = last_economy([metric_car, vehicle])
    assert facts == {metric_car.pk: [("Last economy", "12.5 km/L")], vehicle.pk: [("Last economy", "29.4 MPG (US)")]}


def test_a_two_energy_car_gets_one_fact_per_energy_once_it_is_split(phev, fill):
    """No split, no per-energy figure (1000 km credited to each energy is no figure at all); with
    it: petrol's full tanks at 0 and 1000 km span the charge at 0 km (0 km on petrol) and the fill-up
    at 1000 km (600 km), 600 km on 21 L: 3.5 L/100 km. Electricity's full charges at 0 and 1000 km
    span that fill-up (the other 400 km of its 1000 km stretch) and the charge itself (0 km):
    400 km on 150 kWh: 37.5 kWh/100 km."""
    from fuel_logs.cards import last_economy

    def history(told: dict) -> None:
        fill(phev, 0, 30, told=told.get("petrol"))
        fill(phev, 1000, 21, told=told.get("petrol at 1000"))
        fill(phev, 0, 8, energy="electricity", day=0, told=told.get("electricity"))
        fill(phev, 1000, 150, energy="electricity", day=30, told=told.get("electricity"))
        fill(phev, 1100, 20, energy="electricity", full=False, day=31)

    history({})
    assert last_economy([phev]) == {}
    FuelLog.objects.filter(vehicle=phev).delete()
    history({"petrol": 0, "petrol at 1000": 600, "electricity": 0})
    assert last_economy([phev]) == {
        phev.pk: [("Last economy (petrol)", "3.5 L/100 km"), ("Last economy (electricity)", "37.5 kWh/100 km")]
    }


def test_the_provider_is_registered():
    from fuel_logs.cards import last_economy
    from vehicles import cards, odometer

    assert last_economy in cards.PROVIDERS
    assert odometer.Source("fuel_logs.FuelLog", "filled_at", "fill-up") in odometer.SOURCES
