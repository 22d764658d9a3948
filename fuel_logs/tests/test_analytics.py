"""Analytics: distance-weighted averages, each energy of a two-energy car, the garage, a period."""

from decimal import Decimal

import pytest

from motovault import units

pytestmark = pytest.mark.django_db


@pytest.fixture
def analytics_of():
    """The figures a page shows (the view's ``analytics``, which the template renders)."""

    def get(client, url: str):
        response = client.get(url)
        assert response.status_code == 200
        return response.context["analytics"]

    return get


def test_the_average_is_weighted_by_distance_not_a_mean_of_fill_ups(owner_client, metric_car, fill, analytics_of):
    fill(metric_car, 0, 40)
    fill(metric_car, 100, 10)  # 100 km on 10 L: 10 km/L
    fill(metric_car, 1000, 45)  # 900 km on 45 L: 20 km/L
    fill(metric_car, 1300, 30, missed=True)  # no figure: it must not count at all
    a = analytics_of(owner_client, f"/vehicles/{metric_car.pk}/fuel/analytics/")
    [petrol] = a.vehicles[0].energies
    # 1000 km on 55 L is 18.2 km/L; the mean of 10 and 20 would be 15.
    assert units.rounded(petrol.average) == Decimal("18.2")
    assert petrol.best == Decimal(20)
    assert petrol.spend == a.spend == Decimal("187.50")  # 125 L at 1.50
    assert petrol.price == Decimal("1.5")
    assert a.vehicles[0].cost_per_distance == Decimal("0.0825")  # 55 L at 1.50 over 1000 km
    assert (a.fills, a.months, a.spend_per_month) == (4, 1, Decimal("187.50"))


def test_a_plug_in_hybrid_shows_each_energy_over_all_distance_and_one_cost(owner_client, phev, fill):
    fill(phev, 0, 30, price="1.80")
    fill(phev, 0, 8, energy="electricity", price="0.30")
    fill(phev, 400, 60, energy="electricity", full=False, price="0.30")
    fill(phev, 1000, 90, energy="electricity", price="0.30")  # 1000 km on 150 kWh
    fill(phev, 1000, 21, price="1.80")  # 1000 km on 21 L
    response = owner_client.get(f"/vehicles/{phev.pk}/fuel/analytics/")
    petrol, electricity = response.context["analytics"].vehicles[0].energies
    assert (petrol.energy, petrol.average, petrol.economy_symbol) == ("petrol", Decimal("2.1"), "L/100 km")
    assert (electricity.energy, electricity.average, electricity.economy_symbol) == (
        "electricity",
        Decimal(15),
        "kWh/100 km",
    )
    # Petrol 37.80 and electricity 45.00 for the same 1000 km: 0.0828 a km together.
    assert response.context["analytics"].vehicles[0].cost_per_distance == Decimal("0.0828")
    html = response.content.decode()
    assert "2.1 <small>L/100 km</small>" in html and "15.0 <small>kWh/100 km</small>" in html
    assert "0.083 <small>per km</small>" in html


def test_a_period_counts_only_its_fill_ups(owner_client, metric_car, fill, analytics_of):
    fill(metric_car, 0, 40, day=0)  # 1 Jan 2024
    fill(metric_car, 500, 50, day=40)  # 10 Feb: 10 km/L
    fill(metric_car, 900, 20, day=70)  # 11 Mar: 20 km/L
    url = f"/vehicles/{metric_car.pk}/fuel/analytics/"
    a = analytics_of(owner_client, f"{url}?start=2024-03-01&end=2024-03-31")
    assert (a.fills, a.spend, a.vehicles[0].energies[0].average) == (1, Decimal("30.00"), Decimal(20))
    a = analytics_of(owner_client, f"{url}?end=2024-02-10")
    assert (a.fills, a.vehicles[0].energies[0].average, a.months) == (2, Decimal(10), 2)


def test_a_period_without_fill_ups_says_so(owner_client, metric_car, fill):
    fill(metric_car, 0, 40)
    html = owner_client.get(f"/vehicles/{metric_car.pk}/fuel/analytics/?start=2030-01-01").content.decode()
    assert "No fill-ups in this period." in html and "data-charts" not in html


def test_the_garage_adds_up_every_vehicle(owner_client, vehicle, metric_car, fill):
    fill(metric_car, 0, 40, day=0)
    fill(metric_car, 500, 50, day=40)
    fill(vehicle, 0, 30, day=1)
    fill(vehicle, 400, 40, day=41)
    response = owner_client.get("/fuel/analytics/")
    a = response.context["analytics"]
    assert [figures.vehicle for figures in a.vehicles] == [vehicle, metric_car]
    assert a.spend == Decimal("240.00") and a.fills == 4 and a.months == 2
    charts = owner_client.get("/fuel/analytics/charts.json").json()
    assert [dataset["label"] for dataset in charts["cost"]["datasets"]] == ["Civic", "2019 Skoda Octavia"]
    assert charts["cost"]["labels"] == ["2024-01", "2024-02"]
    assert [dataset["label"] for dataset in charts["economy"]["datasets"]] == [
        "Civic petrol (MPG (US))",
        "2019 Skoda Octavia petrol (km/L)",
    ]
    assert f'href="/vehicles/{vehicle.pk}/fuel/analytics/"' in response.content.decode()


def test_the_page_names_its_chart_data_which_a_browser_revalidates(owner_client, metric_car, fill):
    """The charts' data is a JSON response of its own (no inline script: the CSP forbids it), for
    the page's period; a browser that has it gets 304 Not Modified until the data changes."""
    fill(metric_car, 0, 40, day=0)
    fill(metric_car, 500, 50, day=40)
    page = f"/vehicles/{metric_car.pk}/fuel/analytics/"
    html = owner_client.get(page + "?start=2024-02-01").content.decode()
    assert f'data-charts="{page}charts.json?start=2024-02-01"' in html
    assert "/static/vendor/chartjs-4.6.1/chart.umd.min.js" in html and "/static/fuel_logs/charts.js" in html
    response = owner_client.get(f"{page}charts.json?start=2024-02-01")
    assert response["Content-Type"] == "application/json" and response["Cache-Control"] == "private, no-cache"
    assert response.json()["economy"]["labels"] == ["2024-02-10"]
    etag = response["ETag"]
    assert owner_client.get(f"{page}charts.json?start=2024-02-01", headers={"If-None-Match": etag}).status_code == 304
    assert owner_client.get(f"{page}charts.json", headers={"If-None-Match": etag}).status_code == 200  # other period
    fill(metric_car, 900, 20, day=70)
    changed = owner_client.get(f"{page}charts.json?start=2024-02-01", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["economy"]["labels"] == ["2024-02-10", "2024-03-11"]


def test_chart_data_of_another_users_vehicle_is_404_even_revalidated(owner_client, other_client, metric_car, fill):
    fill(metric_car, 0, 40)
    url = f"/vehicles/{metric_car.pk}/fuel/analytics/charts.json"
    etag = owner_client.get(url)["ETag"]
    assert other_client.get(url, headers={"If-None-Match": etag}).status_code == 404
    assert other_client.get(url).status_code == 404


def test_a_bad_period_is_explained_and_ignored(owner_client, metric_car, fill):
    fill(metric_car, 0, 40)
    response = owner_client.get(f"/vehicles/{metric_car.pk}/fuel/analytics/?start=2024-05-01&end=2024-01-01")
    assert "The end comes before the start." in response.content.decode()
    assert response.context["analytics"].fills == 1


def test_years_of_garage_history_chart_by_month_with_each_months_spend(owner_client, vehicle, metric_car, fill):
    """Over years the garage's points are months, and each month's spend adds up every fill-up."""
    fill(metric_car, 0, 40, day=0)  # Jan 2024: 60.00
    fill(metric_car, 500, 50, day=10)  # Jan 2024: 75.00
    fill(metric_car, 900, 20, day=4 * 366)  # Jan 2028: 30.00
    fill(metric_car, 800, 10, day=15, energy="petrol", full=False)  # Jan 2024: 15.00
    fill(vehicle, 0, 30, day=45)  # Feb 2024: 45.00
    charts = owner_client.get("/fuel/analytics/charts.json").json()
    cost = charts["cost"]
    assert cost["labels"] == ["2024-01", "2024-02", "2028-01"]
    assert [(d["label"], d["data"]) for d in cost["datasets"]] == [
        ("Civic", [None, 45.0, None]),
        ("2019 Skoda Octavia", [150.0, None, 30.0]),
    ]
    assert charts["price"]["labels"] == cost["labels"]
