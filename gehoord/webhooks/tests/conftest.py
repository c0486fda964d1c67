import pytest


@pytest.fixture
def receiver():
    """A real HTTP receiver on 127.0.0.1 that answers 204."""
    from .factories import Receiver

    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def flaky_receiver():
    """A real HTTP receiver that answers 500 twice before it answers 204."""
    from .factories import Receiver

    server = Receiver(fail_first=2).start()
    yield server
    server.stop()


@pytest.fixture
def immediate_huey():
    """Tasks run at once, in the test's process (as the worker would run them)."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield HUEY
    HUEY.immediate = False
