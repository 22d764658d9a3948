"""Sign-in through OpenID Connect, our real client code against a stand-in provider."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def sign_in(client, *, state: str | None = None):
    """Walk the code flow: our redirect to the provider, its redirect back, our callback."""
    to_provider = client.get("/oidc/authenticate/")
    assert to_provider.status_code == 302
    back = requests.get(to_provider["Location"], allow_redirects=False, timeout=5)
    callback = urlsplit(back.headers["Location"])
    query = {key: values[0] for key, values in parse_qs(callback.query).items()}
    if state is not None:
        query["state"] = state
    return client.get(callback.path, query)


def test_the_authorization_request_carries_state_nonce_pkce_and_audience(client, oidc_provider):
    query = parse_qs(urlsplit(client.get("/oidc/authenticate/")["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0]
    assert query["audience"] == ["https://api.motovault.test"]
    assert query["scope"] == ["openid email profile"]


def test_first_sign_in_creates_the_user_by_issuer_and_subject(client, oidc_provider, settings):
    response = sign_in(client)
    assert response.status_code == 302 and response["Location"] == "/"
    user = get_user_model().objects.get()
    assert (user.oidc_issuer, user.oidc_subject) == (settings.OIDC_ISSUER, "auth0|alice")
    assert user.email == "alice@example.com" and user.first_name == "Alice"
    assert client.get("/").context["user"] == user


def test_a_changed_email_at_the_provider_keeps_the_same_account(client, oidc_provider):
    sign_in(client)
    client.logout()
    oidc_provider.user = {"sub": "auth0|alice", "email": "alice@new-employer.example", "name": "Alice"}
    sign_in(client)
    user = get_user_model().objects.get()
    assert user.email == "alice@new-employer.example"


def test_someone_else_with_the_same_email_gets_their_own_account(client, oidc_provider, owner):
    """Matching by e-mail would hand Alice's local account to whoever claims her address."""
    oidc_provider.user = {"sub": "github|mallory", "email": owner.email, "name": "Mallory"}
    sign_in(client)
    mallory = get_user_model().objects.get(oidc_subject="github|mallory")
    assert mallory != owner
    assert client.get("/").context["user"] == mallory


@pytest.mark.parametrize("tamper", ["other_key", "wrong_nonce", "wrong_audience", "expired", "wrong_issuer"])
def test_a_bad_id_token_is_refused_and_creates_no_user(client, oidc_provider, tamper):
    oidc_provider.tamper = tamper
    response = sign_in(client)
    assert response.status_code == 403
    assert "Sign-in failed" in response.content.decode()
    assert not get_user_model().objects.exists()
    assert not client.get("/").context["user"].is_authenticated


def test_a_forged_state_is_refused(client, oidc_provider):
    response = sign_in(client, state="forged-state")
    assert response.status_code == 403
    assert not get_user_model().objects.exists()


def test_sign_out_ends_our_session_and_the_providers(client, oidc_provider, settings):
    sign_in(client)
    response = client.post("/accounts/logout/")
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}/" == settings.OIDC_ISSUER
    assert location.path == "/session/end"
    query = parse_qs(location.query)
    assert query["id_token_hint"][0].count(".") == 2
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert not client.get("/").context["user"].is_authenticated


def test_discovery_and_jwks_are_fetched_once_then_served_from_the_cache(client, oidc_provider, monkeypatch):
    calls = []
    real_get = requests.get
    monkeypatch.setattr(requests, "get", lambda url, **kw: calls.append(url) or real_get(url, **kw))
    sign_in(client)
    client.logout()
    sign_in(client)
    assert sum(url.endswith("/jwks") for url in calls) == 1
    assert sum(url.endswith("/.well-known/openid-configuration") for url in calls) == 1


def test_a_sign_in_start_that_never_comes_back_expires_with_the_sign_in(client, oidc_provider, settings):
    """Every signed-out GET of /oidc/authenticate/ stores a session (a row and a Redis key) holding
    the sign-in's state: it must not be kept two weeks."""
    from django.contrib.sessions.models import Session
    from django.core.cache import cache
    from django.utils import timezone

    client.get("/oidc/authenticate/")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    row = Session.objects.get(session_key=key)
    assert row.expire_date <= timezone.now() + timezone.timedelta(seconds=settings.OIDC_SIGN_IN_SECONDS)
    assert 0 < cache.ttl(f"django.contrib.sessions.cached_db{key}") <= settings.OIDC_SIGN_IN_SECONDS
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.OIDC_SIGN_IN_SECONDS


def test_a_completed_sign_in_gets_the_usual_session_lifetime(client, oidc_provider, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    assert sign_in(client).status_code == 302
    row = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    assert row.expire_date > timezone.now() + timezone.timedelta(days=13)
    assert row.get_decoded().get("_auth_user_id")
