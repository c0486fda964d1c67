"""Shared fixtures: two organisations and a member of each role, for any test."""

import asyncio
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model

from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.models import Organisation, OrganisationKind
from gehoord.tenancy.roles import Role

PASSWORD = "test-wachtwoord-123"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.3 s per account; tests create hundreds of accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_organisation(db):
    def make(slug: str, inhabitants: int = 50_000, **fields) -> Organisation:
        return Organisation.objects.create(
            slug=slug, name=fields.pop("name", f"Gemeente {slug.title()}"),
            kind=OrganisationKind.MUNICIPALITY, inhabitants=inhabitants, **fields,
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
