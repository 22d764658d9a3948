"""``{{ amount|money }}`` and ``{{ date|day }}``: in the signed-in user's currency, number format and
date format (see motovault/formats.py)."""

from django import template

from motovault import formats

register = template.Library()
register.filter("money", formats.money)
register.filter("day", formats.day)
