import pytest


@pytest.fixture
def oidc_server():
    """A real OpenID Connect provider on 127.0.0.1 for one test."""
    # Imported here, not while pytest loads conftest files (before its warning filters).
    from .factories import OidcTestProvider

    server = OidcTestProvider().start()
    yield server
    server.stop()
