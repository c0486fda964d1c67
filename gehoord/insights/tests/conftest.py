import pytest

from gehoord.demo.build import seed, spec_for
from gehoord.insights import rollups
from gehoord.tenancy.roles import Role


@pytest.fixture
def demo_org(db):
    """Gemeente Voorbeeld with a tenth of the demo's responses (about 2 000)."""
    return seed(spec_for("voorbeeld"), volume=0.1).organisation


@pytest.fixture
def analyst(client, demo_org, make_member):
    """A logged-in analyst of the demo organisation, with its rollups built."""
    rollups.rebuild(demo_org)
    client.force_login(make_member(Role.ANALYST, demo_org))
    return client
