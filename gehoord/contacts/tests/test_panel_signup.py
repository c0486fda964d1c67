"""The public panel sign-up with double opt-in: a real SMTP server, the real database."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from huey.contrib.djhuey import HUEY

from gehoord.contacts import query
from gehoord.contacts.models import Consent, Contact, PanelSignup, Purpose
from gehoord.contacts.panel_signup import CONFIRM_WITHIN
from gehoord.contacts.tests.factories import make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache; one test's flood must not block the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def immediate_huey():
    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture
def sign_up(client, smtp_inbox, immediate_huey, django_capture_on_commit_callbacks):
    def post(org, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/o/{org.slug}/meedenken/",
                {"email": "noor@example.org", "name": "Noor Amrani", "agree": "on", **data},
            )

    return post


def confirm_path(message) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(r"http://127\.0\.0\.1:8000(/o/[^\s]+/meedenken/bevestigen/[^/\s]+/)", text)
    assert found, text
    return found[1]


def test_double_opt_in_makes_a_panel_member_only_after_confirming(
    client, org_a, sign_up, smtp_inbox
):
    assert client.get(f"/o/{org_a.slug}/meedenken/").status_code == 200
    page = sign_up(org_a)
    assert page.status_code == 200 and "Kijk in uw e-mail" in page.content.decode()
    # Signed up but not confirmed: no contact, no consent, not in the panel.
    assert not Contact.objects.exists() and not Consent.objects.exists()
    assert PanelSignup.objects.count() == 1
    [message] = smtp_inbox.messages
    assert message["To"] == "noor@example.org"
    path = confirm_path(message)

    asked = client.get(path)  # a mail scanner opening the link changes nothing
    assert asked.status_code == 200 and not Contact.objects.exists()
    done = client.post(path)
    assert done.status_code == 200 and "U doet mee met het panel" in done.content.decode()
    contact = Contact.objects.get()
    assert contact.email == "noor@example.org" and contact.organisation == org_a
    assert list(query.panel(org_a)) == [contact]
    consent = contact.consents.get()
    assert consent.purpose == Purpose.PANEL and consent.source == "web_form"
    assert not PanelSignup.objects.exists()  # the sign-up is forgotten
    assert client.post(path).status_code == 404  # a link works once


def test_expired_link_is_refused(client, org_a, sign_up, smtp_inbox, clock):
    sign_up(org_a)
    path = confirm_path(smtp_inbox.messages[0])
    clock.shift(CONFIRM_WITHIN + timedelta(minutes=1))
    refused = client.post(path)
    assert refused.status_code == 410 and "verlopen" in refused.content.decode()
    assert not Contact.objects.exists() and not Consent.objects.exists()
    sign_up(org_a, email="ander@example.org")  # a new sign-up clears expired ones
    assert list(PanelSignup.objects.values_list("email", flat=True)) == ["ander@example.org"]


def test_known_address_gets_the_same_answer(client, org_a, sign_up, smtp_inbox):
    make_contact(org_a, "Noor Amrani", email="noor@example.org")
    known = sign_up(org_a).content.decode()
    unknown = sign_up(org_a, email="nieuw@example.org", name="Nieuw Iemand").content.decode()
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub("", known) == csrf.sub("", unknown)
    assert len(smtp_inbox.messages) == 2
    client.post(confirm_path(smtp_inbox.messages[0]))
    assert Contact.objects.filter(email="noor@example.org").count() == 1  # found, not doubled


def test_a_link_of_another_organisation_and_bad_input(client, org_a, org_b, sign_up, smtp_inbox):
    sign_up(org_a)
    path = confirm_path(smtp_inbox.messages[0]).replace(f"/o/{org_a.slug}/", f"/o/{org_b.slug}/")
    assert client.post(path).status_code == 404 and not Contact.objects.exists()
    bad = sign_up(org_a, email="geen-adres", agree="")
    assert bad.status_code == 400 and PanelSignup.objects.count() == 1
    bot = sign_up(org_a, email="bot@example.org", website="http://spam")
    assert bot.status_code == 200 and PanelSignup.objects.count() == 1
    assert client.get("/o/bestaat-niet/meedenken/").status_code == 404


def test_sign_ups_are_rate_limited(client, org_a, sign_up):
    for _ in range(10):
        sign_up(org_a, email="x@example.org")
    limited = sign_up(org_a, email="x@example.org")
    assert limited.status_code == 429
    assert PanelSignup.objects.count() == 10


def test_panel_page_shows_the_public_sign_up_address(client_a, org_a):
    page = client_a.get("/contacten/panel/").content.decode()
    assert f"/o/{org_a.slug}/meedenken/" in page and "zelf aanmelden" in page
