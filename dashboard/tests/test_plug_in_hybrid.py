"""A plug-in hybrid's economy on its cost-of-ownership page, as the fuel analytics shows it: with the
per-energy split, each energy's economy; without it, no per-energy figure but the combined
consumption and the cost per distance, which need no split, and why. The history is the fuel
analytics' (``fuel_logs/tests/test_analytics.py``): 1000 km, full of petrol and fully charged at
0 km, a part charge at 400 km, a full charge and a full tank at 1000 km."""

import pytest

from fuel_logs.tests.conftest import fill, phev  # noqa: F401 - the fuel tests' plug-in hybrid and fill-ups
from fuel_logs.tests.test_analytics import _phev_history

pytestmark = pytest.mark.django_db

NOTE = "distance on this energy"


def test_without_the_split_the_combined_consumption_and_the_cost_per_distance(owner_client, phev, fill):  # noqa: F811
    _phev_history(fill, phev)
    page = owner_client.get(f"/vehicles/{phev.pk}/ownership/").content.decode()
    # Petrol 21 L × 1.80 = 37.80 and electricity 150 kWh × 0.30 = 45.00 over 1000 km: 0.0828 a km.
    # 21 L of petrol is 21 × 33.705 / 3.785411784 = 186.982 kWh; with 150 kWh, 336.982 kWh over
    # 1000 km: 33.698 kWh-equivalent per 100 km, shown 33.7.
    assert "<strong>33.7</strong> <small>kWh-e/100 km combined</small>" in page
    assert "<strong>$0.083</strong> <small>fuel per km</small>" in page
    assert NOTE in page and "No economy yet" not in page


def test_with_the_split_each_energys_economy_and_no_note(owner_client, phev, fill):  # noqa: F811
    told = {(0, "petrol"): 0, (0, "electricity"): 0, (400, "electricity"): 300, (1000, "electricity"): 250}
    _phev_history(fill, phev, {**told, (1000, "petrol"): 0})
    page = owner_client.get(f"/vehicles/{phev.pk}/ownership/").content.decode()
    # Electricity: 550 km on 150 kWh, 27.27 kWh/100 km; petrol: 450 km on 21 L, 4.67 L/100 km.
    assert "4.7 <small>L/100 km</small>" in page and "27.3 <small>kWh/100 km</small>" in page
    assert NOTE not in page and 'data-figure="together"' not in page and "No economy yet" not in page


def test_one_full_tank_is_still_no_economy_yet(owner_client, phev, fill):  # noqa: F811
    fill(phev, 0, 30, price="1.80")
    page = owner_client.get(f"/vehicles/{phev.pk}/ownership/").content.decode()
    assert "No economy yet" in page and NOTE not in page
