"""Single sign-on test helpers: a real OpenID Connect provider and providers' records.

`OidcTestProvider` is a small identity provider on 127.0.0.1 (http.server in a thread):
discovery, an authorization endpoint with the authorization-code flow and PKCE (S256), a
token endpoint that checks the client secret, code, redirect address and code verifier,
a userinfo endpoint, a JWKS endpoint and an end-session endpoint (RP-initiated logout).
ID tokens are signed RS256 with authlib.
It approves every request for `user` (no log-in form); `token_audience` and
`token_issuer` let a test make it sign a token that should be refused.
"""

import json
import secrets
import threading
import time
import warnings
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from authlib.deprecate import AuthlibDeprecationWarning

# authlib announces the move of authlib.jose to joserfc (it works until authlib 2) with a
# filter of its own that shows the warning always; this one, added later, comes first.
warnings.filterwarnings("ignore", "authlib.jose module", AuthlibDeprecationWarning)

from authlib.jose import JsonWebKey, jwt  # noqa: E402
from authlib.oauth2.rfc7636 import create_s256_code_challenge  # noqa: E402

from gehoord.sso.models import OidcProvider  # noqa: E402
from gehoord.tenancy.models import Organisation  # noqa: E402

CLIENT_ID = "gehoord-test"
CLIENT_SECRET = "zeer-geheim-client-secret"
KEY_ID = "test-key-1"


@cache
def signing_key() -> Any:
    return JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": KEY_ID})


class OidcTestProvider:
    def __init__(self) -> None:
        self.user: dict[str, Any] = {
            "sub": "medewerker-1",
            "email": "j.jansen@zuiderstad.example",
            "email_verified": True,
            "given_name": "Jan",
            "family_name": "Jansen",
            "groups": ["klantbeleving-analisten"],
        }
        self.token_audience: str | None = None
        self.token_issuer: str | None = None
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.token_requests: list[dict[str, str]] = []
        self.id_tokens: list[str] = []
        self.logouts: list[dict[str, str]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "OidcTestProvider":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def configuration(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        }

    def authorize(self, params: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if params.get("client_id") != CLIENT_ID or params.get("response_type") != "code":
            return 400, {}, b"unknown client or response type"
        if params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
            return 400, {}, b"PKCE (S256) is required"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {**params, "user": dict(self.user)}
        answer = urlencode({"code": code, "state": params.get("state", "")})
        return 302, {"Location": f"{params['redirect_uri']}?{answer}"}, b""

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        grant = self.codes.pop(form.get("code", ""), None)
        if (
            grant is None
            or form.get("grant_type") != "authorization_code"
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != CLIENT_SECRET
            or form.get("redirect_uri") != grant["redirect_uri"]
            or create_s256_code_challenge(form.get("code_verifier", "")) != grant["code_challenge"]
        ):
            return 400, {"error": "invalid_grant"}
        now = int(time.time())
        claims = {
            "iss": self.token_issuer or self.issuer,
            "aud": self.token_audience or CLIENT_ID,
            "sub": grant["user"]["sub"],
            "nonce": grant.get("nonce"),
            "iat": now,
            "exp": now + 300,
            "email": grant["user"].get("email"),
        }
        id_token = jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, signing_key()).decode()
        self.id_tokens.append(id_token)
        access_token = secrets.token_urlsafe(24)
        self.tokens[access_token] = grant["user"]
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None):
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if not isinstance(body, bytes):
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self) -> None:  # noqa: N802 - http.server's API
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                if parts.path == "/.well-known/openid-configuration":
                    self._send(200, provider.configuration())
                elif parts.path == "/jwks":
                    public = signing_key().as_dict(is_private=False)
                    self._send(200, {"keys": [{**public, "alg": "RS256", "use": "sig"}]})
                elif parts.path == "/authorize":
                    status, headers, body = provider.authorize(params)
                    self._send(status, body, headers)
                elif parts.path == "/logout":
                    # RP-initiated logout: back to the address the client named.
                    provider.logouts.append(params)
                    back = params.get("post_logout_redirect_uri", "")
                    self._send(302, b"", {"Location": back}) if back else self._send(200, b"")
                elif parts.path == "/userinfo":
                    bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    user = provider.tokens.get(bearer)
                    self._send(200, user) if user else self._send(401, {"error": "invalid_token"})
                else:
                    self._send(404, {"error": "not found"})

            def do_POST(self) -> None:  # noqa: N802 - http.server's API
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlsplit(self.path).path == "/token":
                    self._send(*provider.token(form))
                else:
                    self._send(404, {"error": "not found"})

        return Handler


def make_oidc_provider(organisation: Organisation, test_provider: OidcTestProvider, **fields):
    config = test_provider.configuration()
    values = {
        "name": "Zuiderstad Account",
        "issuer": test_provider.issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "authorization_endpoint": config["authorization_endpoint"],
        "token_endpoint": config["token_endpoint"],
        "userinfo_endpoint": config["userinfo_endpoint"],
        "jwks_uri": config["jwks_uri"],
        "end_session_endpoint": config["end_session_endpoint"],
        "allowed_domains": "zuiderstad.example",
        "role_claim": "groups",
        "role_mapping": "klantbeleving-beheer = administrator\nklantbeleving-analisten = analyst",
        "allowed_internal_hosts": "127.0.0.1",
        **fields,
    }
    return OidcProvider.objects.create(organisation=organisation, **values)
