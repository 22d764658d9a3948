"""What the garage pages show, computed from the user's rows and memoized per user (see
``motovault/caching.py``): values, never rendered HTML."""

from dataclasses import dataclass

from motovault.caching import per_user

from . import cards
from .models import Vehicle


@dataclass
class Card:
    """A vehicle on the garage page, with what each feature says of it (last economy, ...)."""

    vehicle: Vehicle
    facts: list[tuple[str, str]]


@per_user("current-odometer")
def current_odometer_km(user, vehicle_id: int):
    """The vehicle's highest reading of any feature (see odometer.py), in km."""
    vehicles = Vehicle.objects.for_user(user).with_odometer().filter(pk=vehicle_id)
    return vehicles.values_list("current_odometer_km", flat=True).first()


@per_user("garage-cards")
def garage_cards(user) -> list[Card]:
    """Every live vehicle (a shared one says whose) with its current odometer and card facts: a
    constant number of queries (one for the vehicles, one per card-fact provider) however many."""
    vehicles = list(Vehicle.objects.for_user(user).with_odometer().with_sharing())
    facts = cards.facts_for(vehicles)
    return [Card(vehicle, facts.get(vehicle.pk, [])) for vehicle in vehicles]
