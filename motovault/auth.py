"""Sign-in through Auth0 or any OpenID Connect provider (mozilla-django-oidc, hardened).

The library leaves the ID token's audience, issuer and expiry unchecked and matches users by
e-mail; here the token is fully verified and a user is the pair (issuer, subject).
"""

import hashlib
import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from motovault import metrics

logger = logging.getLogger(__name__)


class OIDCBackend(OIDCAuthenticationBackend):
    def get_payload_data(self, token: str, key) -> dict:
        """Verify signature, algorithm, audience, issuer and expiry of a token from the provider."""
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
                leeway=30,
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"The provider's ID token was refused: {exc}") from exc

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
        User = get_user_model()
        identity = {"oidc_issuer": payload["iss"], "oidc_subject": payload["sub"]}
        user = User.objects.filter(**identity).first()
        if user is None:
            try:
                with transaction.atomic():
                    user = User.objects.create_user(username=_username(**identity), **identity)
            except IntegrityError:  # the same person's first sign-in in two tabs at once
                user = User.objects.get(**identity)
        return self.update_user(user, claims)

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


def _username(oidc_issuer: str, oidc_subject: str) -> str:
    return "oidc-" + hashlib.sha256(f"{oidc_issuer}|{oidc_subject}".encode()).hexdigest()[:24]


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's redirect back to us; any refusal gets a page that says what happened."""

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException, KeyError) as exc:
            logger.warning("OIDC sign-in refused: %s", exc)
            return self.login_failure(reason=metrics.refusal_reason(exc))

    def login_failure(self, reason: str = "provider_error") -> HttpResponse:
        metrics.sign_in_refused("oidc", reason)
        return render(
            self.request,
            "motovault/login_failed.html",
            {"error": self.request.GET.get("error_description") or self.request.GET.get("error")},
            status=403,
        )


def provider_logout_url(request: HttpRequest) -> str:
    """Where sign-out goes after ending our session: the provider's end-session page, so the
    next sign-in asks for credentials again, then back to our home page."""
    id_token = request.session.get("oidc_id_token")
    home = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    if not (settings.OIDC_ENABLED and id_token):
        return home
    query = urlencode(
        {"id_token_hint": id_token, "client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": home}
    )
    return f"{settings.OIDC_OP_END_SESSION_ENDPOINT}?{query}"
