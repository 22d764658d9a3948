"""Other costs (insurance, tax, parking...), through the page's form and services (a recurring
cost's occurrences), and the cost of ownership as the dashboard works it out."""

import datetime
from decimal import Decimal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Schema

from api.crud import RecordResource, bad_query, record_router
from api.schemas import In, Money, Quantity, answers, money, quantity
from costs.forms import OtherCostForm
from costs.models import Category, OtherCost, Recurrence
from costs.services import cost_restore, cost_trash
from dashboard.selectors import Capital, garage_costs
from motovault import units
from vehicles.models import Vehicle


class OtherCostOut(Schema):
    id: int
    vehicle: int = Field(alias="vehicle_id")
    category: Category
    date: datetime.date
    amount: Money
    recurrence: Recurrence = Field(description="Empty: once.")
    recurrence_until: datetime.date | None
    next_due: datetime.date | None = Field(description="A recurring cost's next occurrence.")
    series: int | None = Field(alias="series_id", description="An occurrence's first cost (which holds the schedule).")
    notes: str
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_amount(cost: OtherCost) -> dict:
        return money(cost.amount, cost.owner)


class OtherCostIn(In):
    """A cost as typed on its form. A recurring one is added again each month or year on its day
    (its occurrences already due are made at once)."""

    category: Category = Category.OTHER
    date: datetime.date
    amount: Decimal
    recurrence: Recurrence = Recurrence.NONE
    recurrence_until: datetime.date | None = None
    notes: str = ""


other_costs = RecordResource(
    path="other-costs",
    noun="other_cost",
    model=OtherCost,
    out=OtherCostOut,
    into=OtherCostIn,
    form=lambda data, vehicle, cost: OtherCostForm(data, vehicle=vehicle, instance=cost),
    trash=lambda cost: cost_trash(cost=cost),
    restore=lambda cost: cost_restore(cost=cost),
    date_field="date",
    settled=True,
)
router = record_router(other_costs)


class SourceOut(Schema):
    category: str = Field(description="fuel, service, insurance, ... (every source of costs).")
    label: str
    amount: Money


class VehicleCostOut(Schema):
    vehicle: int
    first_day: datetime.date = Field(description="Of the period, the days it was owned.")
    last_day: datetime.date
    distance: Quantity = Field(description="Driven within the period, in the vehicle's distance unit.")
    by_source: list[SourceOut]
    running: Money = Field(description="Every source's costs.")
    purchase: Money | None = Field(description="The purchase price, when bought within the period.")
    depreciation: Money | None = Field(description="Value lost within the period; null when unknown.")
    value_basis: str = Field(description="How its value is known: sale, value, percent, or empty when it is not.")
    value_now: Money | None = Field(description="Its value on the period's last day.")
    total: Money = Field(description="Running costs plus the purchase or the value lost, as asked.")
    per_month: Money | None
    per_distance: Money | None = Field(description="Per unit of the vehicle's distance unit.")
    distance_unit: str


class CostsOut(Schema):
    since: datetime.date | None
    until: datetime.date | None
    purchase: bool
    depreciation: bool
    running: Money
    depreciation_total: Money
    by_source: list[SourceOut]
    vehicles: list[VehicleCostOut]


class CostsQuery(Schema):
    vehicle: int | None = Field(None, description="One vehicle's; the whole garage when left out.")
    since: datetime.date | None = None
    until: datetime.date | None = None
    purchase: bool = Field(False, description="Count the purchase price (then not the value lost).")
    depreciation: bool = Field(True, description="Count the value lost.")


@router.get("/figures/costs", response=answers({200: CostsOut}), operation_id="cost_figures", url_name="cost_figures")
def cost_figures(request: HttpRequest, asked: Query[CostsQuery]):
    """The cost of ownership, as the dashboard shows it: each vehicle's costs by source over the
    period, the value lost, and per month and per distance."""
    user = request.auth.user
    if asked.vehicle is not None:
        get_object_or_404(Vehicle.objects.for_user(user), pk=asked.vehicle)
    if asked.since and asked.until and asked.since > asked.until:
        raise bad_query("until", "The end comes before the start.")
    garage = garage_costs(user, timezone.localdate(), asked.since, asked.until, asked.vehicle)
    labels = dict(garage.sources)
    counted = Capital(purchase=asked.purchase, depreciation=asked.depreciation)

    def sources(amounts) -> list[dict]:
        return [{"category": c, "label": labels[c], "amount": money(a, user)} for c, a in amounts]

    vehicles = []
    for cost in garage.vehicles:
        figures, unit = cost.figures(counted), cost.vehicle.distance_unit
        vehicles.append(
            {
                "vehicle": cost.vehicle.pk,
                "first_day": cost.first_day,
                "last_day": cost.last_day,
                "distance": quantity(units.rounded(cost.distance, 1), unit),
                "by_source": sources(cost.by_source.items()),
                "running": money(cost.running, user),
                "purchase": money(cost.purchase, user),
                "depreciation": money(cost.depreciation, user),
                "value_basis": cost.basis,
                "value_now": money(cost.value_now, user),
                "total": money(figures.total, user),
                "per_month": money(figures.per_month, user),
                "per_distance": money(figures.per_distance, user),
                "distance_unit": unit,
            }
        )
    return {
        "since": asked.since,
        "until": asked.until,
        "purchase": counted.purchase,
        "depreciation": counted.depreciation,
        "running": money(garage.running, user),
        "depreciation_total": money(garage.depreciation, user),
        "by_source": sources((c, a) for c, _, a in garage.by_source()),
        "vehicles": vehicles,
    }
