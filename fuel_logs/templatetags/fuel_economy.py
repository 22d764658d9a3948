"""``{% epa_economy vehicle as epa %}``: the EPA's figures beside the owner's, for any page about a
vehicle (the vehicle page and its analytics), memoized per user and keyed to the catalog's version."""

from django import template

from fuel_logs import selectors
from platform_data import lookups

register = template.Library()


@register.simple_tag(takes_context=True)
def epa_economy(context: template.Context, vehicle) -> selectors.EpaEconomy | None:
    return selectors.epa_economy(context["request"].user, vehicle.pk, lookups.version())
