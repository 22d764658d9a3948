from django import template

from documents.selectors import expiry_state

register = template.Library()


@register.simple_tag
def expiry(expires_on, today, notice_days) -> str:
    """The CSS-ready state of an expiry date: ok, soon, very_soon or overdue."""
    return expiry_state(expires_on, today, int(notice_days)).name.lower()
