"""Log lines: JSON, with the request id and a truncated user id, and never a VIN."""

import io
import json
import logging

import pytest

from motovault.logs import ContextFilter, redact

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines(settings):
    """What the request logger writes, through the formatter and filter production uses."""
    from pythonjsonlogger.json import JsonFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        JsonFormatter(**{k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"})
    )
    handler.addFilter(ContextFilter())
    logger = logging.getLogger("motovault.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_an_incoming_request_id_is_kept_logged_and_returned(client, log_lines):
    response = client.get("/health", headers={"X-Request-ID": "edge-1234"})
    assert response["X-Request-ID"] == "edge-1234"
    (line,) = log_lines()
    assert line["request_id"] == "edge-1234"
    assert line["status"] == 200 and line["path"] == "/health" and line["level"] == "INFO"


def test_a_request_id_is_made_when_none_or_a_malformed_one_comes(client, log_lines):
    first = client.get("/health")["X-Request-ID"]
    second = client.get("/health", headers={"X-Request-ID": "bad id\nwith newline"})["X-Request-ID"]
    assert len(first) == 32 and len(second) == 32 and first != second
    assert [line["request_id"] for line in log_lines()] == [first, second]


def test_the_user_id_is_truncated(owner_client, owner, log_lines):
    owner.oidc_issuer, owner.oidc_subject = "https://tenant.auth0.com/", "auth0|65f1c0ffee1234567890abcd"
    owner.save()
    owner_client.get("/")
    (line,) = log_lines()
    assert line["user_id"] == "auth0|65f1c0"


def test_a_vin_in_the_path_never_reaches_the_log(client, log_lines):
    client.get("/no-such-page/1M8GDM9AXKP042788/")
    text = json.dumps(log_lines())
    assert "1M8GDM9AXKP042788" not in text and "[VIN]" in text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("decoding 1M8GDM9AXKP042788 now", "decoding [VIN] now"),
        ("lower case 1m8gdm9axkp042788", "lower case [VIN]"),
        ("a request id 0f8c1d2e3a4b5c6d7e8f9a0b1c2d3e4f stays", "a request id 0f8c1d2e3a4b5c6d7e8f9a0b1c2d3e4f stays"),
        ("seventeen letters ABCDEFGHJKLMNPRST stay", "seventeen letters ABCDEFGHJKLMNPRST stay"),
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected
