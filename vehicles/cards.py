"""What other features add to a vehicle's garage card (last economy, what is due...).

A feature registers a function that takes the page's vehicles and returns
``{vehicle_id: [(label, value), ...]}``; it must answer with a constant number of queries,
whatever the number of vehicles.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

CardFacts = Callable[[list], dict[int, list[tuple[str, str]]]]

PROVIDERS: list[CardFacts] = []


def register(provider: CardFacts) -> CardFacts:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def facts_for(vehicles: Iterable) -> dict[int, list[tuple[str, str]]]:
    vehicles = list(vehicles)
    facts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for provider in PROVIDERS:
        for vehicle_id, items in provider(vehicles).items():
            facts[vehicle_id].extend(items)
    return facts
