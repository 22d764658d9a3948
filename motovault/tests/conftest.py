import pytest
from django.conf import settings

from motovault.tests.oidc_provider import StandInProvider, serve


@pytest.fixture(scope="session")
def _provider_server():
    provider = StandInProvider(
        issuer=settings.OIDC_ISSUER, client_id=settings.OIDC_RP_CLIENT_ID, client_secret=settings.OIDC_RP_CLIENT_SECRET
    )
    server = serve(provider, settings.OIDC_TEST_PORT)
    yield provider
    server.shutdown()


@pytest.fixture
def oidc_provider(_provider_server):
    """The stand-in provider, behaving well and with Alice as the person signing in."""
    _provider_server.reset()
    return _provider_server
