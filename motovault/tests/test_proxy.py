"""The client's address and scheme behind Traefik, believed only from a trusted proxy."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from motovault.proxy import TrustedProxyMiddleware


@pytest.fixture
def seen(settings):
    settings.TRUSTED_PROXIES = ["172.16.0.0/12"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    requests = []
    middleware = TrustedProxyMiddleware(lambda request: requests.append(request) or HttpResponse())

    def through(remote_addr: str, **headers: str):
        middleware(RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers))
        return requests[-1]

    return through


def test_from_the_proxy_the_client_is_the_right_most_untrusted_hop(seen):
    request = seen("172.18.0.5", x_forwarded_for="6.6.6.6, 203.0.113.7", x_forwarded_proto="https")
    assert request.META["REMOTE_ADDR"] == "203.0.113.7" and request.is_secure()


def test_a_chain_of_trusted_proxies_is_skipped(seen):
    request = seen("172.18.0.5", x_forwarded_for="203.0.113.7, 172.18.0.9")
    assert request.META["REMOTE_ADDR"] == "203.0.113.7"


def test_from_anyone_else_the_forwarded_headers_are_dropped(seen):
    request = seen("203.0.113.50", x_forwarded_for="10.0.0.1", x_forwarded_proto="https")
    assert request.META["REMOTE_ADDR"] == "203.0.113.50" and not request.is_secure()
    assert "HTTP_X_FORWARDED_FOR" not in request.META
