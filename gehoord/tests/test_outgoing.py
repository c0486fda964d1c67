"""The guard on outgoing calls, on its own (the ZGW tests use it end to end)."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from gehoord.outgoing import OutgoingFailed, OutgoingPolicy, OutgoingRefused, check, open_url

ROOTS = ["https://zaken.example.nl/zaken/api/v1/", "https://catalogi.example.nl/catalogi"]


@pytest.fixture
def public_dns(monkeypatch):
    """example.nl names resolve to a public documentation address (no network needed)."""
    import socket

    real = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if host.endswith("example.nl"):
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


@pytest.mark.parametrize(
    "url",
    [
        "https://zaken.example.nl/zaken/api/v1/zaken/7",
        "https://zaken.example.nl/zaken/api/v1/",
        "https://catalogi.example.nl/catalogi/statustypen/9",
        "https://ZAKEN.example.nl:443/zaken/api/v1/rollen?zaak=x",
    ],
)
def test_urls_under_a_root_are_allowed(public_dns, url):
    check(url, OutgoingPolicy.of(ROOTS))


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme 'file'"),
        ("ftp://zaken.example.nl/zaken/api/v1/x", "scheme 'ftp'"),
        ("gopher://zaken.example.nl/", "scheme"),
        ("http://zaken.example.nl/zaken/api/v1/zaken/7", "not under"),  # http, root is https
        ("https://zaken.example.nl:8443/zaken/api/v1/zaken/7", "not under"),
        ("https://zaken.example.nl/zaken/api/v10/zaken/7", "not under"),
        ("https://zaken.example.nl.evil.example/zaken/api/v1/", "not under"),
        ("https://user:pw@zaken.example.nl/zaken/api/v1/", "user name"),
        ("https://catalogi.example.nl/catalogi-andere/x", "not under"),
    ],
)
def test_urls_elsewhere_are_refused(public_dns, url, reason):
    with pytest.raises(OutgoingRefused, match=reason):
        check(url, OutgoingPolicy.of(ROOTS))


def test_no_roots_refuses_everything(public_dns):
    with pytest.raises(OutgoingRefused, match="no API roots"):
        check("https://zaken.example.nl/zaken/api/v1/", OutgoingPolicy.of([]))


@pytest.mark.parametrize(
    "root",
    [
        "http://127.0.0.1:8080/api/",
        "http://[::1]:8080/api/",
        "http://10.1.2.3/api/",
        "http://169.254.169.254/api/",  # the cloud metadata service
        "http://localhost:8080/api/",
        "http://[::ffff:127.0.0.1]/api/",
    ],
)
def test_internal_addresses_are_refused_unless_allowed(root):
    url = root + "x"
    with pytest.raises(OutgoingRefused, match="internal address"):
        check(url, OutgoingPolicy.of([root]))
    host = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)[0].strip("[]")
    if host.startswith("::ffff") or host == "::1":
        host = url.split("//", 1)[1].split("]", 1)[0].strip("[")
    check(url, OutgoingPolicy.of([root], [host]))


class Big(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"x" * 2048)

    def log_message(self, *args):
        pass


def test_answers_are_limited_in_size():
    server = HTTPServer(("127.0.0.1", 0), Big)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        root = f"http://127.0.0.1:{server.server_port}/"
        policy = OutgoingPolicy.of([root], ["127.0.0.1"], max_bytes=1024)
        with pytest.raises(OutgoingFailed, match="larger than 1024 bytes"):
            open_url(root + "groot", policy)
        assert len(open_url(root, OutgoingPolicy.of([root], ["127.0.0.1"]))) == 2048
    finally:
        server.shutdown()
