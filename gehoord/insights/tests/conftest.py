import pytest

from gehoord.demo.build import seed, spec_for


@pytest.fixture
def demo_org(db):
    """Gemeente Voorbeeld with a tenth of the demo's responses (about 2 000)."""
    return seed(spec_for("voorbeeld"), volume=0.1).organisation
