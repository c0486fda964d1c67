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


class Recording(BaseHTTPRequestHandler):
    """Answers 200 and keeps each request's path and headers on the server."""

    def do_GET(self):  # noqa: N802
        self.server.seen.append((self.path, dict(self.headers)))
        target = getattr(self.server, "redirect_to", None)
        self.send_response(302 if target else 200)
        if target:
            self.send_header("Location", target)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    """A real HTTP server on 127.0.0.1; `.seen` lists what reached it."""
    servers = []

    def start(redirect_to=None):
        server = HTTPServer(("127.0.0.1", 0), Recording)
        server.seen = []
        server.redirect_to = redirect_to
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fake_dns(monkeypatch):
    """Names ending in .test resolve to the addresses given, one answer per lookup (the last
    repeats): a DNS server that answers differently the second time."""
    import socket

    real = socket.getaddrinfo
    answers: dict[str, list[str]] = {}

    def resolve(host, port, *args, **kwargs):
        if host in answers:
            queue = answers[host]
            address = queue.pop(0) if len(queue) > 1 else queue[0]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return answers


CREDENTIALS = {"Authorization": "Bearer geheim-token"}


def test_a_name_for_loopback_is_refused_and_never_sees_the_credentials(local_server, fake_dns):
    server = local_server()
    fake_dns["api.intern.test"] = ["127.0.0.1"]
    root = f"http://api.intern.test:{server.server_port}/api/"
    with pytest.raises(OutgoingRefused, match="internal address"):
        open_url(root + "zaken", OutgoingPolicy.of([root]), headers=CREDENTIALS)
    assert server.seen == []
    # Allowed explicitly, the call goes through, with the host name in the Host header.
    body = open_url(
        root + "zaken", OutgoingPolicy.of([root], ["api.intern.test"]), headers=CREDENTIALS
    )
    assert body == b"ok"
    [(path, headers)] = server.seen
    assert path == "/api/zaken"
    assert headers["Host"] == f"api.intern.test:{server.server_port}"
    assert headers["Authorization"] == "Bearer geheim-token"


def test_the_call_goes_to_the_address_that_was_checked(local_server, fake_dns):
    """DNS rebinding: the second lookup would give another address; gehoord never asks it."""
    server = local_server()
    # First lookup: the (allowed) server; any later lookup: an address nothing listens on.
    fake_dns["rebind.test"] = ["127.0.0.1", "127.0.0.2"]
    root = f"http://rebind.test:{server.server_port}/"
    assert open_url(root + "x", OutgoingPolicy.of([root], ["rebind.test"])) == b"ok"
    assert len(server.seen) == 1


def test_a_public_answer_then_loopback_never_reaches_loopback(local_server, fake_dns):
    server = local_server()
    fake_dns["wissel.test"] = ["93.184.215.14", "127.0.0.1"]  # public first, loopback after
    root = f"http://wissel.test:{server.server_port}/"
    with pytest.raises(OutgoingFailed):
        open_url(root + "x", OutgoingPolicy.of([root], timeout=0.5), headers=CREDENTIALS)
    assert server.seen == []


def test_a_redirect_to_loopback_is_refused(local_server):
    inner = local_server()
    outer = local_server(redirect_to=f"http://127.0.0.1:{inner.server_port}/geheim")
    root = f"http://127.0.0.1:{outer.server_port}/"
    policy = OutgoingPolicy.of([root], ["127.0.0.1"])
    with pytest.raises(OutgoingRefused, match="redirects"):
        open_url(root + "x", policy, headers=CREDENTIALS)
    assert len(outer.seen) == 1 and inner.seen == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "data:text/plain,x", "ftp://127.0.0.1/"])
def test_other_schemes_are_refused_by_open_url(url):
    with pytest.raises(OutgoingRefused, match="scheme"):
        open_url(url, OutgoingPolicy.of([url], ["127.0.0.1"]), headers=CREDENTIALS)
