"""How the signed-in user reads money, numbers and dates: their currency, number format (a CLDR
locale) and date format, applied by the ``money`` and ``day`` template filters through Babel.

``UserFormatsMiddleware`` makes the user's choices the active ones for a request, as
``UserTimeZoneMiddleware`` does for the time zone; outside a request the defaults apply. A cached
fragment shows them, so saving them moves the user's data version (``accounts.services``).
"""

import contextvars
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, get_currency_name, get_currency_symbol, list_currencies, parse_pattern
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

# Number formats offered, by CLDR locale, each with how it writes 1234.56 (for the settings page).
LOCALES = {
    "en_US": "1,234.56 (English, US)",
    "en_GB": "1,234.56 (English, UK)",
    "en_IN": "1,23,456.78 (English, India)",
    "de_DE": "1.234,56 (Deutsch)",
    "de_CH": "1’234.56 (Deutsch, Schweiz)",
    "fr_FR": "1 234,56 (Français)",
    "es_ES": "1234,56 (Español)",
    "it_IT": "1.234,56 (Italiano)",
    "nl_NL": "1.234,56 (Nederlands)",
    "pt_BR": "1.234,56 (Português, Brasil)",
    "sv_SE": "1 234,56 (Svenska)",
    "pl_PL": "1 234,56 (Polski)",
    "ja_JP": "1,234.56 (日本語)",
}

# Date formats offered: a CLDR pattern each, with an example (30 November 2026).
DATE_FORMATS = {
    "d MMM y": "30 Nov 2026",
    "MMM d, y": "Nov 30, 2026",
    "yyyy-MM-dd": "2026-11-30",
    "dd/MM/yyyy": "30/11/2026",
    "MM/dd/yyyy": "11/30/2026",
    "dd.MM.yyyy": "30.11.2026",
}


@dataclass(frozen=True)
class Formats:
    currency: str = "USD"
    locale: str = "en_US"
    date_format: str = "d MMM y"


DEFAULT = Formats()
_active = contextvars.ContextVar("motovault_formats", default=DEFAULT)


def currencies() -> list[tuple[str, str]]:
    """Every ISO 4217 currency CLDR knows, as (code, "code: name"), by code."""
    return [(code, f"{code}: {get_currency_name(code, locale='en')}") for code in sorted(list_currencies())]


def of(user) -> Formats:
    if not user.is_authenticated:
        return DEFAULT
    return Formats(user.currency, user.number_locale, user.date_format)


def active() -> Formats:
    return _active.get()


def money(amount: Decimal | None, places: int | None = None, formats: Formats | None = None) -> str:
    """``1234.5`` → "$1,234.50", "1.234,50 €"...: with the currency's own decimals, or ``places``
    of them (a pump price has three)."""
    if amount is None:
        return "–"
    formats = formats or active()
    if places is None:
        return format_currency(amount, formats.currency, locale=formats.locale)
    locale = Locale.parse(formats.locale)
    pattern = parse_pattern(locale.currency_formats["standard"].pattern)
    pattern.frac_prec = (places, places)
    return pattern.apply(Decimal(amount), locale, currency=formats.currency, currency_digits=False)


def currency_symbol(formats: Formats | None = None) -> str:
    """The currency's symbol as the user's number format writes it ("$", "€", "CHF")."""
    formats = formats or active()
    return get_currency_symbol(formats.currency, locale=formats.locale)


def day(value: datetime.date | None, formats: Formats | None = None) -> str:
    """A date (or a date-time's local day) in the user's date format."""
    if value is None:
        return "–"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    formats = formats or active()
    return format_date(value, formats.date_format, locale=formats.locale)


def month(value: datetime.date, formats: Formats | None = None) -> str:
    """A month in the user's date format without its day ("Nov 2026", "2026-11", "11/2026")."""
    formats = formats or active()
    pattern = re.sub(r"^d+\W*|\W*d+$|d+\W*", "", formats.date_format, count=1)
    return format_date(value, pattern, locale=formats.locale)


class UserFormatsMiddleware:
    """Money, numbers and dates in pages are shown as the signed-in user chose."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _active.set(of(request.user))
        try:
            return self.get_response(request)
        finally:
            _active.reset(token)
