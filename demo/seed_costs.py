"""The cost side of the seeded data: other costs (recurring and one-off), the value rules of the
demo's vehicles, and a vehicle sold before the demo's history starts."""

import datetime
import random
from decimal import Decimal

from costs.models import Category, OtherCost, Recurrence, add_months
from costs.services import cost_save
from motovault.clock import today as today_of
from vehicles.models import Depreciation, Vehicle

CENT = Decimal("0.01")
ONE_OFF = ((Category.PARKING, 4, 25), (Category.TOLLS, 2, 18), (Category.WASH, 8, 22), (Category.FINES, 30, 90))


def _one_offs(rng: random.Random, vehicle: Vehicle, start: datetime.date, end: datetime.date, count: int):
    days = (end - start).days
    for _ in range(count):
        category, low, high = rng.choice(ONE_OFF)
        yield OtherCost(
            owner_id=vehicle.owner_id, vehicle=vehicle, category=category,
            date=start + datetime.timedelta(days=rng.randrange(max(days, 1))),
            amount=Decimal(str(round(rng.uniform(low, high), 2))),
        )  # fmt: skip


def seed_demo_costs(rng: random.Random, vehicles: list[Vehicle], start: datetime.date, sold: Vehicle) -> None:
    """Recurring insurance, tax and a loan made through the service (so the occurrences up to today
    are there, and the hourly job carries on), a few dozen one-off costs, and how each vehicle
    loses value: a yearly rate, a value entered, one left unknown (the page says what to give)."""
    user = vehicles[0].owner
    today = today_of(user)
    civic, golf, volt = vehicles
    civic.depreciation, civic.depreciation_percent = Depreciation.PERCENT, Decimal("15")
    golf.current_value = (golf.purchase_price * Decimal("0.7")).quantize(CENT)
    volt.purchase_price = None
    Vehicle.objects.bulk_update(
        [civic, golf, volt], ["depreciation", "depreciation_percent", "current_value", "purchase_price"]
    )
    series = [
        (civic, Category.INSURANCE, "92.00", Recurrence.MONTHLY, None),
        (golf, Category.INSURANCE, "640.00", Recurrence.YEARLY, None),
        (golf, Category.TAX, "190.00", Recurrence.YEARLY, None),
        (volt, Category.FINANCING, "289.00", Recurrence.MONTHLY, add_months(start, 60)),
        (sold, Category.INSURANCE, "58.00", Recurrence.MONTHLY, None),  # stops at the sale
    ]
    for vehicle, category, amount, recurrence, until in series:
        first = vehicle.purchase_date
        cost_save(
            cost=OtherCost(owner=user, vehicle=vehicle, category=category, amount=Decimal(amount), date=first,
                           recurrence=recurrence, recurrence_until=until),
            today=today,
        )  # fmt: skip
    one_offs = [cost for vehicle in vehicles for cost in _one_offs(rng, vehicle, start, today, 12)]
    OtherCost.objects.bulk_create([*one_offs, *_one_offs(rng, sold, sold.purchase_date, sold.sold_date, 6)])


def seed_bench_costs(rng: random.Random, vehicles: list[Vehicle], end: datetime.date) -> int:
    """A month's insurance and a year's tax for each vehicle from its purchase, and a one-off cost
    every fortnight or so: the cost sources' queries over decades of rows."""
    rows = []
    for vehicle in vehicles:
        months = (end.year - vehicle.purchase_date.year) * 12 + end.month - vehicle.purchase_date.month
        for month in range(months + 1):
            day = add_months(vehicle.purchase_date, month)
            rows.append(OtherCost(owner_id=vehicle.owner_id, vehicle=vehicle, category=Category.INSURANCE,
                                  date=day, amount=Decimal("80.00")))  # fmt: skip
            if month % 12 == 0:
                rows.append(OtherCost(owner_id=vehicle.owner_id, vehicle=vehicle, category=Category.TAX,
                                      date=day, amount=Decimal("210.00")))  # fmt: skip
        rows.extend(_one_offs(rng, vehicle, vehicle.purchase_date, end, months * 2))
    OtherCost.objects.bulk_create(rows, batch_size=5_000)
    return len(rows)
