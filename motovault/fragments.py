"""Costly parts of pages, rendered once per change of the user's data and then served from Redis."""

from collections.abc import Callable

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from motovault import data_version

# A fragment of an older data version is never read again; it need not outlive a busy hour.
TIMEOUT = 60 * 60


def cached_partial(request: HttpRequest, template: str, context: Callable[[], dict], *vary) -> SafeString:
    """``template`` (a page's named partial) as rendered for the signed-in user, from the cache
    until their data changes. ``context`` is only called on a miss, so the queries it makes are
    skipped on a hit. ``vary`` is whatever else the fragment depends on (a page's query string...).
    Never a fragment with a form's CSRF token: the cache is shared by the user's browsers."""
    if request.method not in ("GET", "HEAD"):
        # A write's own response: the user's data version was read before the write.
        return mark_safe(_render(request, template, context))
    key = "fragment:" + data_version.cache_key(request.user, template, *vary)
    html = cache.get(key)
    if html is None:
        html = _render(request, template, context)
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)


def _render(request: HttpRequest, template: str, context: Callable[[], dict]) -> str:
    html = render_to_string(template, context(), request)
    if "csrfmiddlewaretoken" in html:
        raise ImproperlyConfigured(f"{template} holds a form's CSRF token; it must not be cached.")
    return html
