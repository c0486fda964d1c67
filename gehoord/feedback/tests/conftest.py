import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache; one test's flood must not block the next."""
    cache.clear()
    yield
    cache.clear()
