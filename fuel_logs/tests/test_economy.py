"""The full-tank method against sequences worked out by hand, in km and litres unless said."""

from decimal import Decimal

import pytest

from fuel_logs.models import FuelLog
from fuel_logs.services import fuel_log_restore, fuel_log_trash, fuel_log_update
from motovault import units

pytestmark = pytest.mark.django_db


def chain(vehicle, energy="petrol") -> dict[Decimal, tuple]:
    """{odometer: (segment distance, segment quantity)} of the vehicle's live fill-ups."""
    logs = FuelLog.objects.filter(vehicle=vehicle, energy=energy, deleted_at__isnull=True)
    return {log.odometer_km: (log.segment_distance_km, log.segment_quantity) for log in logs}


def d(value) -> Decimal:
    return Decimal(str(value))


def test_full_partial_partial_full_divides_the_distance_by_all_the_fuel(metric_car, fill):
    fill(metric_car, 1000, 40)
    fill(metric_car, 1300, 20, full=False)
    fill(metric_car, 1500, 10, full=False)
    last = fill(metric_car, 1800, 30)
    # 800 km on 20 + 10 + 30 = 60 L: 7.5 L/100 km, 13.3 km/L.
    assert chain(metric_car) == {
        d(1000): (None, None),
        d(1300): (None, None),
        d(1500): (None, None),
        d(1800): (d(800), d(60)),
    }
    last.refresh_from_db()
    assert units.economy(last.segment_distance_km, last.segment_quantity, "l_100km") == Decimal("7.5")
    assert units.rounded(last.economy) == Decimal("13.3")


def test_the_first_fill_up_and_partials_before_it_have_no_figure(metric_car, fill):
    fill(metric_car, 900, 15, full=False)
    fill(metric_car, 1000, 40)
    assert chain(metric_car) == {d(900): (None, None), d(1000): (None, None)}


def test_a_missed_fill_up_leaves_its_segment_without_a_figure(metric_car, fill):
    fill(metric_car, 0, 40)
    fill(metric_car, 500, 40)  # 12.5 km/L
    fill(metric_car, 1000, 35, missed=True)  # the fuel since 500 km is unknown
    fill(metric_car, 1600, 30)  # 600 km on 30 L: 20 km/L, the chain starts again at 1000 km
    assert chain(metric_car) == {
        d(0): (None, None),
        d(500): (d(500), d(40)),
        d(1000): (None, None),
        d(1600): (d(600), d(30)),
    }


def test_a_missed_fill_up_flagged_on_a_partial_breaks_the_segment_it_is_in(metric_car, fill):
    fill(metric_car, 0, 40)
    fill(metric_car, 300, 10, full=False, missed=True)
    fill(metric_car, 600, 30)
    fill(metric_car, 1000, 40)  # 400 km on 40 L
    assert chain(metric_car)[d(600)] == (None, None)
    assert chain(metric_car)[d(1000)] == (d(400), d(40))


def test_editing_a_fill_up_in_the_middle_recomputes_its_neighbours(metric_car, fill):
    fill(metric_car, 0, 40)
    middle = fill(metric_car, 400, 40)  # 10 km/L
    fill(metric_car, 800, 32)  # 12.5 km/L
    assert chain(metric_car)[d(800)] == (d(400), d(32))

    middle.is_full = False
    fuel_log_update(log=middle)
    # One segment now: 800 km on 40 + 32 = 72 L.
    assert chain(metric_car) == {d(0): (None, None), d(400): (None, None), d(800): (d(800), d(72))}

    middle.is_full, middle.quantity, middle.odometer_km = True, d(30), d(500)
    fuel_log_update(log=middle)
    assert chain(metric_car) == {d(0): (None, None), d(500): (d(500), d(30)), d(800): (d(300), d(32))}


def test_a_fill_up_logged_out_of_order_takes_its_place_in_the_chain(metric_car, fill):
    fill(metric_car, 0, 40, day=0)
    fill(metric_car, 1000, 50, day=20)
    assert chain(metric_car)[d(1000)] == (d(1000), d(50))

    fill(metric_car, 600, 20, full=False, day=10)  # remembered later: a partial between the two
    assert chain(metric_car)[d(1000)] == (d(1000), d(70))

    fill(metric_car, 700, 15, day=12)  # and a full one after it
    assert chain(metric_car) == {
        d(0): (None, None),
        d(600): (None, None),
        d(700): (d(700), d(35)),
        d(1000): (d(300), d(50)),
    }


def test_deleting_and_restoring_a_fill_up_recomputes_the_chain(metric_car, fill):
    fill(metric_car, 0, 40)
    middle = fill(metric_car, 400, 40)
    last = fill(metric_car, 800, 32)

    fuel_log_trash(log=middle)  # as if it never happened: 800 km on the 32 L of the last fill-up
    assert chain(metric_car) == {d(0): (None, None), d(800): (d(800), d(32))}
    middle.refresh_from_db()
    assert middle.segment_distance_km is None  # a trashed row keeps no stale figure

    fuel_log_restore(log=middle)
    assert chain(metric_car) == {d(0): (None, None), d(400): (d(400), d(40)), d(800): (d(400), d(32))}
    last.refresh_from_db()
    assert last.segment_quantity == d(32)


def test_two_full_fill_ups_at_the_same_odometer_never_divide_by_zero(metric_car, fill):
    fill(metric_car, 0, 40)
    fill(metric_car, 500, 40)
    topped_up = fill(metric_car, 500, 2)  # topped up without driving
    fill(metric_car, 1000, 45)
    assert chain(metric_car)[d(1000)] == (d(500), d(45))
    topped_up.refresh_from_db()
    assert topped_up.segment_distance_km is None and topped_up.economy is None


def test_fill_ups_at_the_same_odometer_are_ordered_by_time(metric_car, fill):
    fill(metric_car, 0, 40, day=0)
    partial = fill(metric_car, 500, 10, full=False, day=2)
    full = fill(metric_car, 500, 30, day=1)  # logged second, but filled first
    fill(metric_car, 900, 40, day=3)
    full.refresh_from_db()
    assert (full.segment_distance_km, full.segment_quantity) == (d(500), d(30))
    # The partial after it belongs to the next segment: 400 km on 10 + 40 L.
    assert chain(metric_car)[d(900)] == (d(400), d(50))
    partial.refresh_from_db()
    assert partial.segment_distance_km is None


def test_miles_and_us_gallons_are_converted_exactly(vehicle, fill):
    """300 miles on 10 US gallons: 30.0 MPG (US), 36.0 MPG (UK), 7.8 L/100 km, 12.8 km/L."""
    fill(vehicle, units.to_km(d(10_000), "mi"), units.to_litres(d(10), "us_gal"))
    last = fill(vehicle, units.to_km(d(10_300), "mi"), units.to_litres(d(10), "us_gal"))
    last.refresh_from_db()
    assert last.economy_symbol == "MPG (US)"
    assert units.rounded(last.economy) == Decimal("30.0")
    for unit, expected in [("mpg_uk", "36.0"), ("l_100km", "7.8"), ("km_l", "12.8")]:
        last.vehicle.economy_unit = unit
        assert units.rounded(last.economy) == Decimal(expected)


def test_a_plug_in_hybrid_keeps_one_chain_per_energy_each_with_its_own_distance(phev, fill):
    """Without the split, each chain's segments keep their odometer distance, fuel and cost, and
    no distance on the energy (so no economy); with it, each energy has its own distance."""
    fill(phev, 0, 30)
    fill(phev, 0, 8, energy="electricity")
    fill(phev, 300, 45, energy="electricity")
    fill(phev, 800, 60, energy="electricity")
    fill(phev, 1000, 21)
    assert chain(phev) == {d(0): (None, None), d(1000): (None, d(21))}
    assert chain(phev, "electricity") == {d(0): (None, None), d(300): (None, d(45)), d(800): (None, d(60))}
    odometer = dict(FuelLog.objects.filter(vehicle=phev).values_list("odometer_km", "segment_odometer_km"))
    assert (odometer[d(1000)], odometer[d(300)], odometer[d(800)]) == (d(1000), d(300), d(500))
    charge = FuelLog.objects.get(odometer_km=300)
    assert charge.economy_symbol == "kWh/100 km" and charge.economy is None

    # What the trip computer said, each since the previous fill-up or charge: 250 of the first
    # 300 km on electricity (so 50 on petrol), 400 of the next 500 (100 on petrol), and the last
    # 200 km all on petrol (the fill-up tells 200; the charge at 0 km, 0 of a 0 km stretch).
    FuelLog.objects.filter(vehicle=phev).update(energy_distance_km=0)
    for km, told in [(300, 250), (800, 400), (1000, 200)]:
        FuelLog.objects.filter(vehicle=phev, odometer_km=km).update(energy_distance_km=told)
    FuelLog.objects.recompute_economy(vehicle_id=phev.pk)
    # Electricity: 250 km on 45 kWh, then 400 km on 60 kWh (15 kWh/100 km). Petrol, 0 to 1000 km:
    # 0 + 50 + 100 + 200 = 350 km on 21 L (6 L/100 km).
    assert chain(phev, "electricity") == {d(0): (None, None), d(300): (d(250), d(45)), d(800): (d(400), d(60))}
    assert chain(phev) == {d(0): (None, None), d(1000): (d(350), d(21))}
    assert FuelLog.objects.get(odometer_km=800).economy == Decimal(15)


def test_another_vehicle_is_another_chain(metric_car, vehicle, fill):
    fill(metric_car, 0, 40)
    fill(vehicle, 100, 40)
    fill(metric_car, 500, 40)
    assert chain(metric_car)[d(500)] == (d(500), d(40))
    assert chain(vehicle) == {d(100): (None, None)}
