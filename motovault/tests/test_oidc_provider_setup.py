"""What trips an operator configuring a provider: discovery, the issuer's exact spelling, the
token endpoint's client authentication, provider errors from foreign links, refusals in the log."""

import json
import logging
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError, SystemCheckError

from motovault import checks, oidc
from motovault.tests.test_oidc import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def refusals(caplog):
    """The refused sign-ins logged by motovault.auth, as (reason, request id) pairs."""
    caplog.set_level(logging.WARNING, logger="motovault.auth")

    def lines() -> list[tuple[str, str]]:
        return [(r.reason, r.request_id) for r in caplog.records if getattr(r, "event", "") == "oidc_refused"]

    return lines


def test_the_issuer_alone_configures_every_endpoint_from_discovery(client, oidc_provider, settings):
    """The stand-in names its endpoints /auth, /token, /me, /jwks, /session/end (not Auth0's)."""
    location = urlsplit(client.get("/oidc/authenticate/")["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == settings.OIDC_ISSUER + "auth"
    assert sign_in(client).status_code == 302
    assert get_user_model().objects.get().oidc_subject == "auth0|alice"


def test_an_issuer_without_a_trailing_slash_still_finds_the_documents(client, oidc_provider, settings):
    """Auth0's paths glued to such an issuer sent browsers to http://host:portauthorize."""
    settings.OIDC_ISSUER = settings.OIDC_ISSUER.rstrip("/")
    location = client.get("/oidc/authenticate/")["Location"]
    assert location.startswith(settings.OIDC_ISSUER + "/auth?")


def test_an_endpoint_variable_overrides_discovery(client, oidc_provider, settings):
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example.com/custom/authorize"
    assert client.get("/oidc/authenticate/")["Location"].startswith("https://login.example.com/custom/authorize?")


def test_the_secret_goes_in_the_form_body_by_default(client, oidc_provider):
    sign_in(client)
    assert oidc_provider.token_auth == ["client_secret_post"]


def test_client_secret_basic_form_encodes_the_credentials(client, oidc_provider, settings):
    """RFC 6749 2.3.1: id and secret are form-encoded before Base64, so ':' '+' '%' survive."""
    settings.OIDC_TOKEN_AUTH_METHOD = "client_secret_basic"
    settings.OIDC_RP_CLIENT_SECRET = oidc_provider.client_secret = "s3cr:et+with%odd chars"
    try:
        response = sign_in(client)
    finally:
        oidc_provider.client_secret = "test-client-secret"
    assert response.status_code == 302
    assert oidc_provider.token_auth == ["client_secret_basic"]
    assert get_user_model().objects.exists()


def test_a_provider_error_with_a_foreign_state_neither_signs_out_nor_shows_its_text(
    owner_client, oidc_provider, refusals
):
    response = owner_client.get(
        "/oidc/callback/",
        {"error": "access_denied", "error_description": "Your account is suspended, call +1 555 0100", "state": "x"},
    )
    assert response.status_code == 403
    assert "suspended" not in response.content.decode()
    assert owner_client.get("/").context["user"].is_authenticated
    ((reason, request_id),) = refusals()
    assert "did not start" in reason and request_id == response["X-Request-ID"]


def test_a_provider_error_without_state_is_refused_the_same_way(owner_client, oidc_provider, refusals):
    response = owner_client.get("/oidc/callback/", {"error": "access_denied", "error_description": "<b>Hi</b>"})
    assert response.status_code == 403 and "Hi" not in response.content.decode()
    assert owner_client.get("/").context["user"].is_authenticated
    assert len(refusals()) == 1


def test_a_provider_error_for_our_own_sign_in_is_shown_escaped_and_attributed(client, oidc_provider, refusals):
    """The user cancelled at the provider: its words are shown, as the provider's, escaped."""
    state = parse_qs(urlsplit(client.get("/oidc/authenticate/")["Location"]).query)["state"][0]
    response = client.get(
        "/oidc/callback/",
        {"error": "access_denied", "error_description": "<script>x</script> cancelled", "state": state},
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "&lt;script&gt;x&lt;/script&gt; cancelled" in page and "<script>x</script>" not in page
    assert "comes from Test provider, not from MotoVault" in page
    ((reason, request_id),) = refusals()
    assert "access_denied" in reason and request_id == response["X-Request-ID"]
    # The state served once: the same answer again is a foreign one.
    again = client.get(
        "/oidc/callback/", {"error": "access_denied", "error_description": "replayed words", "state": state}
    )
    assert "replayed words" not in again.content.decode()


def test_an_unknown_state_is_logged_with_its_reason(client, oidc_provider, refusals):
    response = sign_in(client, state="forged-state")
    assert response.status_code == 403
    ((reason, _),) = refusals()
    assert "unknown state" in reason


def test_a_bad_token_is_logged_with_its_reason(client, oidc_provider, refusals):
    oidc_provider.tamper = "wrong_audience"
    sign_in(client)
    ((reason, _),) = refusals()
    assert "ID token was refused" in reason and "audience" in reason.lower()


def test_a_provider_that_is_down_is_a_page_and_a_log_line_not_a_500(client, oidc_provider, refusals, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/"  # nothing listens on the discard port
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 503
    assert "Sign-in failed" in response.content.decode()
    ((reason, _),) = refusals()
    assert "discovery document cannot be read" in reason


def test_a_provider_down_at_the_token_step_is_logged(client, oidc_provider, refusals, settings):
    to_provider = client.get("/oidc/authenticate/")
    back = requests.get(to_provider["Location"], allow_redirects=False, timeout=5)
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"
    query = {k: v[0] for k, v in parse_qs(urlsplit(back.headers["Location"]).query).items()}
    response = client.get("/oidc/callback/", query)
    assert response.status_code == 403
    ((reason, _),) = refusals()
    assert "could not be reached" in reason


@pytest.mark.parametrize(
    ("configured", "discovered", "expected"),
    [
        ("https://id.example.com/", "https://id.example.com/", None),
        ("https://id.example.com", "https://id.example.com/", "the provider's ends with a slash"),
        ("https://id.example.com/", "https://id.example.com", "the provider's does not end with a slash"),
        ("https://old.example.com/", "https://id.example.com/", "Set OIDC_ISSUER to 'https://id.example.com/'"),
    ],
)
def test_the_issuer_difference_says_what_differs(configured, discovered, expected):
    difference = oidc.issuer_difference(configured, discovered)
    assert difference is None if expected is None else expected in difference


def test_check_deploy_names_an_issuer_that_differs_from_the_providers(oidc_provider, settings):
    oidc_provider.discovered_issuer = settings.OIDC_ISSUER.rstrip("/")
    (error,) = checks.oidc_issuer_matches_the_provider(None)
    assert error.id == "motovault.E001" and "does not end with a slash" in error.msg
    with pytest.raises(SystemCheckError, match="does not end with a slash"):
        call_command("check", deploy=True)


def test_check_passes_when_the_issuer_matches(oidc_provider):
    assert checks.oidc_issuer_matches_the_provider(None) == []


def test_moving_users_to_a_new_issuer_keeps_their_accounts(oidc_provider, settings, capsys):
    User = get_user_model()
    old, new = "https://old.example.com/", settings.OIDC_ISSUER
    alice = User.objects.create_user("a", oidc_issuer=old, oidc_subject="auth0|alice")
    other = User.objects.create_user("b", oidc_issuer="https://elsewhere.example/", oidc_subject="auth0|bob")
    call_command("move_oidc_issuer", old, new)
    alice.refresh_from_db()
    other.refresh_from_db()
    assert alice.oidc_issuer == new and other.oidc_issuer == "https://elsewhere.example/"
    assert "Moved 1 user" in capsys.readouterr().out


def test_moving_users_refuses_when_the_new_issuer_already_knows_a_subject(oidc_provider, settings):
    User = get_user_model()
    old, new = "https://old.example.com/", settings.OIDC_ISSUER
    User.objects.create_user("a", oidc_issuer=old, oidc_subject="auth0|alice")
    User.objects.create_user("a2", oidc_issuer=new, oidc_subject="auth0|alice")
    with pytest.raises(CommandError, match="auth0|alice"):
        call_command("move_oidc_issuer", old, new)
    assert User.objects.filter(oidc_issuer=old).count() == 1


def test_moving_users_dry_run_changes_nothing(oidc_provider, settings, capsys):
    User = get_user_model()
    User.objects.create_user("a", oidc_issuer="https://old.example.com/", oidc_subject="auth0|alice")
    call_command("move_oidc_issuer", "https://old.example.com/", settings.OIDC_ISSUER, dry_run=True)
    assert User.objects.filter(oidc_issuer="https://old.example.com/").count() == 1
    assert "Would move 1 user" in capsys.readouterr().out


def test_refusal_lines_are_json_with_the_request_id(client, oidc_provider, settings, capfd):
    """Through production's formatter: the reason and the request id are fields of the line."""
    from pythonjsonlogger.json import JsonFormatter

    from motovault.logs import ContextFilter

    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter(**{k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"})
    )
    handler.addFilter(ContextFilter())
    logger = logging.getLogger("motovault.auth")
    logger.addHandler(handler)
    try:
        response = client.get("/oidc/callback/", {"error": "access_denied", "state": "nope"})
    finally:
        logger.removeHandler(handler)
    (line,) = [json.loads(x) for x in capfd.readouterr().err.splitlines() if '"oidc_refused"' in x]
    assert line["request_id"] == response["X-Request-ID"] and "unknown state" in line["reason"]


def test_a_provider_that_is_down_at_start_is_a_warning_not_a_refusal(settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/"
    (warning,) = checks.oidc_issuer_matches_the_provider(None)
    assert warning.id == "motovault.W001" and "cannot be read" in warning.msg
