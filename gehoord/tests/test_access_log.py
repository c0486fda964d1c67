"""The access log and the application log keep no personal data: no survey, opt-out,
call-back or password links, no query strings, no e-mail or IP addresses."""

import io
import logging
from datetime import timedelta
from unittest import mock

from django.conf import settings
from gunicorn.config import Config

from gehoord.access_log import MaskPersonalData, mask
from gehoord.management.commands.serve import child_commands


def gunicorn_config() -> Config:
    """The configuration `gehoord serve` starts gunicorn with."""
    argv = child_commands("127.0.0.1:8000", 2, with_worker=False)["gunicorn"]
    config = Config()
    config.set("config", argv[argv.index("--config") + 1])
    # As gunicorn loads a "python:" configuration module.
    module = __import__(config.config.removeprefix("python:"), fromlist=["*"])
    for name in dir(module):
        if name in config.settings:
            config.set(name, getattr(module, name))
    return config


def test_the_access_log_masks_token_paths_query_strings_and_addresses():
    config = gunicorn_config()
    logger = config.logger_class(config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.access_log.handlers = [handler]
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/v/abc123token/?email=piet%40example.org&ref=x",
        "PATH_INFO": "/v/abc123token/",
        "QUERY_STRING": "email=piet%40example.org&ref=x",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_REFERER": "https://gehoord.example/afmelden/optouttoken/",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    response = mock.Mock(status="200 OK", sent=1234, headers=[])
    logger.access(response, mock.Mock(headers=[]), environ, timedelta(milliseconds=12))

    line = stream.getvalue()
    assert '"GET /v/***/?*** HTTP/1.1" 200 1234' in line
    for personal in ("abc123token", "optouttoken", "piet", "example.org", "203.0.113.7"):
        assert personal not in line


def test_personal_links_and_addresses_are_masked():
    assert mask("/v/abc123token/") == "/v/***/"
    assert mask("/v/abc123token/klaar/") == "/v/***/klaar/"
    assert mask("/afmelden/tok/") == "/afmelden/***/"
    assert mask("/terugbellen/1:abc:def/") == "/terugbellen/***/"
    assert mask("/wachtwoord-herstellen/MQ/c4k-123/") == "/wachtwoord-herstellen/***/***/"
    assert mask("/wachtwoord-herstellen/klaar/") == "/wachtwoord-herstellen/klaar/"
    assert mask("/zoeken/?email=piet@example.org") == "/zoeken/?***"
    assert mask("Mail voor Piet.Puk@example.org verstuurd") == "Mail voor *** verstuurd"
    assert mask("/o/gemeente-alfa/resultaten/") == "/o/gemeente-alfa/resultaten/"


def test_the_application_log_masks_too():
    console = settings.LOGGING["handlers"]["console"]
    assert any(
        settings.LOGGING["filters"][name]["()"] == "gehoord.access_log.MaskPersonalData"
        for name in console["filters"]
    )
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/v/abc123/",), None
    )
    assert MaskPersonalData().filter(record)
    assert record.getMessage() == "Not Found: /v/***/"
