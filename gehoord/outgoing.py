"""One guard for every call gehoord makes to another system (ZGW APIs, and later Open Klant
and webhooks).

Such calls go to addresses that came from outside: a ZGW notification names the URLs to
read, and gehoord reads them with the organisation's credentials. Without a guard an
attacker who can send one notification makes gehoord fetch any URL (server-side request
forgery): a `file://` path, the cloud's metadata service, an admin page on the internal
network — and hands it the organisation's signed token on the way. So every outgoing call
passes `open_url()`, which

- accepts only `http` and `https`;
- accepts only URLs under one of the configured API roots (same scheme, host and port, and
  a path below the root's path);
- refuses hosts that resolve to loopback, private, link-local or other non-public
  addresses, unless the administrator listed that host as an allowed internal host;
- connects to the very address it checked, not to whatever the host name resolves to a
  moment later (DNS rebinding); the Host header and, for https, the TLS server name and
  certificate check still use the host name;
- follows no redirects (a redirect could lead anywhere, and would carry the credentials);
- gives up after a timeout and reads at most `max_bytes`.

Everything is checked before a request is built, so a refused URL never sees the
credentials; each refusal is logged (without the query string, which may carry personal
data).
"""

import http.client
import ipaddress
import logging
import socket
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urlsplit

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 10
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SCHEMES = {"http", "https"}


class OutgoingRefused(Exception):
    """The URL may not be called; the message says why (no credentials were sent)."""


class OutgoingFailed(Exception):
    """The call was allowed but did not succeed (network, status, size, timeout).

    `status` is the HTTP status when the other side answered with an error; `reason` says
    what went wrong without the URL."""

    def __init__(self, message: str, *, status: int | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason or message


def _port(parts: SplitResult) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


def _normalised_roots(roots: Iterable[str]) -> list[SplitResult]:
    found = []
    for root in roots:
        root = root.strip()
        if root:
            parts = urlsplit(root)
            if parts.scheme in SCHEMES and parts.hostname:
                found.append(parts)
    return found


@dataclass(frozen=True)
class OutgoingPolicy:
    """Where one connection may call: its API roots and the internal hosts allowed."""

    api_roots: tuple[str, ...]
    allowed_internal_hosts: frozenset[str] = field(default_factory=frozenset)
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    max_bytes: int = DEFAULT_MAX_BYTES

    @classmethod
    def of(
        cls, api_roots: Iterable[str], allowed_internal_hosts: Iterable[str] = (), **limits
    ) -> "OutgoingPolicy":
        return cls(
            api_roots=tuple(r.strip() for r in api_roots if r.strip()),
            allowed_internal_hosts=frozenset(
                h.strip().lower() for h in allowed_internal_hosts if h.strip()
            ),
            **limits,
        )


def _public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _resolved_addresses(host: str, port: int) -> list[str]:
    """The addresses of `host`, in the resolver's order of preference, without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise OutgoingFailed(f"host {host} not found: {error}") from error
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def shown(url: str) -> str:
    """The URL for a log line or an error: without query string, fragment or password."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}"


def check(url: str, policy: OutgoingPolicy) -> str:
    """The address to connect to for `url`; OutgoingRefused unless `policy` allows the call.

    The caller must connect to that address: resolving the host again could give another
    one (DNS rebinding)."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise OutgoingRefused(f"scheme {parts.scheme or '(none)'!r} is not allowed")
    if not parts.hostname or parts.username or parts.password:
        raise OutgoingRefused("the URL has no host, or carries a user name")
    roots = _normalised_roots(policy.api_roots)
    if not roots:
        raise OutgoingRefused("no API roots are configured for this connection")
    if not any(_under(parts, root) for root in roots):
        raise OutgoingRefused(f"{shown(url)} is not under a configured API root")
    host = parts.hostname.lower()
    addresses = _resolved_addresses(host, _port(parts))
    if not addresses:
        raise OutgoingFailed(f"host {host} not found")
    if host in policy.allowed_internal_hosts:
        return addresses[0]
    refused = sorted(a for a in addresses if not _public_address(a))
    if refused:
        raise OutgoingRefused(
            f"{host} resolves to an internal address ({', '.join(refused)}); "
            "allow the host explicitly if it is meant"
        )
    return addresses[0]


def _under(parts: SplitResult, root: SplitResult) -> bool:
    if (parts.scheme, (parts.hostname or "").lower(), _port(parts)) != (
        root.scheme,
        (root.hostname or "").lower(),
        _port(root),
    ):
        return False
    root_path = root.path.rstrip("/") + "/"
    return (parts.path.rstrip("/") + "/").startswith(root_path)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise OutgoingRefused(f"{shown(req.full_url)} redirects ({code}); redirects are refused")


def _pinned(
    connection_class: type[http.client.HTTPConnection], address: str
) -> Callable[..., http.client.HTTPConnection]:
    """Connections of `connection_class` that open their socket to `address`.

    The connection keeps its host name, so the Host header, the TLS server name (SNI) and
    the certificate check are those of the URL; only the resolving is skipped."""

    def connect_to_checked_address(
        host_and_port: tuple[str, int], *args: object, **kwargs: object
    ) -> socket.socket:
        return socket.create_connection((address, host_and_port[1]), *args, **kwargs)  # type: ignore[arg-type]

    def make(host: str, **kwargs: object) -> http.client.HTTPConnection:
        connection = connection_class(host, **kwargs)  # type: ignore[arg-type]
        connection._create_connection = connect_to_checked_address  # type: ignore[attr-defined]
        return connection

    return make


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, address: str) -> None:
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(_pinned(http.client.HTTPConnection, self.address), req)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, address: str) -> None:
        super().__init__()
        self.address = address

    def https_open(self, req):
        return self.do_open(
            _pinned(http.client.HTTPSConnection, self.address), req, context=self._context
        )


def _opener(address: str) -> urllib.request.OpenerDirector:
    """Only HTTP(S) to `address`: no file://, ftp:// or data: handlers, and no redirects."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _PinnedHTTPHandler(address),
        _PinnedHTTPSHandler(address),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        _NoRedirects(),
    ):
        opener.add_handler(handler)
    return opener


def open_url(
    url: str,
    policy: OutgoingPolicy,
    headers: dict[str, str] | None = None,
    data: bytes | None = None,
    method: str | None = None,
) -> bytes:
    """The body of `url`, if the policy allows it; OutgoingRefused / OutgoingFailed otherwise.

    `headers` (credentials among them) are attached only after the URL passed the check.
    """
    try:
        address = check(url, policy)
    except OutgoingRefused as refusal:
        logger.warning("outgoing call refused: %s", refusal)
        raise
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with _opener(address).open(request, timeout=policy.timeout) as response:
            body = response.read(policy.max_bytes + 1)
    except OutgoingRefused as refusal:
        logger.warning("outgoing call refused: %s", refusal)
        raise
    except urllib.error.HTTPError as error:
        raise OutgoingFailed(
            f"{shown(url)}: HTTP {error.code}", status=error.code, reason=f"HTTP {error.code}"
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = str(getattr(error, "reason", error))
        raise OutgoingFailed(f"{shown(url)}: {reason}", reason=reason) from error
    if len(body) > policy.max_bytes:
        raise OutgoingFailed(f"{shown(url)}: answer larger than {policy.max_bytes} bytes")
    return body
