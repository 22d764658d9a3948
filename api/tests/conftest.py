import pytest
from django.test import Client

from api.models import AccessToken, Scope
from api.services import token_create


def make_token(user, scope: str = Scope.WRITE, **fields) -> str:
    return token_create(token=AccessToken(name="test", scope=scope, **fields), owner=user)


def bearer(token: str) -> Client:
    """A client that sends only the token (no session, no cookies)."""
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def api(owner) -> Client:
    """Alice's API client, with a read-and-write personal token."""
    return bearer(make_token(owner))


@pytest.fixture
def other_api(other_user) -> Client:
    return bearer(make_token(other_user))
