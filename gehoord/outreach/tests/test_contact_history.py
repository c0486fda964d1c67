"""The invitation history on the contact page (outreach's section of contacts' page)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.contacts.tests.factories import make_contact
from gehoord.framework.models import LegalBasis
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.outreach import service
from gehoord.outreach.contact_history import PER_PAGE
from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import EventKind, EventSource, Invitation
from gehoord.outreach.tests.factories import make_rule
from gehoord.tenancy.roles import Role
from gehoord.testing import TEST_NOW

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = TEST_NOW.astimezone(AMS).date()
DUE = datetime.combine(TODAY, time(10, 0), tzinfo=AMS)


def invite(org, rule, contact, external_id, days_ago=1):
    return service.record_event(
        org,
        contact={"email": contact.email},
        service=rule.service,
        kind=EventKind.COMPLETED,
        occurred_on=TODAY - timedelta(days=days_ago),
        source=EventSource.API,
        external_id=external_id,
    )[0]


def test_contact_page_shows_history_and_why_not_invited(client_a, org_a, smtp_inbox):
    paspoort = make_service(org_a, "Paspoort", code="paspoort")
    open_rule = make_rule(paspoort, published_questionnaire(org_a, "Balie"), delay_days=1)
    consent_rule = make_rule(
        paspoort,
        published_questionnaire(org_a, "Vervolgonderzoek", legal_basis=LegalBasis.CONSENT),
        delay_days=1,
        event_kind=EventKind.STARTED,
    )
    contact = make_contact(org_a, "Sanne Bakker", email="sanne@example.org")
    invite(org_a, open_rule, contact, "1")
    service.record_event(
        org_a,
        contact={"email": contact.email},
        service=paspoort,
        kind=EventKind.STARTED,
        occurred_on=TODAY - timedelta(days=1),
        source=EventSource.API,
        external_id="2",
    )
    send_due_invitations(now=DUE)
    assert Invitation.objects.filter(rule=consent_rule).get().status == "skipped"

    page = client_a.get(reverse("contacts:contact_detail", args=[contact.pk])).content.decode()
    assert "Uitnodigingen" in page
    assert "Balie" in page and "Vervolgonderzoek" in page
    assert "Verstuurd" in page and "E-mail" in page
    assert "Geen toestemming voor deze vragenlijst" in page


def test_history_is_paginated_in_a_fixed_number_of_queries(client_a, org_a):
    paspoort = make_service(org_a, "Paspoort", code="paspoort")
    rule = make_rule(paspoort, published_questionnaire(org_a, "Balie"), delay_days=1)
    contact = make_contact(org_a, "Sanne Bakker", email="sanne@example.org")
    other = make_contact(org_a, "Ander Mens", email="ander@example.org")
    invite(org_a, rule, other, "ander")
    url = reverse("contacts:contact_detail", args=[contact.pk])
    invite(org_a, rule, contact, "0")
    client_a.get(url)  # the session is read and cached once
    with CaptureQueriesContext(connection) as one:
        client_a.get(url)
    for n in range(1, PER_PAGE + 5):
        invite(org_a, rule, contact, str(n), days_ago=n + 1)

    with CaptureQueriesContext(connection) as many:
        page = client_a.get(url).content.decode()

    assert len(many) == len(one), [q["sql"] for q in many.captured_queries]
    assert page.count("<td>Balie</td>") == PER_PAGE
    second = client_a.get(url + "?page=2").content.decode()
    # 25 of this contact's own (the other contact's one is not among them)
    assert second.count("<td>Balie</td>") == 5


def test_history_is_hidden_from_roles_without_outreach(client, make_member, org_a):
    contact = make_contact(org_a, "Sanne Bakker", email="sanne@example.org")
    client.force_login(make_member(Role.COMPLAINTS_OFFICER, org_a))
    page = client.get(reverse("contacts:contact_detail", args=[contact.pk])).content.decode()
    assert "sanne@example.org" in page and "Uitnodigingen" not in page
