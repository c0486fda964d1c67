"""The address of the person behind a request, as far as gehoord can trust it.

Behind a reverse proxy every request arrives from the proxy's own address, so a limit
keyed on `REMOTE_ADDR` counts the whole municipality as one visitor. The proxy passes the
client's address in a header (usually `X-Forwarded-For`), but anyone can send that header
too; it is only honest when gehoord is configured to trust it
(`GEHOORD_TRUSTED_PROXY_HEADER`) and every request comes through that proxy.

`X-Forwarded-For` is a list: each proxy appends the address it received the request from.
With N trusted proxies in a row the client's address is the N-th entry from the right;
anything to its left was written by the client and is ignored.

Rate limits (django-ratelimit), log-in throttling (django-axes) and the access log all
use this one function.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _meta_key(header: str) -> str:
    return "HTTP_" + header.strip().upper().replace("-", "_")


def _valid(address: str) -> str | None:
    address = address.strip()
    if address.startswith("[") and "]" in address:  # "[2001:db8::1]:443"
        address = address[1 : address.index("]")]
    elif address.count(":") == 1:  # "192.0.2.1:443"
        address = address.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address: from the trusted proxy's header when one is configured."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
    header = settings.GEHOORD_TRUSTED_PROXY_HEADER
    if not header:
        return remote
    hops = [hop for hop in request.META.get(_meta_key(header), "").split(",") if hop.strip()]
    count = max(settings.GEHOORD_TRUSTED_PROXY_COUNT, 1)
    if len(hops) < count:
        # The request did not pass through all the trusted proxies (or the header was
        # stripped): the connection's own address is all we know.
        return remote
    return _valid(hops[-count]) or remote


def ratelimit_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key: one count per client address."""
    return client_address(request)
