"""What pages cost to compute (rendered fragments, the objects a URL names), computed once per change
of the user's data and then served from Redis."""

import hashlib
from collections.abc import Callable
from functools import cache as once
from pathlib import Path
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from motovault import data_version

T = TypeVar("T")

# A value of an older data version is never read again; it need not outlive a busy hour.
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


def cache_key(request: HttpRequest, name: str, *vary) -> str:
    """What a value computed for the signed-in user depends on: our code, the user and their data
    version, ``name`` and ``vary``. Also an ETag's ground, for a response a browser keeps."""
    return f"{code_version()}:" + data_version.cache_key(request.user, name, *vary)


def cached(request: HttpRequest, name: str, compute: Callable[[], T], *vary) -> T:
    """``compute()`` for the signed-in user, from the cache until their data (or our code) changes:
    the key holds their data version. ``vary`` is whatever else the value depends on: the page's
    query string, and anything that is not the user's data (today's date, the shared catalog). An
    exception (a 404 for another user's object) is raised each time, never cached."""
    if request.method not in ("GET", "HEAD"):
        return compute()  # a write's own response: the data version was read before the write
    key = cache_key(request, name, *vary)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def cached_partial(request: HttpRequest, template: str, context: Callable[[], dict], *vary) -> SafeString:
    """``template`` (a page's named partial) as rendered for the signed-in user; ``context`` is only
    called on a miss, so the queries it makes are skipped on a hit. Never a fragment with a form's
    CSRF token: the cache is shared by the user's browsers."""
    return cached_partials(request, [template], context, *vary)[0]


def cached_partials(request: HttpRequest, templates: list[str], context: Callable[[], dict], *vary) -> list[SafeString]:
    """Several partials of a page (split by what must not be cached, a form) rendered with one
    context and kept under one key: one round trip to Redis."""

    def render() -> list[str]:
        values = context()
        return [render_fragment(request, template, values) for template in templates]

    return [mark_safe(html) for html in cached(request, f"fragments:{','.join(templates)}", render, *vary)]


def render_fragment(request: HttpRequest, template: str, values: dict) -> str:
    """A fragment to cache, refused if it holds a form's CSRF token (the cache is shared by the
    user's browsers, each with a token of its own)."""
    html = render_to_string(template, values, request)
    if "csrfmiddlewaretoken" in html:
        raise ImproperlyConfigured(f"{template} holds a form's CSRF token; it must not be cached.")
    return html
