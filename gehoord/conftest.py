"""Shared fixtures: the frozen clock, the prebuilt demo world, two organisations and a
member of each role, for any test."""

import asyncio
import email
import socket
from email import policy

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.demo.build import seed, seed_peers, seed_platform_admin, spec_for
from gehoord.framework import query as framework_query
from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.models import Organisation, OrganisationKind
from gehoord.tenancy.roles import Role
from gehoord.testing import TEST_NOW, WORLD_BUILT_AT, order_for_shared_world

PASSWORD = "test-wachtwoord-123"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """Every test starts at TEST_NOW (GEHOORD_TEST_NOW) and the clock runs on from there, so
    no result depends on the day the suite runs. `clock.shift(...)`/`clock.move_to(...)` in a
    test moves time on. Tests marked `real_clock` (a subprocess reads the real clock) opt out.
    """
    if request.node.get_closest_marker("real_clock"):
        yield None
        return
    with time_machine.travel(TEST_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def clock(frozen_clock):
    """The traveller of the frozen clock, for tests that move time."""
    if frozen_clock is None:
        pytest.fail("a test marked real_clock cannot move the clock")
    return frozen_clock


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    order_for_shared_world(items)


def build_demo_world() -> Organisation:
    """Gemeente Voorbeeld at a tenth of the demo's volume (about 2 000 responses) and the
    peers it is benchmarked against, generated and stored an hour before TEST_NOW, as a real
    database is filled before it is read: what the world holds was received before any test
    starts."""
    # The accounts get the tests' fast hasher (see fast_password_hashing): a session fixture
    # runs before it, and real hashing of the world's accounts cost seconds per build.
    with (
        time_machine.travel(WORLD_BUILT_AT, tick=True),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
    ):
        organisation = seed(spec_for("voorbeeld"), volume=0.1, now=WORLD_BUILT_AT).organisation
        seed_peers(volume=0.1, now=WORLD_BUILT_AT)
        seed_platform_admin()
    assert organisation is not None
    return organisation


@pytest.fixture(scope="session")
def demo_world(django_db_setup, django_db_blocker) -> int:
    """The demo world, built once per test session and committed; each test's transaction
    rolls back on top of it. Tests that use it run after all other database tests (see
    gehoord.testing), so those never see it."""
    with django_db_blocker.unblock():
        return build_demo_world().pk


@pytest.fixture
def demo_org(demo_world, db) -> Organisation:
    """The prebuilt demo organisation (a fresh instance per test). A transactional test
    (live server) flushes the database afterwards; the next one then seeds it again."""
    organisation = (
        Organisation.objects.filter(pk=demo_world).first()
        or Organisation.objects.filter(slug="voorbeeld").first()
    )
    return organisation or build_demo_world()


@pytest.fixture(autouse=True)
def no_cached_questionnaire_items():
    """Published items are cached per process by version id; a rolled-back test gives the
    next test the same ids for other versions."""
    framework_query.forget_cached_items()
    yield
    framework_query.forget_cached_items()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.3 s per account; tests create hundreds of accounts."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def make_organisation(db):
    def make(slug: str, inhabitants: int = 50_000, **fields) -> Organisation:
        return Organisation.objects.create(
            slug=slug,
            name=fields.pop("name", f"Gemeente {slug.title()}"),
            kind=OrganisationKind.MUNICIPALITY,
            inhabitants=inhabitants,
            **fields,
        )

    return make


@pytest.fixture
def org_a(make_organisation) -> Organisation:
    return make_organisation("alfa", 120_000)


@pytest.fixture
def org_b(make_organisation) -> Organisation:
    return make_organisation("bravo", 30_000)


@pytest.fixture
def make_member(db):
    """A user with `role` in each of `organisations` (the first is active at log-in)."""

    def make(role: Role, *organisations: Organisation, username: str | None = None):
        username = username or f"{role}-{'-'.join(o.slug for o in organisations)}@example.org"
        user = get_user_model().objects.create_user(
            username=username, email=username, password=PASSWORD
        )
        for organisation in organisations:
            tenancy_service.add_member(user, organisation, role)
        return user

    return make


class VerifiedClient(Client):
    """The test client, whose log-ins also pass two-step verification (with an app device
    made for the account if it has none), as a member who typed their code. Tests of the
    second step itself use `unverified_client`."""

    def _verify(self, user) -> None:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        self._verify(user)

    def login(self, **credentials):
        logged_in = super().login(**credentials)
        if logged_in:
            self._verify(get_user_model().objects.get(pk=self.session["_auth_user_id"]))
        return logged_in


@pytest.fixture
def client() -> Client:
    """pytest-django's client, verified in two steps at every log-in (VerifiedClient)."""
    return VerifiedClient()


@pytest.fixture
def admin_client(admin_user) -> Client:
    """pytest-django's superuser client, verified in two steps like `client` (the admin
    always asks for the second step)."""
    verified = VerifiedClient()
    verified.force_login(admin_user)
    return verified


@pytest.fixture
def unverified_client() -> Client:
    """A plain test client: a log-in is the password step only."""
    return Client()


@pytest.fixture
def admin_a(make_member, org_a):
    return make_member(Role.ADMINISTRATOR, org_a)


@pytest.fixture
def client_a(client, admin_a):
    """A test client logged in as the administrator of organisation A."""
    client.force_login(admin_a)
    return client


# A real SMTP server (aiosmtpd) on a free local port; messages land in `inbox.messages`.
class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.delay = 0.0  # seconds to wait before accepting, to act as a slow server

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()
