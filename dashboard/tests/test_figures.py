"""Every figure of the cost of ownership against the small garage of conftest.py, worked out by
hand (months = days owned ÷ 30.4375; amounts in USD; distances in km)."""

import datetime
from decimal import Decimal

import pytest

from costs.models import OtherCost
from costs.services import occurrences_make
from dashboard import selectors
from dashboard.ownership import Ownership
from dashboard.selectors import Capital
from dashboard.tests.conftest import TODAY, car, fill

pytestmark = pytest.mark.django_db

D = Decimal
DEPRECIATION, NOTHING, PURCHASE = Capital(False, True), Capital(False, False), Capital(True, False)

# vehicle   fuel     other    purchase   value lost  distance  days owned  total (value lost)  per month  per km
#  sold     160.00   150.00   20000.00   6000.00     20000     731         6310.00             262.74     0.316
#           (60.00 + 100.00; tax 150.00; 20,000 − 14,000; 500 + 19,500 km; 1 Jan 2024 – 31 Dec 2025)
#  no_fuel    0.00   400.00   10000.00   1454.77      4000     546         1854.77             103.40     0.464
#           (8 × 50.00: 15 Nov 2025 … 15 Jun 2026; 10,000 × 0.9^(545 ÷ 365.25) = 8,545.23; 9,000 − 5,000 km)
#  phev      86.60     0.00       –       unknown      800     150           86.60              17.57     0.108
#           (48.00 + 32.00 + 3.00 + 3.60; no price; 300 + 500 km; 1 Feb – 30 Jun 2026, its first record)
#  valued     0.00     0.00   30000.00   3000.00         0     181         3000.00             504.49       –
#           (30,000 − 27,000 entered; no distance; 1 Jan – 30 Jun 2026)
EXPECTED = {
    "sold": (D("160.00"), D("150.00"), D("20000.00"), D("6000.00"), D(20000), D("6310.00"), D("262.74"), D("0.316")),
    "no_fuel": (D("0"), D("400.00"), D("10000.00"), D("1454.77"), D(4000), D("1854.77"), D("103.40"), D("0.464")),
    "phev": (D("86.60"), D("0"), None, None, D(800), D("86.60"), D("17.57"), D("0.108")),
    "valued": (D("0"), D("0"), D("30000.00"), D("3000.00"), D(0), D("3000.00"), D("504.49"), None),
}


def by_name(costs) -> dict:
    return {cost.vehicle.nickname.lower().replace("nofuel", "no_fuel"): cost for cost in costs.vehicles}


def test_every_vehicle_to_date(owner, garage):
    costs = by_name(selectors.garage_costs(owner, TODAY, None, None))
    assert costs.keys() == EXPECTED.keys()
    for name, (fuel, other, purchase, lost, km, total, per_month, per_km) in EXPECTED.items():
        cost, figures = costs[name], costs[name].figures(DEPRECIATION)
        assert (cost.by_source["fuel"], cost.by_source["other"]) == (fuel, other), name
        assert (cost.purchase, cost.depreciation, cost.distance_km) == (purchase, lost, km), name
        assert (figures.total, figures.per_month, figures.per_distance) == (total, per_month, per_km), name


def test_the_toggles(owner, garage):
    """Running costs alone; with the purchase price instead of the value lost (not both: the price
    holds the value lost)."""
    sold = by_name(selectors.garage_costs(owner, TODAY, None, None))["sold"]
    assert sold.figures(NOTHING).total == D("310.00")
    assert sold.figures(PURCHASE).total == D("20310.00")
    assert sold.figures(Capital(True, True)).total == D("20310.00")


def test_a_period_counts_what_falls_in_it(owner, garage):
    """2026 Q2: no_fuel's three payments (Apr, May, Jun) and value lost from 31 Mar to 30 Jun;
    valued loses 3,000 × 91 ÷ 180 of its value (28,516.67 → 27,000.00); the sold car nothing."""
    costs = by_name(selectors.garage_costs(owner, TODAY, datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)))
    assert costs["no_fuel"].by_source["other"] == D("150.00")
    # 10,000 × 0.9^(454 ÷ 365.25) = 8,772.52 on 31 Mar; 8,545.23 on 30 Jun.
    assert costs["no_fuel"].depreciation == D("227.29")
    assert costs["no_fuel"].distance_km == D(4000)  # June's reading
    assert costs["valued"].depreciation == D("1516.67")
    assert costs["valued"].purchase is None  # bought before the period
    assert costs["sold"].depreciation == D("0.00") and costs["sold"].running == D("0.00")


def test_spend_by_month_and_by_category(owner, garage):
    costs = selectors.garage_costs(owner, TODAY, None, None)
    assert costs.months[datetime.date(2024, 3, 1)] == {"fuel": D("60.00")}
    assert costs.months[datetime.date(2025, 12, 1)] == {"other": D("50.00")}
    # 48.00 petrol + 3.00 electricity; the insurance
    assert costs.months[datetime.date(2026, 2, 1)] == {"fuel": D("51.00"), "other": D("50.00")}
    totals = {category: total for category, _, total in costs.by_source()}
    assert totals["fuel"] == D("246.60") and totals["other"] == D("550.00")
    assert costs.depreciation == D("10454.77")  # 6,000 + 1,454.77 + 3,000


def test_a_recurring_cost_crosses_the_year_once_each_month(owner, garage):
    insurance = OtherCost.objects.filter(vehicle=garage["no_fuel"]).order_by("date")
    dates = [cost.date for cost in insurance]
    assert dates == [datetime.date(2025, 11, 15), datetime.date(2025, 12, 15)] + [
        datetime.date(2026, month, 15) for month in range(1, 7)
    ]
    assert insurance.first().next_due == datetime.date(2026, 7, 15)
    now = datetime.datetime(2026, 6, 30, 12, tzinfo=datetime.UTC)
    assert occurrences_make(now) == 0  # nothing more is due: never twice


def test_depreciation_rules():
    """By hand: a straight line to the sale or the value entered; a yearly rate compounded by the day."""
    day = datetime.date
    sold = Ownership(day(2024, 1, 1), D(20000), day(2025, 12, 31), D(14000), "value", None, None, TODAY)
    assert sold.value_on(day(2024, 12, 31)) == D("17000.00")  # 20,000 − 6,000 × 365 ÷ 730
    assert sold.value_lost(None, None) == D("6000.00")
    assert sold.value_on(TODAY) == D("14000.00")  # after the sale: the sale price
    rate = Ownership(day(2025, 1, 1), D(10000), None, None, "percent", None, D(10), TODAY)
    assert rate.value_on(day(2026, 1, 1)) == D("9000.65")  # 10,000 × 0.9^(365 ÷ 365.25): a day short of a year
    assert rate.value_lost(day(2024, 1, 1), day(2024, 12, 31)) == D("0.00")  # before the purchase
    unknown = Ownership(day(2025, 1, 1), D(10000), None, None, "value", None, None, TODAY)
    assert unknown.value_lost(None, None) is None


def test_economy_of_a_plug_in_hybrid_without_the_split(owner, garage):
    """No fill-up says how far the car drove on each energy: no per-energy economy is made up
    (crediting each energy with the whole distance is the error other apps make)."""
    assert selectors.economy(owner, garage["phev"].pk) == []
    assert selectors.economy(owner, garage["no_fuel"].pk) == []


def test_the_year_report(owner, garage):
    """The sold car's 2025: June's fill-up of 100.00 and 19,500 km; 365 of its 730 days' loss
    (6,000 × 365 ÷ 730 = 3,000.00), month by month adding up to it."""
    report = selectors.year_report(owner, garage["sold"].pk, 2025, TODAY)
    june = report.months[5]
    assert (june.by_source["fuel"], june.distance_km) == (D("100.00"), D(19500))
    assert report.cost.by_source["fuel"] == D("100.00") and report.cost.by_source["other"] == D("0.00")
    assert report.cost.depreciation == D("3000.00")  # 17,000.00 on 31 Dec 2024 − 14,000.00
    assert sum(month.depreciation for month in report.months) == report.cost.depreciation
    assert len(report.months) == 12


def test_the_economy_trend(owner):
    """One segment of 100 km on 10 L, then five of 100 km on 5 L: average 600 km on 35 L = 5.8 L/100 km,
    the last five 500 km on 25 L = 5.0: better by more than 3 %."""
    vehicle = car(owner, "Trend")
    fill(vehicle, "2026-01-01", 1000, "40", "1.50")
    for number, litres in enumerate(["10", "5", "5", "5", "5", "5"], start=1):
        fill(vehicle, f"2026-02-{number:02d}", 1000 + 100 * number, litres, "1.50")
    (petrol,) = selectors.economy(owner, vehicle.pk)
    assert (petrol.last, petrol.average, petrol.recent, petrol.trend) == (D("5.0"), D("5.8"), D("5.0"), "better")
