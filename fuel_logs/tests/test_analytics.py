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


def _phev_history(fill, phev, told: dict | None = None) -> None:
    """1000 km of a plug-in hybrid: full of petrol and fully charged at 0 km, a part charge at
    400 km, a full charge and a full tank at 1000 km. ``told``: what the trip computer said was
    driven on each one's energy since the previous fill-up or charge, by odometer and energy."""
    told = told or {}
    fill(phev, 0, 30, price="1.80", told=told.get((0, "petrol")))
    fill(phev, 0, 8, energy="electricity", price="0.30", told=told.get((0, "electricity")))
    fill(phev, 400, 60, energy="electricity", full=False, price="0.30", told=told.get((400, "electricity")))
    fill(phev, 1000, 90, energy="electricity", price="0.30", told=told.get((1000, "electricity")))
    fill(phev, 1000, 21, price="1.80", told=told.get((1000, "petrol")))


def test_a_plug_in_hybrid_without_the_split_shows_what_is_well_defined(owner_client, phev, fill):
    """Crediting each energy with all 1000 km would say 2.1 L/100 km and 15 kWh/100 km: no owner
    believes either. Without the split, no per-energy economy; the cost per distance and the
    combined consumption need no split."""
    _phev_history(fill, phev)
    response = owner_client.get(f"/vehicles/{phev.pk}/fuel/analytics/")
    figures = response.context["analytics"].vehicles[0]
    petrol, electricity = figures.energies
    assert (petrol.average, petrol.best, petrol.needs_split) == (None, None, True)
    assert (electricity.average, electricity.best, electricity.needs_split) == (None, None, True)
    # Petrol 21 L × 1.80 = 37.80 and electricity 150 kWh × 0.30 = 45.00, over the same 1000 km:
    # (37.80 + 45.00) / 1000 = 0.0828 a km.
    assert figures.cost_per_distance == Decimal("0.0828")
    # 21 L of petrol is 21 × 33.705 / 3.785411784 = 186.982 kWh; with 150 kWh, 336.982 kWh over
    # 1000 km: 33.698 kWh-equivalent per 100 km.
    combined, symbol = figures.combined
    assert (units.rounded(combined, 3), symbol) == (Decimal("33.698"), "kWh-e/100 km")
    html = response.content.decode()
    assert html.count("needs the split") == 2 and "distance on this energy" in html
    assert "0.083 <small>per km</small>" in html and "33.7 <small>kWh-e/100 km combined</small>" in html
    charts = owner_client.get(f"/vehicles/{phev.pk}/fuel/analytics/charts.json").json()
    assert not [name for name in charts if name.startswith("economy")]  # nothing to draw, nothing made up


def test_a_plug_in_hybrid_with_the_split_has_each_energys_economy(owner_client, phev, fill):
    """The trip computer's split, log by log (what was driven on each one's energy since the
    previous one of either): the other energy drove the rest of each stretch."""
    told = {(0, "petrol"): 0, (0, "electricity"): 0, (400, "electricity"): 300, (1000, "electricity"): 250}
    _phev_history(fill, phev, {**told, (1000, "petrol"): 0})
    response = owner_client.get(f"/vehicles/{phev.pk}/fuel/analytics/")
    figures = response.context["analytics"].vehicles[0]
    petrol, electricity = figures.energies
    # Electricity, from the full charge at 0 km to the one at 1000 km: 300 + 250 = 550 km on
    # 60 + 90 = 150 kWh, 150 × 100 / 550 = 27.27 kWh/100 km.
    assert units.rounded(electricity.average, 2) == Decimal("27.27") and electricity.economy_symbol == "kWh/100 km"
    # Petrol, full tank to full tank: the charge at 0 km's stretch 0 - 0, the one at 400 km's
    # 400 - 300 = 100, the one at 1000 km's 600 - 250 = 350, the fill-up's own 0: 450 km on 21 L,
    # 21 × 100 / 450 = 4.67 L/100 km.
    assert units.rounded(petrol.average, 2) == Decimal("4.67") and not petrol.needs_split
    assert figures.cost_per_distance == Decimal("0.0828")  # the same 82.80 over the same 1000 km
    html = response.content.decode()
    assert "4.7 <small>L/100 km</small>" in html and "27.3 <small>kWh/100 km</small>" in html
    assert "needs the split" not in html
    charts = owner_client.get(f"/vehicles/{phev.pk}/fuel/analytics/charts.json").json()
    assert charts["economy-l_100km"]["datasets"] == [
        {"label": "2022 Toyota Prius Prime · Petrol", "colour": 0, "data": [4.67]}
    ]
    assert charts["economy-kwh_100km"]["datasets"] == [
        {"label": "2022 Toyota Prius Prime · Electricity", "colour": 1, "data": [27.27]}
    ]
    assert (charts["economy-l_100km"]["y"], charts["economy-kwh_100km"]["y"]) == ("L/100 km", "kWh/100 km")


def test_a_split_missing_from_one_stretch_gives_that_segment_no_figure(owner_client, phev, fill):
    """The charge at 400 km does not say: neither energy's segment across it can be split."""
    _phev_history(fill, phev, {(0, "petrol"): 0, (0, "electricity"): 0, (1000, "electricity"): 250})
    petrol, electricity = (
        owner_client.get(f"/vehicles/{phev.pk}/fuel/analytics/").context["analytics"].vehicles[0].energies
    )
    assert (petrol.average, electricity.average) == (None, None)


def test_combined_consumption_in_mpge_for_a_car_driven_in_miles():
    """100 miles on 33.705 kWh (the EPA's gallon of petrol) is 100 MPGe."""
    kwh_per_km = Decimal("33.705") / (100 * units.KM_PER_MILE)
    assert units.combined_consumption(kwh_per_km, "mi") == (Decimal(100), "MPGe")
    # and a US gallon of petrol is worth exactly those 33.705 kWh
    assert units.kwh_equivalent(units.LITRES_PER_US_GALLON, "petrol") == Decimal("33.705")


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
    # One chart per unit: MPG and km/L never share an axis; one per price unit likewise.
    assert list(charts) == ["economy-mpg_us", "economy-km_l", "cost", "price-gal", "price-L"]
    assert [dataset["label"] for dataset in charts["cost"]["datasets"]] == [
        "Civic · Petrol",
        "2019 Skoda Octavia · Petrol",
    ]
    assert (charts["cost"]["labels"], charts["cost"]["x"], charts["cost"]["y"]) == (
        ["Jan 2024", "Feb 2024"],
        "Month",
        "Cost ($)",
    )
    assert charts["cost"]["stacked"] and charts["cost"]["title"] == "Fuel cost per month"
    assert [dataset["label"] for dataset in charts["economy-mpg_us"]["datasets"]] == ["Civic · Petrol"]
    assert charts["economy-mpg_us"]["title"] == "Economy in MPG (US) (higher is better)"
    assert [dataset["label"] for dataset in charts["economy-km_l"]["datasets"]] == ["2019 Skoda Octavia · Petrol"]
    assert (charts["price-gal"]["y"], charts["price-L"]["y"]) == ("$ per gal", "$ per L")
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
    assert response.json()["economy-km_l"]["labels"] == ["10 Feb 2024"]
    etag = response["ETag"]
    assert owner_client.get(f"{page}charts.json?start=2024-02-01", headers={"If-None-Match": etag}).status_code == 304
    assert owner_client.get(f"{page}charts.json", headers={"If-None-Match": etag}).status_code == 200  # other period
    fill(metric_car, 900, 20, day=70)
    changed = owner_client.get(f"{page}charts.json?start=2024-02-01", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["economy-km_l"]["labels"] == ["10 Feb 2024", "11 Mar 2024"]


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
    assert cost["labels"] == ["Jan 2024", "Feb 2024", "Jan 2028"]
    assert [(d["label"], d["data"]) for d in cost["datasets"]] == [
        ("Civic · Petrol", [None, 45.0, None]),
        ("2019 Skoda Octavia · Petrol", [150.0, None, 30.0]),
    ]
    assert (charts["price-L"]["labels"], charts["price-gal"]["labels"]) == (["Jan 2024", "Jan 2028"], ["Feb 2024"])


def test_cost_per_month_is_stacked_by_energy_in_the_users_date_format(owner_client, owner, phev, fill):
    owner.date_format = "yyyy-MM-dd"
    owner.save()
    fill(phev, 0, 30, price="1.80", day=0)  # Jan 2024: 54.00
    fill(phev, 0, 8, energy="electricity", price="0.30", day=1)  # Jan 2024: 2.40
    fill(phev, 400, 60, energy="electricity", price="0.30", day=40)  # Feb 2024: 18.00
    cost = owner_client.get(f"/vehicles/{phev.pk}/fuel/analytics/charts.json").json()["cost"]
    assert cost["labels"] == ["2024-01", "2024-02"]  # the user's yyyy-MM-dd, less the day
    assert [(d["label"], d["data"]) for d in cost["datasets"]] == [
        ("2022 Toyota Prius Prime · Petrol", [54.0, None]),
        ("2022 Toyota Prius Prime · Electricity", [2.4, 18.0]),
    ]
