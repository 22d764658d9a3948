"""The garage card's fuel fact."""

import pytest

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


def test_a_two_energy_car_gets_one_fact_per_energy(phev, fill):
    from fuel_logs.cards import last_economy

    fill(phev, 0, 30)
    fill(phev, 1000, 21)
    fill(phev, 0, 8, energy="electricity", day=0)
    fill(phev, 1000, 150, energy="electricity", day=30)
    fill(phev, 1100, 20, energy="electricity", full=False, day=31)
    assert last_economy([phev]) == {
        phev.pk: [("Last economy (petrol)", "2.1 L/100 km"), ("Last economy (electricity)", "15.0 kWh/100 km")]
    }


def test_the_provider_is_registered():
    from fuel_logs.cards import last_economy
    from vehicles import cards, odometer

    assert last_economy in cards.PROVIDERS
    assert odometer.Source("fuel_logs.FuelLog", "filled_at", "fill-up") in odometer.SOURCES
