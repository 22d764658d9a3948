"""Personal access tokens: made on the API page and shown once, stored as a digest, scoped,
expiring, revocable; the limits every token is held to."""

import datetime
import re

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from api.models import AccessToken, Scope, token_digest
from api.tests.conftest import bearer, make_token

pytestmark = pytest.mark.django_db


def test_a_token_made_on_the_page_is_shown_once_and_stored_as_a_digest(owner_client, owner):
    response = owner_client.post(
        "/account/api/tokens/", {"name": "Home Assistant", "scope": "read", "expires_in": "30"}
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    secret = re.search(r'value="(mvp_[\w-]+)"', response.content.decode()).group(1)
    stored = AccessToken.objects.get(owner=owner)
    assert stored.digest == token_digest(secret) and secret not in str(vars(stored))
    assert stored.scope == Scope.READ and stored.expires_at.date() == (timezone.now() + datetime.timedelta(30)).date()
    assert secret not in owner_client.get("/account/api/").content.decode()
    assert bearer(secret).get("/api/v1/vehicles").status_code == 200
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_a_read_only_token_reads_but_cannot_write(owner, vehicle):
    client = bearer(make_token(owner, Scope.READ))
    assert client.get(f"/api/v1/vehicles/{vehicle.pk}").status_code == 200
    response = client.delete(f"/api/v1/vehicles/{vehicle.pk}")
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    body = {"date": "2026-01-01", "odometer": 5}
    assert client.post(f"/api/v1/vehicles/{vehicle.pk}/odometer-readings", body, "application/json").status_code == 403
    vehicle.refresh_from_db()
    assert vehicle.deleted_at is None


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"expires_at": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)}, "This token has expired."),
        ({"revoked_at": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)}, "This token was revoked."),
    ],
)
def test_an_expired_or_revoked_token_is_a_401(owner, fields, message):
    response = bearer(make_token(owner, **fields)).get("/api/v1/vehicles")
    assert response.status_code == 401 and response.json() == {"detail": message}


@pytest.mark.parametrize(
    "header", ["", "Bearer", "Bearer mvp_not-a-token", "Bearer nonsense", "Basic YWxpY2U6cHc=", "Bearer a.b.c"]
)
def test_a_missing_or_malformed_token_is_a_401_with_a_json_body(owner, header):
    client = Client(headers={"Authorization": header} if header else {})
    response = client.get("/api/v1/vehicles")
    assert response.status_code == 401 and response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_revoking_on_the_page_stops_the_token_and_only_the_owner_may(owner_client, other_client, owner):
    secret = make_token(owner)
    token = AccessToken.objects.get(owner=owner)
    assert other_client.post(f"/account/api/tokens/{token.pk}/revoke/").status_code == 404
    assert bearer(secret).get("/api/v1/vehicles").status_code == 200
    assert owner_client.post(f"/account/api/tokens/{token.pk}/revoke/").status_code == 302
    assert bearer(secret).get("/api/v1/vehicles").status_code == 401


@override_settings(API_RATE_PER_MINUTE=3)
def test_requests_past_the_rate_a_minute_are_a_429_with_retry_after(owner, other_user):
    client = bearer(make_token(owner))
    assert [client.get("/api/v1/vehicles").status_code for _ in range(4)] == [200, 200, 200, 429]
    response = client.get("/api/v1/vehicles")
    assert response.status_code == 429 and 1 <= int(response["Retry-After"]) <= 61
    assert bearer(make_token(other_user)).get("/api/v1/vehicles").status_code == 200  # each token its own count


@override_settings(API_MAX_BODY_BYTES=100)
def test_a_body_past_the_limit_is_a_413(api, vehicle):
    body = {"date": "2026-01-01", "odometer": 5, "notes": "x" * 200}
    response = api.post(f"/api/v1/vehicles/{vehicle.pk}/odometer-readings", body, "application/json")
    assert response.status_code == 413


def test_the_session_may_read_but_must_send_the_csrf_token_to_write(owner, vehicle):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    assert browser.get("/api/v1/vehicles").status_code == 200
    response = browser.delete(f"/api/v1/vehicles/{vehicle.pk}")
    assert response.status_code == 403
    vehicle.refresh_from_db()
    assert vehicle.deleted_at is None


def test_a_bearer_request_needs_no_csrf_token(owner, vehicle):
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {make_token(owner)}"})
    assert client.delete(f"/api/v1/vehicles/{vehicle.pk}").status_code == 204


def test_a_bad_token_form_says_why_beside_the_field(owner_client, owner):
    response = owner_client.post("/account/api/tokens/", {"name": "  ", "scope": "admin"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page and "Select a valid choice." in page
    assert not AccessToken.objects.exists()


def test_deleting_the_account_takes_its_tokens_webhooks_and_deliveries(owner, other_user, vehicle):
    from accounts.services import account_delete
    from api.models import Delivery, Webhook
    from api.services import webhook_create, webhook_test

    make_token(owner)
    make_token(other_user)
    webhook_test(webhook=webhook_create(webhook=Webhook(url="https://example.com/hook"), owner=owner))
    account_delete(user=owner)
    assert list(AccessToken.objects.values_list("owner", flat=True)) == [other_user.pk]
    assert not Webhook.objects.exists() and not Delivery.objects.exists()
