"""The cost of owning a vehicle, worked out from plain numbers (no database): what it is worth on a
day, the value it lost over a period, how long it was owned. The page says the same in words
(``dashboard/templates/dashboard/formulas.html``); the tests check both against hand-computed
figures.

- A sold vehicle's value falls in a straight line from its purchase price (on the purchase date)
  to its sale price (on the sale date).
- One still owned falls either in a straight line to the current value its owner entered (reached
  today), or by a yearly percentage of the previous year's value, compounded by the day:
  ``price × (1 − rate) ^ (days owned / 365.25)``.
- Value lost over a period = the value on its first day − the value on its last day, each period
  clipped to the days owned. Unknown without a purchase price and date (and, for a vehicle still
  owned, a current value or a rate).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from vehicles.models import Depreciation

CENT = Decimal("0.01")
DAYS_A_YEAR = Decimal("365.25")
DAYS_A_MONTH = DAYS_A_YEAR / 12


def months_between(first: datetime.date, last: datetime.date) -> Decimal:
    """Both days counted: a whole January is 31 / 30.4375 months."""
    return Decimal((last - first).days + 1) / DAYS_A_MONTH


@dataclass(frozen=True)
class Ownership:
    """What the vehicle's record says about its value, and ``today``."""

    purchase_date: datetime.date | None
    purchase_price: Decimal | None
    sold_date: datetime.date | None
    sold_price: Decimal | None
    rule: str
    current_value: Decimal | None
    rate_percent: Decimal | None
    today: datetime.date

    @classmethod
    def of(cls, vehicle, today: datetime.date) -> "Ownership":
        return cls(
            vehicle.purchase_date,
            vehicle.purchase_price,
            vehicle.sold_date,
            vehicle.sold_price,
            vehicle.depreciation,
            vehicle.current_value,
            vehicle.depreciation_percent,
            today,
        )

    @property
    def last_day(self) -> datetime.date:
        """The last day owned: the sale, else today."""
        return self.sold_date or self.today

    @property
    def basis(self) -> str:
        """Which rule gives the value ("sale", "value", "percent"), "" when none can."""
        if self.purchase_date is None or self.purchase_price is None:
            return ""
        if self.sold_date is not None:
            return "sale" if self.sold_price is not None else ""
        if self.rule == Depreciation.PERCENT:
            return "percent" if self.rate_percent is not None else ""
        return "value" if self.current_value is not None else ""

    def value_on(self, day: datetime.date) -> Decimal | None:
        """What the vehicle was worth at the end of ``day`` (clipped to the days owned)."""
        basis = self.basis
        if not basis:
            return None
        day = min(max(day, self.purchase_date), self.last_day)
        if basis == "percent":
            years = Decimal((day - self.purchase_date).days) / DAYS_A_YEAR
            kept = (
                (1 - self.rate_percent / 100) ** years
                if self.rate_percent < 100
                else Decimal(day == self.purchase_date)
            )
            return (self.purchase_price * kept).quantize(CENT)
        end_value = self.sold_price if basis == "sale" else self.current_value
        span = (self.last_day - self.purchase_date).days
        if span == 0:
            return end_value
        share = Decimal((day - self.purchase_date).days) / span
        return (self.purchase_price + (end_value - self.purchase_price) * share).quantize(CENT)

    def value_lost(self, start: datetime.date | None, end: datetime.date | None) -> Decimal | None:
        """Depreciation over ``[start, end]`` (None: from the purchase, to the last day owned)."""
        if not self.basis:
            return None
        first = max(start or self.purchase_date, self.purchase_date)
        last = min(end or self.last_day, self.last_day)
        if last < first:
            return Decimal("0.00")
        before = (
            self.purchase_price if first == self.purchase_date else self.value_on(first - datetime.timedelta(days=1))
        )
        return before - self.value_on(last)

    def purchase_in(self, start: datetime.date | None, end: datetime.date | None) -> Decimal | None:
        """The purchase price, when the purchase falls in the period."""
        if self.purchase_price is None:
            return None
        if self.purchase_date is None:
            return self.purchase_price if start is None and end is None else None
        inside = (start is None or self.purchase_date >= start) and (end is None or self.purchase_date <= end)
        return self.purchase_price if inside else None
