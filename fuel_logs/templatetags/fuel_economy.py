"""``{% epa_economy vehicle as epa %}``: the EPA's figures beside the owner's, for any page about a
vehicle (the pages' views need not know of it)."""

from django import template

from fuel_logs.selectors import epa_economy

register = template.Library()
register.simple_tag(epa_economy)
