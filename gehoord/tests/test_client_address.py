"""The client address: the trusted proxy's header only when one is configured."""

import pytest
from django.test import RequestFactory

from gehoord.client_address import client_address


@pytest.fixture
def request_from():
    def make(remote: str = "10.0.0.5", **headers):
        return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)

    return make


def test_without_a_trusted_proxy_the_header_is_ignored(settings, request_from):
    settings.GEHOORD_TRUSTED_PROXY_HEADER = ""
    request = request_from(HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert client_address(request) == "10.0.0.5"


def test_a_trusted_proxy_header_gives_the_address_the_proxy_added(settings, request_from):
    settings.GEHOORD_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.GEHOORD_TRUSTED_PROXY_COUNT = 1
    # The client wrote the first entry itself; only the last one came from the proxy.
    request = request_from(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert client_address(request) == "203.0.113.7"


def test_two_trusted_proxies_in_a_row(settings, request_from):
    settings.GEHOORD_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.GEHOORD_TRUSTED_PROXY_COUNT = 2
    request = request_from(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7, 10.0.0.9")
    assert client_address(request) == "203.0.113.7"


def test_another_header_name_and_ports(settings, request_from):
    settings.GEHOORD_TRUSTED_PROXY_HEADER = "X-Real-IP"
    settings.GEHOORD_TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(HTTP_X_REAL_IP="203.0.113.7:5123")) == "203.0.113.7"
    assert client_address(request_from(HTTP_X_REAL_IP="[2001:db8::1]:443")) == "2001:db8::1"


@pytest.mark.parametrize("header", ["", "not-an-address", " , "])
def test_a_missing_or_garbled_header_falls_back_to_the_connection(settings, request_from, header):
    settings.GEHOORD_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.GEHOORD_TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(HTTP_X_FORWARDED_FOR=header)) == "10.0.0.5"


def test_fewer_hops_than_trusted_proxies_falls_back_to_the_connection(settings, request_from):
    settings.GEHOORD_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.GEHOORD_TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from(HTTP_X_FORWARDED_FOR="203.0.113.7")) == "10.0.0.5"
