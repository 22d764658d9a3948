"""Costly parts of pages, rendered once per change of the user's data and then served from Redis."""

import hashlib
from collections.abc import Callable
from functools import cache as once
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from motovault import data_version

# A fragment of an older data version is never read again; it need not outlive a busy hour.
TIMEOUT = 60 * 60


@once
def code_version() -> str:
    """A digest of the project's own code and templates, read once a process: an upgrade that
    renders a fragment differently must not serve the old rendering for the rest of the hour."""
    digest = hashlib.sha256()
    roots = [Path(config.path) for config in apps.get_app_configs()] + [settings.BASE_DIR / "templates"]
    roots = [root for root in roots if root.is_relative_to(settings.BASE_DIR) and "site-packages" not in root.parts]
    for path in sorted(path for root in roots for pattern in ("*.py", "*.html") for path in root.rglob(pattern)):
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def cached_partial(request: HttpRequest, template: str, context: Callable[[], dict], *vary) -> SafeString:
    """``template`` (a page's named partial) as rendered for the signed-in user, from the cache
    until their data changes. ``context`` is only called on a miss, so the queries it makes are
    skipped on a hit. ``vary`` is whatever else the fragment depends on (a page's query string...).
    Never a fragment with a form's CSRF token: the cache is shared by the user's browsers."""
    if request.method not in ("GET", "HEAD"):
        # A write's own response: the user's data version was read before the write.
        return mark_safe(_render(request, template, context))
    key = f"fragment:{code_version()}:" + data_version.cache_key(request.user, template, *vary)
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
