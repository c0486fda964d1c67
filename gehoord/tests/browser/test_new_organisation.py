"""A new organisation gets going without a developer (issue 14).

The platform operator runs `gehoord organisation create`; from then on everything happens
in a real browser: the administrator accepts the one-time link and logs in, invites a
member (the e-mail reaches a real SMTP server), adds a service, publishes a questionnaire
from the standard set, makes an invitation rule and an API key. The case system sends a
service event with that key, dispatch sends the invitation and the resident answers.
axe-core checks the new administration screens against WCAG 2.1 A and AA.
"""

import io
import json
import re
import urllib.request
from datetime import timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import Invitation
from gehoord.outreach.tests.test_dispatch import DUE, EVENT_DAY
from gehoord.tenancy.models import Membership, Organisation
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .second_step import pass_second_step
from .test_builder import add_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Zuiderstad-beheer-2026"
GRADE = "Welk rapportcijfer geeft u de dienstverlening?"


def mail_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_new_organisation_gets_going_through_the_ui(page: Page, live_server, smtp_inbox, settings):
    settings.GEHOORD_BASE_URL = live_server.url
    out = io.StringIO()
    call_command(
        "organisation",
        "create",
        "--name",
        "Gemeente Zuiderstad",
        "--kind",
        "gemeente",
        "--inhabitants",
        "64000",
        "--admin-email",
        "beheer@zuiderstad.example",
        "--print-link",
        stdout=out,
    )
    link = out.getvalue().strip().splitlines()[-1]
    organisation = Organisation.objects.get(name="Gemeente Zuiderstad")

    # The administrator chooses a password on the one-time link and is logged in.
    page.goto(link)
    expect(page.get_by_role("heading", name="Kies uw wachtwoord")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Nieuw wachtwoord:?$")).fill(PASSWORD)
    page.get_by_label("Nieuw wachtwoord bevestigen").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan en inloggen").click()
    expect(page.get_by_text("Welkom! U werkt nu in Gemeente Zuiderstad.")).to_be_visible()
    # A new organisation asks for two-step verification: the administrator sets up the app.
    expect(page.get_by_role("heading", name=re.compile("[Tt]weestaps"))).to_be_visible()
    assert_accessible(page)
    pass_second_step(page, "beheer@zuiderstad.example")

    # Invite a member.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    expect(page.get_by_role("heading", level=1, name="Gebruikers")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Gebruiker uitnodigen").click()
    page.get_by_label("E-mailadres").fill("analist@zuiderstad.example")
    page.get_by_label("Rol").select_option(label="Analist")
    page.get_by_role("button", name="Uitnodiging sturen").click()
    expect(page.get_by_text("analist@zuiderstad.example is uitgenodigd.")).to_be_visible()
    expect(
        page.get_by_role("cell", name=re.compile("Uitgenodigd; de link werkt tot"))
    ).to_be_visible()
    assert_accessible(page)
    [invite] = smtp_inbox.messages
    assert invite["To"] == "analist@zuiderstad.example"
    assert f"{live_server.url}/uitnodiging/" in mail_text(invite)
    assert Membership.objects.get(user__username="analist@zuiderstad.example").role == Role.ANALYST

    # Settings and the audit log are reachable from the administration tabs.
    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="Instellingen").click()
    expect(page.get_by_label("Minimaal aantal reacties om te tonen")).to_have_value("10")
    assert_accessible(page)

    # A service, and a questionnaire from the standard set for it, published.
    page.get_by_role("link", name="Catalogus").first.click()
    page.get_by_role("link", name="Dienst toevoegen").first.click()
    page.get_by_label("Naam").fill("Paspoort")
    page.get_by_label("Code").fill("paspoort")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("“Paspoort” is opgeslagen.")).to_be_visible()

    page.get_by_role("link", name="Vragenlijsten").first.click()
    page.get_by_role("link", name="Nieuwe vragenlijst").click()
    page.get_by_label("Naam").fill("Klantonderzoek paspoort")
    page.get_by_label("Paspoort").check()
    page.get_by_role("button", name="Vragenlijst maken").click()
    add_question(page, f"{GRADE} (Rapportcijfer 1–10)", 1, required=True)
    expect(page.locator("#builder-status")).to_contain_text("is toegevoegd aan pagina 1")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Versie 1 is gepubliceerd.")).to_be_visible()

    # An invitation rule: e-mail, the day after the service ended, at 10:00.
    page.get_by_role("link", name="Uitnodigen").first.click()
    page.get_by_role("link", name="Uitnodigingsregel toevoegen").click()
    page.get_by_label("Dienst").select_option(label="Paspoort")
    page.get_by_label(re.compile(r"^Na:?$")).select_option(value="completed")
    page.get_by_label("Vragenlijst").select_option(label="Klantonderzoek paspoort")
    page.get_by_label("E-mail").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De uitnodigingsregel is opgeslagen.")).to_be_visible()

    # An API key for the case system, shown once.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.get_by_role("navigation", name="Beheer").get_by_role("link", name="API-sleutels").click()
    page.get_by_role("link", name="Nieuwe API-sleutel").click()
    page.get_by_label("Naam").fill("zaaksysteem")
    page.get_by_label("Gebeurtenissen sturen").check()
    page.get_by_role("button", name="Sleutel maken").click()
    expect(page.get_by_role("heading", name="Uw nieuwe API-sleutel")).to_be_visible()
    assert_accessible(page)
    key = page.get_by_label("Sleutel voor zaaksysteem").input_value()
    page.get_by_role("link", name="Ik heb de sleutel gekopieerd").click()
    expect(page.get_by_role("cell", name="nooit")).to_be_visible()
    assert_accessible(page)

    # The case system sends a service event with the key.
    event = {
        "service": "paspoort",
        "kind": "completed",
        "date": EVENT_DAY.isoformat(),
        "contact": {"name": "Lotte", "email": "lotte@example.org"},
    }
    request = urllib.request.Request(
        live_server.url + "/api/v1/events",
        data=json.dumps(event).encode(),
        headers={"Content-Type": "application/json", "X-API-Key": key},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local
        assert response.status == 201
        assert json.loads(response.read())["invitations"] == 1
    page.reload()
    expect(page.get_by_role("cell", name="nooit")).to_have_count(0)

    # Dispatch sends the invitation; the resident answers in the browser.
    assert send_due_invitations(now=DUE) == 1
    invitation_mail = smtp_inbox.messages[-1]
    assert invitation_mail["To"] == "lotte@example.org"
    survey_link = re.search(r"(http://\S+/v/\S+/)", mail_text(invitation_mail)).group(1)
    page.goto(survey_link)
    page.get_by_role("radio", name="8", exact=True).check()
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("heading", name="Bedankt voor uw antwoorden")).to_be_visible()
    send_due_invitations(now=DUE + timedelta(days=4))
    assert Invitation.objects.get(organisation=organisation).status == "responded"
    assert len(smtp_inbox.messages) == 2  # no reminder was set
