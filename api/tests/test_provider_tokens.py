"""Access tokens issued by the sign-in provider for our API's audience, checked against the
stand-in provider's JWKS as the sign-in checks ID tokens; every wrong claim refused."""

import time

import jwt
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from motovault.tests.oidc_provider import KEY_ID

pytestmark = pytest.mark.django_db


def access_token(provider, *, key=None, algorithm="RS256", kid=KEY_ID, **claims) -> str:
    now = int(time.time())
    payload = {
        "iss": settings.OIDC_ISSUER, "aud": settings.OIDC_AUDIENCE, "sub": "auth0|alice",
        "iat": now, "exp": now + 600, "scope": "openid", **claims,
    }  # fmt: skip
    payload = {name: value for name, value in payload.items() if value is not None}
    return jwt.encode(payload, key or provider.signing_key, algorithm=algorithm, headers={"kid": kid})


def call(token: str):
    return Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/vehicles")


def test_the_providers_access_token_maps_to_the_user_by_issuer_and_subject(oidc_provider, django_user_model):
    alice = django_user_model.objects.create_user("alice", oidc_issuer=settings.OIDC_ISSUER, oidc_subject="auth0|alice")
    response = call(access_token(oidc_provider))
    assert response.status_code == 200 and response.json() == {"items": [], "next": None}
    assert get_user_model().objects.count() == 1 and alice.is_active


def test_a_first_call_makes_the_account_as_a_first_sign_in_would(oidc_provider):
    assert call(access_token(oidc_provider, sub="auth0|new")).status_code == 200
    assert get_user_model().objects.filter(oidc_issuer=settings.OIDC_ISSUER, oidc_subject="auth0|new").exists()


def _none_algorithm(provider) -> str:
    return jwt.encode(
        {"iss": settings.OIDC_ISSUER, "aud": settings.OIDC_AUDIENCE, "sub": "auth0|alice", "exp": time.time() + 600},
        None,
        algorithm="none",
        headers={"kid": KEY_ID},
    )


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: access_token(p, key=p.other_key), id="another key"),
        pytest.param(lambda p: access_token(p, aud=settings.OIDC_RP_CLIENT_ID), id="our client id as audience"),
        pytest.param(lambda p: access_token(p, aud="https://other-api.example.com"), id="another audience"),
        pytest.param(lambda p: access_token(p, iss="https://evil.example.com/"), id="another issuer"),
        pytest.param(lambda p: access_token(p, exp=int(time.time()) - 120), id="expired"),
        pytest.param(lambda p: access_token(p, exp=None), id="no expiry"),
        pytest.param(lambda p: access_token(p, sub=None), id="no subject"),
        pytest.param(lambda p: access_token(p, kid="unknown-key"), id="unknown key id"),
        pytest.param(_none_algorithm, id="alg none"),
        pytest.param(
            lambda p: access_token(p, key="shared-secret-of-at-least-32-bytes!", algorithm="HS256"), id="HS256"
        ),
    ],
)
def test_a_wrong_access_token_is_a_401(oidc_provider, django_user_model, make):
    django_user_model.objects.create_user("alice", oidc_issuer=settings.OIDC_ISSUER, oidc_subject="auth0|alice")
    response = call(make(oidc_provider))
    assert response.status_code == 401, response.content
    assert response.json()["detail"]


A_VEHICLE = {"year": 2020, "make": "Kia", "model": "Ceed", "distance_unit": "km", "volume_unit": "l",
             "economy_unit": "l_100km"}  # fmt: skip


@pytest.mark.parametrize(
    "claims, writes",
    [
        pytest.param({"scope": "openid profile"}, False, id="no write scope: reads"),
        pytest.param({"scope": "openid write"}, True, id="scope"),
        pytest.param({"scope": None, "scp": ["read", "write"]}, True, id="scp list"),
        pytest.param({"permissions": ["write"]}, True, id="Auth0 permissions"),
        pytest.param({"scope": "openid writer"}, False, id="a scope that only starts the same"),
    ],
)
def test_a_providers_token_writes_only_with_the_write_scope(oidc_provider, django_user_model, claims, writes):
    django_user_model.objects.create_user("alice", oidc_issuer=settings.OIDC_ISSUER, oidc_subject="auth0|alice")
    client = Client(headers={"Authorization": f"Bearer {access_token(oidc_provider, **claims)}"})
    response = client.post("/api/v1/vehicles", A_VEHICLE, content_type="application/json")
    assert response.status_code == (201 if writes else 403), response.content
    assert client.get("/api/v1/vehicles").status_code == 200


def test_with_no_write_scope_set_every_providers_token_writes(oidc_provider, django_user_model, settings):
    settings.OIDC_API_WRITE_SCOPE = ""
    django_user_model.objects.create_user("alice", oidc_issuer=settings.OIDC_ISSUER, oidc_subject="auth0|alice")
    client = Client(headers={"Authorization": f"Bearer {access_token(oidc_provider)}"})
    assert client.post("/api/v1/vehicles", A_VEHICLE, content_type="application/json").status_code == 201
