"""The client's real address and scheme behind a reverse proxy we trust, and only behind it."""

import ipaddress
from functools import cached_property

from django.conf import settings
from django.http import HttpRequest, HttpResponse

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


class TrustedProxyMiddleware:
    """Behind Traefik ``REMOTE_ADDR`` is Traefik: the client is the right-most address of
    ``X-Forwarded-For`` that is not one of our proxies (left of it, anyone can write anything).
    A request that does not come from a trusted proxy has its forwarded headers removed, so
    nobody reaching the app directly can claim HTTPS or another address (the sign-in rate
    limit counts by this address)."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [ipaddress.ip_network(cidr, strict=False) for cidr in settings.TRUSTED_PROXIES]

    def trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.strip())
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        meta = request.META
        if not self.trusted(meta.get("REMOTE_ADDR", "")):
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        elif forwarded := meta.get("HTTP_X_FORWARDED_FOR", ""):
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            client = next((hop for hop in reversed(hops) if not self.trusted(hop)), hops[0] if hops else None)
            if client:
                meta["REMOTE_ADDR"] = client
        return self.get_response(request)
