import pytest

from gehoord.tenancy.roles import Role


@pytest.fixture
def analyst(client, demo_org, make_member):
    """A logged-in analyst of the demo organisation (`demo_org`: gehoord/conftest.py; the
    seed built its rollups)."""
    client.force_login(make_member(Role.ANALYST, demo_org))
    return client
