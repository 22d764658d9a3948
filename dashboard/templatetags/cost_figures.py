from decimal import Decimal

from django import template

from dashboard.ownership import CENT

register = template.Library()


@register.filter
def per_month(amount: Decimal | None, months: Decimal) -> Decimal | None:
    """An amount spread over the months of a period (None when either is missing)."""
    if amount is None or not months:
        return None
    return (amount / months).quantize(CENT)
