"""Per-user values that are costly to compute, kept in Redis until the user's data changes.

A value is keyed by the release, the user, their data version (which PostgreSQL raises on every
change of their rows, see ``data_version.py``), its name and every argument it is computed from.
So a cached value is never older than the data or the code, and never reaches another user.
Selectors never read the clock: ``today`` is one of their arguments, hence part of the key.

Two ways in, one key scheme:
- ``memoize(user, name, compute, *args)`` / ``@per_user(name)``: a value (figures, chart series,
  the garage's cards), usable from a view, a template, a command or a worker alike;
- ``{% cache_for_user "name" arg... %}`` (templatetags/caching.py): a fragment of a template,
  rendered by the template itself. Never around a form or a CSRF token.

A value is computed in the user's time zone, whoever asks for it. A request that writes (POST,
PUT, PATCH, DELETE) neither reads nor fills the cache: its user object carries the data version
from before the write (``WritesBypassCacheMiddleware``). The user's own settings (time zone,
currency, formats) are changed through ``accounts.services``, which moves the data version.
"""

import contextvars
import datetime
import hashlib
import time
from collections.abc import Callable
from decimal import Decimal
from functools import cache as once
from functools import lru_cache, wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response

from motovault import clock, metrics

T = TypeVar("T")
P = ParamSpec("P")

# A value of an older data version is never read again; it need not outlive a busy hour.
TIMEOUT = 60 * 60

_MISSING = object()
_bypass = contextvars.ContextVar("motovault_cache_bypass", default=False)

# What may name a value: plain values whose text is unambiguous. Anything else (a model instance, a
# queryset, a request) is refused, so a key can never silently depend on less than it should.
KEYABLE = (str, int, Decimal, datetime.date, type(None))


def release() -> str:
    """The running release: ``settings.RELEASE`` (a build argument, the git revision) when set, else a
    digest of our code, templates and static files, read once a process. Part of every key, so an
    upgrade never serves a value or a fragment of the previous one (nor asset URLs it no longer has).
    In development (DEBUG) a template or a script edited under a running server counts as a release
    too: the digest is of the files' modification times, taken afresh each time."""
    if settings.RELEASE:
        return settings.RELEASE
    if settings.DEBUG:
        return _development_release(int(time.monotonic()))
    return _content_release()


@lru_cache(maxsize=1)
def _development_release(second: int) -> str:
    """Development's release, looked at once a second."""
    return _digest(lambda path: str(path.stat().st_mtime_ns).encode())


@once
def _content_release() -> str:
    return _digest(lambda path: path.read_bytes())


def _digest(read: Callable[[Path], bytes]) -> str:
    digest = hashlib.sha256()
    for path in _source_files():
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode() + b"\0" + read(path))
    return digest.hexdigest()[:12]


def _source_files() -> list[Path]:
    roots = [Path(config.path) for config in apps.get_app_configs()]
    roots += [settings.BASE_DIR / "templates", *map(Path, settings.STATICFILES_DIRS)]
    roots = [root for root in roots if root.is_relative_to(settings.BASE_DIR) and "site-packages" not in root.parts]
    files = {path for root in roots for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    return sorted(files)


def _text(arg) -> str:
    if isinstance(arg, bool) or not isinstance(arg, KEYABLE):
        raise TypeError(f"{arg!r} cannot be part of a cache key: pass plain values (ids, dates, strings).")
    return arg.isoformat() if isinstance(arg, datetime.date) else str(arg)


def key(user, name: str, *args) -> str:
    """What a value computed for ``user`` depends on. Also an ETag's ground, for a response a
    browser keeps."""
    return ":".join(["val", release(), str(user.pk), str(user.data_version), name, *map(_text, args)])


def memoize(user, name: str, compute: Callable[[], T], *args) -> T:
    """``compute()`` for ``user``, from the cache while their data (and our release) is unchanged.
    ``args`` are everything else the value depends on. An exception (a 404) is never cached."""
    if not user.is_authenticated or _bypass.get():
        with timezone.override(clock.zone(user)):
            return compute()
    cache_key = key(user, name, *args)
    value = cache.get(cache_key, _MISSING)
    metrics.cache_read(name, hit=value is not _MISSING)
    if value is _MISSING:
        with timezone.override(clock.zone(user)):  # the same value from a request, a command or a worker
            value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value


def per_user(name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoize a selector ``f(user, *args)`` whose arguments are plain values (see ``KEYABLE``)."""

    def decorate(selector: Callable[..., T]) -> Callable[..., T]:
        @wraps(selector)
        def memoized(user, *args) -> T:
            return memoize(user, name, lambda: selector(user, *args), *args)

        return memoized

    return decorate


def revalidated_json(request: HttpRequest, name: str, body: Callable[[], str], *args) -> HttpResponse:
    """JSON a browser keeps (chart data): its ETag is the key of the memoized value ``name`` with
    ``args``, so it is revalidated, 304 Not Modified, until the data or the release changes; ``body()``
    (the memoized value) runs only when the browser's copy is stale."""
    etag = f'"{hashlib.sha256(key(request.user, name, *args).encode()).hexdigest()[:24]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body(), content_type="application/json")
    response["ETag"], response["Cache-Control"] = etag, "private, no-cache"
    return response


class WritesBypassCacheMiddleware:
    """A request that may write reads nothing from the cache: its ``request.user`` was loaded before
    the write, with the old data version, and a value keyed by it would show the data as it was."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _bypass.set(request.method not in ("GET", "HEAD", "OPTIONS"))
        try:
            return self.get_response(request)
        finally:
            _bypass.reset(token)
