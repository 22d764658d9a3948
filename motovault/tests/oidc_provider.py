"""A stand-in OpenID Connect provider, served over real HTTP for the tests.

It speaks the authorization-code flow with PKCE (authorize, token, userinfo, JWKS, end-session),
publishes them in a discovery document under paths that are not Auth0's (panva's oidc-provider
layout), takes the client's secret in the form body or as RFC 6749 HTTP Basic, and signs ID
tokens RS256 with a key made here, so our real client code runs end to end. ``tamper`` makes it
misbehave in one chosen way for the refusal tests.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

KEY_ID = "test-key-1"


def _new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class StandInProvider:
    issuer: str
    client_id: str
    client_secret: str
    signing_key: object = field(default_factory=_new_key)
    other_key: object = field(default_factory=_new_key)
    user: dict = field(default_factory=lambda: {"sub": "auth0|alice", "email": "alice@example.com", "name": "Alice"})
    tamper: str | None = None
    codes: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)
    logouts: list = field(default_factory=list)
    # How each token request authenticated the client: "client_secret_post" or "client_secret_basic".
    token_auth: list = field(default_factory=list)
    # The issuer the discovery document states, when a test makes it differ from ours.
    discovered_issuer: str | None = None

    def reset(self) -> None:
        self.user = {"sub": "auth0|alice", "email": "alice@example.com", "name": "Alice"}
        self.tamper = None
        self.discovered_issuer = None
        self.codes.clear()
        self.tokens.clear()
        self.logouts.clear()
        self.token_auth.clear()

    def discovery(self) -> dict:
        base = self.issuer.rstrip("/")
        return {
            "issuer": self.discovered_issuer or self.issuer,
            "authorization_endpoint": f"{base}/auth",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/me",
            "jwks_uri": f"{base}/jwks",
            "end_session_endpoint": f"{base}/session/end",
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self) -> dict:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.signing_key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": KEY_ID, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query: dict) -> str:
        """Approve the request at once (as a provider with a remembered session would) and
        return where the browser goes next."""
        assert query["client_id"] == self.client_id and query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256", "PKCE is required"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {**query, "user": dict(self.user)}
        return f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"

    def token(self, form: dict, authorization: str = "") -> tuple[int, dict]:
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None:
            return 400, {"error": "invalid_grant"}
        if authorization.startswith("Basic "):
            user, _, password = base64.b64decode(authorization.removeprefix("Basic ")).decode().partition(":")
            credentials, method = (unquote_plus(user), unquote_plus(password)), "client_secret_basic"
            if "client_secret" in form:
                return 400, {"error": "invalid_request", "error_description": "two client authentications"}
        else:
            credentials, method = (form.get("client_id"), form.get("client_secret")), "client_secret_post"
        self.token_auth.append(method)
        if credentials != (self.client_id, self.client_secret):
            return 401, {"error": "invalid_client"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri mismatch"}
        digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
        if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["code_challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        access_token = secrets.token_urlsafe(24)
        self.tokens[access_token] = grant["user"]
        return 200, {
            "access_token": access_token,
            "id_token": self.id_token(grant["user"], grant.get("nonce")),
            "token_type": "Bearer",
            "expires_in": 3600,
        }

    def id_token(self, user: dict, nonce: str | None) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 3600, "nonce": nonce, **user}
        key = self.signing_key
        if self.tamper == "other_key":
            key = self.other_key
        elif self.tamper == "wrong_nonce":
            claims["nonce"] = "not-the-nonce-we-were-sent"
        elif self.tamper == "wrong_audience":
            claims["aud"] = "some-other-client"
        elif self.tamper == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        elif self.tamper == "wrong_issuer":
            claims["iss"] = "https://evil.example.com/"
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        user = self.tokens.get(authorization.removeprefix("Bearer "))
        return (200, user) if user else (401, {"error": "invalid_token"})

    def end_session(self, query: dict) -> str:
        self.logouts.append(query)
        return query["post_logout_redirect_uri"]


def _handler(provider: StandInProvider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet test output
            pass

        def _send(self, status: int, body: dict | None = None, location: str | None = None) -> None:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            payload = json.dumps(body or {}).encode()
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = {key: values[0] for key, values in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._send(200, provider.discovery())
            elif url.path == "/auth":
                self._send(302, location=provider.authorize(query))
            elif url.path == "/jwks":
                self._send(200, provider.jwks())
            elif url.path == "/me":
                self._send(*provider.userinfo(self.headers.get("Authorization", "")))
            elif url.path == "/session/end":
                self._send(302, location=provider.end_session(query))
            else:
                self._send(404, {"error": "not_found"})

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            form = {key: values[0] for key, values in parse_qs(body).items()}
            if urlsplit(self.path).path == "/token":
                self._send(*provider.token(form, self.headers.get("Authorization", "")))
            else:
                self._send(404, {"error": "not_found"})

    return Handler


def serve(provider: StandInProvider, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(provider))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
