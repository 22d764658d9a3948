"""Invitation links: an administrator makes one in the admin, a household member sets a password
with it and is signed in; a link works once, expires, and says nothing to a guesser."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.utils import timezone

from accounts.models import Invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "root-password-1")
    client.force_login(admin)
    return client


def make_link(admin_client, username: str = "bob") -> str:
    response = admin_client.post("/admin/accounts/invitation/add/", {"username": username, "email": "bob@example.com"})
    assert response.status_code == 302
    said = " ".join(str(message) for message in get_messages(response.wsgi_request))
    return re.search(r"http://testserver(/invitation/[^/]+/)", said)[1]


def test_an_administrator_makes_a_link_and_only_its_digest_is_stored(admin_client):
    link = make_link(admin_client)
    token = link.split("/")[2]
    invitation = Invitation.objects.get()
    assert token not in invitation.token_digest and invitation.created_by.username == "root"


def test_the_link_sets_a_password_and_signs_the_member_in(admin_client, client):
    link = make_link(admin_client)
    client.logout()
    assert "You have been invited as" in client.get(link).content.decode()
    response = client.post(link, {"password1": "long-family-phrase-9", "password2": "long-family-phrase-9"})
    assert response.status_code == 302
    bob = get_user_model().objects.get(username="bob")
    assert bob.check_password("long-family-phrase-9") and bob.email == "bob@example.com"
    assert client.get("/").context["user"] == bob
    assert Invitation.objects.get().used_at is not None
    client.logout()
    assert client.get(link).status_code == 404


def test_a_weak_or_mismatched_password_is_said_beside_the_field_and_creates_nothing(admin_client, client):
    link = make_link(admin_client)
    response = client.post(link, {"password1": "bob", "password2": "bob"})
    assert response.status_code == 200 and "field-error" in response.content.decode()
    response = client.post(link, {"password1": "long-family-phrase-9", "password2": "other-family-phrase-9"})
    assert "The two passwords differ." in response.content.decode()
    assert not get_user_model().objects.filter(username="bob").exists()


def test_an_expired_or_unknown_link_is_a_404(admin_client, client):
    link = make_link(admin_client)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(link).status_code == 404
    assert client.get("/invitation/made-up-token/").status_code == 404


def test_links_are_refused_when_password_sign_in_is_off(admin_client, client, settings):
    link = make_link(admin_client)
    settings.PASSWORD_LOGIN_ENABLED = False
    assert client.get(link).status_code == 404


def test_an_invitation_for_an_existing_username_is_refused_beside_the_field(admin_client, owner):
    response = admin_client.post("/admin/accounts/invitation/add/", {"username": "Alice", "email": ""})
    assert response.status_code == 200
    assert "An account with this username exists already." in response.content.decode()
    assert not Invitation.objects.exists()
