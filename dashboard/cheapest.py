"""Where fuel is cheapest: the home page's slot for the stations feature.

Stations registers a provider in its AppConfig.ready::

    from dashboard import cheapest
    cheapest.register(stations.selectors.cheapest_prices)

``provider(user, wanted, today) -> Iterable[FuelPrice]`` gets the (energy, grade) pairs the user
bought in the last year (grade "" when none was typed) and answers, in a constant number of queries,
the lowest recent price it knows for each, at most one per pair. The home page lists them in the
"Where fuel is cheapest" block (``dashboard/home.html#cheapest``), memoized per user and day.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class FuelPrice:
    energy: str  # motovault.units.Energy
    grade: str
    price: Decimal  # per canonical unit (litre, kWh, kg), in the user's currency
    station: str
    seen_on: datetime.date  # when the price was reported
    url: str  # the station's page


CheapestProvider = Callable[..., Iterable[FuelPrice]]

PROVIDERS: list[CheapestProvider] = []


def register(provider: CheapestProvider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
