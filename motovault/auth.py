"""Sign-in through Auth0 or any OpenID Connect provider (mozilla-django-oidc, hardened).

The library leaves the ID token's audience, issuer and expiry unchecked and matches users by
e-mail; here the token is fully verified and a user is the pair (issuer, subject). Endpoints come
from the provider's discovery document (motovault/oidc.py), looked up when a sign-in needs them.
"""

import base64
import hashlib
import logging
from urllib.parse import quote_plus, urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from motovault import metrics, oidc

logger = logging.getLogger(__name__)

# What can go wrong talking to the provider: it is down, or it answers nonsense.
PROVIDER_FAILURES = (requests.RequestException, ValueError, ImproperlyConfigured)


class OIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs) -> None:
        """Django makes a backend for every signed-in request: it must not need the provider."""
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:
        return oidc.endpoint("OIDC_OP_TOKEN_ENDPOINT")

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str:
        return oidc.endpoint("OIDC_OP_USER_ENDPOINT")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:
        return oidc.endpoint("OIDC_OP_JWKS_ENDPOINT")

    def get_token(self, payload: dict) -> dict:
        """The token request, with the client's credentials where OIDC_TOKEN_AUTH_METHOD says:
        in the body (client_secret_post) or as HTTP Basic whose user and password are first
        form-encoded (client_secret_basic, RFC 6749 section 2.3.1; requests' own Basic auth skips
        that step, which breaks secrets holding ``:``, ``+`` or ``%``)."""
        headers = {}
        if settings.OIDC_TOKEN_AUTH_METHOD == "client_secret_basic":
            payload = {key: value for key, value in payload.items() if key != "client_secret"}
            pair = f"{quote_plus(self.OIDC_RP_CLIENT_ID)}:{quote_plus(self.OIDC_RP_CLIENT_SECRET)}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        response = requests.post(
            self.OIDC_OP_TOKEN_ENDPOINT, data=payload, headers=headers, timeout=settings.OIDC_TIMEOUT
        )
        self.raise_token_response_error(response)
        return response.json()

    def get_payload_data(self, token: str, key, audience: str = "") -> dict:
        """Verify signature, algorithm, audience (ours as a client, unless ``audience`` is given:
        an API's access token), issuer and expiry of a token from the provider."""
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=audience or self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
                leeway=30,
            )
        except jwt.InvalidTokenError as exc:
            kind = "access" if audience else "ID"
            raise SuspiciousOperation(f"The provider's {kind} token was refused: {exc}") from exc

    def retrieve_matching_jwk(self, token: str) -> jwt.PyJWK:
        """The key that signed ``token``, from the provider's JWKS (cached for an hour, and
        fetched again once when the key id is unknown, so a key rotation needs no restart)."""
        header = jwt.get_unverified_header(token)
        for refresh in (False, True):
            for jwk in self._jwks(refresh).get("keys", []):
                if jwk.get("kid") == header.get("kid") and jwk.get("alg", header.get("alg")) == header.get("alg"):
                    return jwt.PyJWK(jwk)
        raise SuspiciousOperation("The ID token's signing key is not one of the provider's keys.")

    def _jwks(self, refresh: bool) -> dict:
        cache_key = "oidc:jwks:" + hashlib.sha256(self.OIDC_OP_JWKS_ENDPOINT.encode()).hexdigest()[:16]
        jwks = None if refresh else cache.get(cache_key)
        if jwks is None:
            response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            jwks = response.json()
            cache.set(cache_key, jwks, settings.OIDC_JWKS_CACHE_SECONDS)
        return jwks

    def verify_claims(self, claims: dict) -> bool:
        """A subject is all we need; an account without e-mail (phone sign-in) is fine."""
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict):
        """Find the user by (issuer, subject) from the verified ID token, never by e-mail."""
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub", payload["sub"]) != payload["sub"]:
            raise SuspiciousOperation("The userinfo subject differs from the ID token's.")
        claims = {**userinfo, **payload}
        return self.update_user(user_for_identity(payload["iss"], payload["sub"]), claims)

    def update_user(self, user, claims: dict):
        """Keep the profile in step with the provider; the identity itself never changes."""
        profile = {
            "email": claims.get("email", "") if claims.get("email_verified", True) else user.email,
            "first_name": (claims.get("given_name") or claims.get("name") or "")[:150],
            "last_name": (claims.get("family_name") or "")[:150],
        }
        changed = [field for field, value in profile.items() if getattr(user, field) != value]
        for field in changed:
            setattr(user, field, profile[field])
        if changed:
            user.save(update_fields=changed)
        return user


def user_for_identity(issuer: str, subject: str):
    """The user a verified token names, made on their first sign-in (or first API call)."""
    User = get_user_model()
    identity = {"oidc_issuer": issuer, "oidc_subject": subject}
    user = User.objects.filter(**identity).first()
    if user is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(username=_username(**identity), **identity)
        except IntegrityError:  # the same person's first sign-in in two tabs at once
            user = User.objects.get(**identity)
    return user


def verify_access_token(token: str) -> dict:
    """The claims of an access token the provider issued for our API (``OIDC_AUDIENCE``), checked
    as the sign-in checks ID tokens: the key from the cached JWKS, algorithm, audience, issuer and
    expiry. Raises SuspiciousOperation when refused, PROVIDER_FAILURES when the provider is down."""
    if not (settings.OIDC_ENABLED and settings.OIDC_AUDIENCE):
        raise SuspiciousOperation("No provider's access tokens are accepted here (OIDC_AUDIENCE is not set).")
    backend = OIDCBackend()
    try:
        key = backend.retrieve_matching_jwk(token)
    except jwt.InvalidTokenError as exc:  # not even a JWT's header
        raise SuspiciousOperation(f"The provider's access token was refused: {exc}") from exc
    return backend.get_payload_data(token, key, audience=settings.OIDC_AUDIENCE)


def _username(oidc_issuer: str, oidc_subject: str) -> str:
    return "oidc-" + hashlib.sha256(f"{oidc_issuer}|{oidc_subject}".encode()).hexdigest()[:24]


def _refused(
    request: HttpRequest, reason: str, *, code: str, provider_said: str = "", status: int = 403
) -> HttpResponse:
    """One log line for every refused sign-in (with the request id, from the log filter), and
    the page that says so. The provider's own words are shown only when ``provider_said`` is
    given, that is when the answer belongs to a sign-in this browser started."""
    logger.warning("OIDC sign-in refused: %s", reason, extra={"event": "oidc_refused", "reason": reason})
    metrics.sign_in_refused("oidc", code)  # ``code``: one of metrics.REFUSAL_REASONS, never the text
    context = {"provider_said": provider_said[:300]}
    return render(request, "motovault/login_failed.html", context, status=status)


class AuthenticationRequestView(OIDCAuthenticationRequestView):
    """The sign-in button's target: off to the provider's authorization endpoint. The library keeps
    the request's state, nonce and PKCE verifier in the session; for a signed-out visitor that makes
    a session (a row and a Redis key) that would otherwise be kept two weeks. It lasts as long as a
    sign-in may take, so starts that never come back cost little and expire soon (``clearsessions``
    purges the rows)."""

    def __init__(self, **kwargs) -> None:
        View.__init__(self, **kwargs)  # the endpoint is looked up in get(), where a failure is handled
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc.endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except PROVIDER_FAILURES as exc:
            reason = f"the provider's discovery document cannot be read: {exc}"
            return _refused(request, reason, code="provider_unreachable", status=503)
        response = super().get(request)
        if not request.user.is_authenticated:
            request.session.set_expiry(settings.OIDC_SIGN_IN_SECONDS)
        return response


def full_session_once_signed_in(sender, request: HttpRequest | None, **kwargs) -> None:
    """Signing in keeps the session's data, its short expiry too: give it the usual lifetime.
    Connected to ``user_logged_in`` (apps.py)."""
    if request is not None and hasattr(request, "session"):
        request.session.set_expiry(None)


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's redirect back to us; every refusal is logged with its reason and gets a
    page that says what happened."""

    def get(self, request: HttpRequest) -> HttpResponse:
        state = request.GET.get("state", "")
        started = state in request.session.get("oidc_states", {})
        if request.GET.get("error"):
            if not started:
                # Anyone can link here: a foreign error neither signs the user out nor speaks for us.
                reason = "a provider error for a sign-in this browser did not start (unknown state)"
                return _refused(request, reason, code="unknown_state")
            error = request.GET["error"]
            description = request.GET.get("error_description", "")
            del request.session["oidc_states"][state]  # a state serves once, even for an error
            request.session.modified = True
            auth.logout(request)
            reason = (f"the provider answered {error}" + (f": {description}" if description else ""))[:400]
            said = f"{error}: {description}" if description else error
            return _refused(request, reason, code="provider_error", provider_said=said)
        if "code" in request.GET and not started:
            reason = "unknown state (a sign-in this browser did not start, or one already used)"
            return _refused(request, reason, code="unknown_state")
        try:
            response = super().get(request)
        except SuspiciousOperation as exc:
            return _refused(request, str(exc), code="token_refused")
        except PROVIDER_FAILURES + (KeyError,) as exc:
            reason = f"the provider could not be reached or answered nonsense: {exc}"
            return _refused(request, reason, code=metrics.refusal_reason(exc))
        return response

    def login_failure(self) -> HttpResponse:
        reason = "the provider's answer did not sign anyone in (no code, or an inactive user)"
        return _refused(self.request, reason, code="no_user")


def provider_logout_url(request: HttpRequest) -> str:
    """Where sign-out goes after ending our session: the provider's end-session page, so the
    next sign-in asks for credentials again, then back to our home page."""
    id_token = request.session.get("oidc_id_token")
    home = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    if not (settings.OIDC_ENABLED and id_token):
        return home
    try:
        end_session = oidc.endpoint("OIDC_OP_END_SESSION_ENDPOINT")
    except PROVIDER_FAILURES as exc:
        logger.warning("OIDC end-session endpoint unknown, signed out here only: %s", exc)
        return home
    if not end_session:
        return home
    query = urlencode(
        {"id_token_hint": id_token, "client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": home}
    )
    return f"{end_session}?{query}"
