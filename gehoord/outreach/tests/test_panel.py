"""The panel as the audience of a questionnaire."""

from django.urls import reverse

from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import ConsentSource, LegalBasis, Purpose
from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import Invitation

from .test_dispatch import DUE, rule  # noqa: F401  (fixture)


def panel_member(org, email, **fields):
    contact = contacts_service.register_contact(org, email=email, **fields)
    contacts_service.give_consent(
        contact, Purpose.PANEL, legal_basis=LegalBasis.CONSENT, source=ConsentSource.SURVEY
    )
    return contact


def test_invite_a_panel_selection(client_a, org_a, rule, smtp_inbox):  # noqa: F811
    questionnaire = rule.questionnaire
    questionnaire.services.add(rule.service)
    panel_member(org_a, "noord1@example.org", district="Noord")
    panel_member(org_a, "noord2@example.org", district="Noord")
    panel_member(org_a, "zuid@example.org", district="Zuid")
    contacts_service.register_contact(org_a, email="geen-panel@example.org", district="Noord")

    page = client_a.get(reverse("outreach:panel_invite") + "?district=Noord").content.decode()
    assert "2 panelleden passen bij deze keuze" in page
    response = client_a.post(
        reverse("outreach:panel_invite"),
        {"district": "Noord", "questionnaire": questionnaire.pk, "channels": ["email"]},
    )
    assert response.status_code == 302
    invitations = Invitation.objects.filter(event__isnull=True)
    assert invitations.count() == 2 and invitations.first().rule.event_kind == "panel"

    send_due_invitations()
    recipients = sorted(m["To"] for m in smtp_inbox.messages)
    assert recipients == ["noord1@example.org", "noord2@example.org"]
    assert "Paspoort" in smtp_inbox.messages[0].get_body(preferencelist=("plain",)).get_content()


def test_panel_form_needs_a_questionnaire_and_a_channel(client_a, org_a, rule):  # noqa: F811
    response = client_a.post(reverse("outreach:panel_invite"), {"district": "Noord"})
    assert response.status_code == 200
    assert "Kies minstens één kanaal." in response.content.decode()
    assert Invitation.objects.count() == 0
