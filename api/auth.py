"""Who is calling the API: a personal access token, a provider-issued access token (a JWT), or
the browser's session (CSRF-checked on writes). Each request is then admitted or refused by the
limits: body size and requests a minute per caller (counted in Redis)."""

import datetime
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.utils import timezone
from django_redis import get_redis_connection
from ninja.security import HttpBearer, SessionAuth

from api.models import TOKEN_PREFIX, AccessToken, Scope, token_digest
from motovault import auth as oidc_auth
from motovault.clock import zone

logger = logging.getLogger(__name__)

# A token's last use is written at most this often (each request would otherwise be a write).
LAST_USED_EVERY = datetime.timedelta(minutes=1)


class Refused(Exception):
    """A request the API turns away: answered ``status`` with ``{"detail": message}``."""

    def __init__(self, status: int, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


@dataclass(frozen=True)
class Caller:
    """``request.auth`` of every API request."""

    user: object
    scope: str  # Scope.READ or Scope.WRITE
    key: str  # what the rate limit counts by

    def require_write(self) -> None:
        if self.scope != Scope.WRITE:
            raise Refused(403, "This token is read-only: make a read-and-write token to change records.")


def _admit(request: HttpRequest, caller: Caller) -> Caller:
    """The caller, once the request is within the limits; the rest of the request runs as them."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.API_MAX_BODY_BYTES:
        raise Refused(413, f"The request body is larger than {settings.API_MAX_BODY_BYTES} bytes.")
    _count(caller.key)
    request.user = caller.user
    timezone.activate(zone(caller.user))  # the middleware ran before we knew who this is
    return caller


def _count(key: str) -> None:
    """A fixed window a minute long; a Redis outage lets requests through (as the cache does)."""
    now = time.time()
    window = int(now // 60)
    name = cache.make_key(f"api-rate:{key}:{window}")
    try:
        redis = get_redis_connection("default")
        pipe = redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, 61)
        count, _ = pipe.execute()
    except Exception as exc:  # noqa: BLE001 - any Redis failure: not counted, logged
        logger.warning("API rate limit not counted: %s", exc)
        return
    if count > settings.API_RATE_PER_MINUTE:
        wait = max(1, int(60 - now % 60) + 1)
        raise Refused(429, f"More than {settings.API_RATE_PER_MINUTE} requests a minute.", {"Retry-After": str(wait)})


class Bearer(HttpBearer):
    """``Authorization: Bearer mvp_...`` (a personal token) or ``Bearer <JWT>`` (the provider's)."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        if token.startswith(TOKEN_PREFIX):
            return _admit(request, _personal(token))
        if token.count(".") == 2:
            return _admit(request, _provider(token))
        raise Refused(401, "Unknown kind of bearer token.")


def _personal(token: str) -> Caller:
    found = AccessToken.objects.select_related("owner").filter(digest=token_digest(token)).first()
    if found is None or not found.owner.is_active:
        raise Refused(401, "This token is not known.")
    if found.revoked_at is not None:
        raise Refused(401, "This token was revoked.")
    if found.expired:
        raise Refused(401, "This token has expired.")
    now = timezone.now()
    if found.last_used_at is None or found.last_used_at < now - LAST_USED_EVERY:
        AccessToken.objects.filter(pk=found.pk).update(last_used_at=now)
    return Caller(found.owner, found.scope, f"token:{found.pk}")


def _provider(token: str) -> Caller:
    try:
        claims = oidc_auth.verify_access_token(token)
    except SuspiciousOperation as exc:
        raise Refused(401, str(exc)) from exc
    except oidc_auth.PROVIDER_FAILURES as exc:
        logger.warning("API access token not checked, the provider is unreachable: %s", exc)
        raise Refused(503, "The sign-in provider cannot be reached to check this token; try again.") from exc
    user = oidc_auth.user_for_identity(claims["iss"], claims["sub"])
    if not user.is_active:
        raise Refused(401, "This account is disabled.")
    return Caller(user, Scope.WRITE if _grants_write(claims) else Scope.READ, f"user:{user.pk}")


def _grants_write(claims: dict) -> bool:
    """Whether the provider gave this token the API's write scope: in ``scope`` (space separated,
    RFC 8693), ``scp`` (a list or a string) or ``permissions`` (Auth0's RBAC)."""
    wanted = settings.OIDC_API_WRITE_SCOPE
    if not wanted:
        return True
    granted: set[str] = set()
    for name in ("scope", "scp", "permissions"):
        value = claims.get(name) or []
        granted |= set(value.split() if isinstance(value, str) else value)
    return wanted in granted


class Session(SessionAuth):
    """The signed-in browser (the docs page's "Try it out"); writes need the CSRF token, as any form."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        if not request.user.is_authenticated:
            return None
        return _admit(request, Caller(request.user, Scope.WRITE, f"user:{request.user.pk}"))
