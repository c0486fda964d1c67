"""Production settings pass Django's deployment checklist and refuse unsafe defaults."""

import os
import subprocess
import sys

PRODUCTION_ENV = {
    "GEHOORD_ENV": "production",
    "SECRET_KEY": "a-long-production-secret-key-" + "x7Qp9" * 10,
    "ALLOWED_HOSTS": "gehoord.example.nl",
}


def run_gehoord(*args: str, **env: str) -> subprocess.CompletedProcess:
    unwanted = ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
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
