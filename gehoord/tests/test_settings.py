"""Production settings pass Django's deployment checklist and refuse unsafe defaults."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "GEHOORD_ENV": "production",
    "SECRET_KEY": "a-long-production-secret-key-" + "x7Qp9" * 10,
    "GEHOORD_SECRETS_KEY": "q3UN1l0vO6G5wz1l4e1iQkqS1yJ1hXk5o0c6I0Jx3mE=",
    "ALLOWED_HOSTS": "gehoord.example.nl",
    "EMAIL_URL": "smtp+tls://gehoord:secret@smtp.example.nl:587",
    "SMS_BACKEND": "http",
    "SMS_GATEWAY_URL": "https://sms.example.nl/send",
    "GEHOORD_SECURITY_CONTACT": "mailto:security@example.nl",
}


def run_gehoord(*args: str, **env: str) -> subprocess.CompletedProcess:
    unwanted = (
        "SECRET_KEY",
        "GEHOORD_SECRETS_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DEBUG",
        "EMAIL_URL",
        "SMS_BACKEND",
        "SMS_GATEWAY_URL",
        "GEHOORD_SECURITY_CONTACT",
    )
    base = {k: v for k, v in os.environ.items() if k not in unwanted}
    return subprocess.run(
        [sys.executable, "-m", "gehoord.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = run_gehoord("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_requires_a_secret_key():
    env = {**PRODUCTION_ENV}
    del env["SECRET_KEY"]
    result = run_gehoord("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_development_defaults_need_no_configuration():
    result = run_gehoord("check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("EMAIL_URL", None),  # the default writes e-mail to standard output
        ("EMAIL_URL", "consolemail://"),
        ("EMAIL_URL", "memorymail://"),
        ("EMAIL_URL", "dummymail://"),
        ("EMAIL_URL", "filemail:///tmp/gehoord-mail"),
        ("SMS_BACKEND", None),  # the default only logs text messages
        ("SMS_BACKEND", "log"),
        ("SMS_BACKEND", "console"),
        ("SMS_GATEWAY_URL", ""),  # http without a gateway
        ("DEBUG", "true"),
    ],
)
def test_production_refuses_what_only_pretends_to_work(variable, value):
    """Messages a development backend swallows would count as sent; debug pages show
    settings and data to anyone."""
    env = {**PRODUCTION_ENV}
    if value is None:
        del env[variable]
    else:
        env[variable] = value
    result = run_gehoord("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and f"{variable}" in result.stderr
    assert "GEHOORD_ENV=production" in result.stderr
    assert "secret" not in result.stderr  # no password of the e-mail URL in the message
