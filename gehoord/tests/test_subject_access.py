"""Subject access ("inzage", AVG art. 15) and erasure reach every store of a contact.

Two residents of one organisation share a service, a questionnaire rule and the city, so
their rows sit side by side in every store; each export holds its own contact's rows and
nothing of the other's, and an erasure's proof counts what every store removed.
"""

import io
import json
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from huey.contrib.djhuey import HUEY
from pypdf import PdfReader

from gehoord.catalog.tests.factories import make_service
from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import ConsentSource, Contact, LegalBasis, Purpose
from gehoord.feedback import service as feedback_service
from gehoord.feedback.models import FollowUp, Signal, SignalKind
from gehoord.framework.tests.factories import make_questionnaire
from gehoord.outreach import service as outreach_service
from gehoord.outreach.models import EventKind, EventSource, Invitation, ServiceEvent
from gehoord.outreach.tests.factories import make_rule
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

ANNA = {"name": "Anna de Jong", "email": "anna@example.org", "mobile": "0612345678"}
BERT = {"name": "Bert de Vries", "email": "bert@example.org", "mobile": "0687654321"}


def resident(org, identity, external_id, signal_text):
    """A contact with a consent, an event and invitation, a complaint with a follow-up
    holding their details, and an edit in the audit log."""
    event, _ = outreach_service.record_event(
        org,
        contact={**identity, "city": "Alfastad"},
        service=org.wmo,
        kind=EventKind.COMPLETED,
        occurred_on=date(2026, 10, 1),
        source=EventSource.API,
        external_id=external_id,
    )
    contact = event.contact
    contacts_service.give_consent(
        contact,
        Purpose.SURVEY_INVITATIONS,
        legal_basis=LegalBasis.CONSENT,
        source=ConsentSource.WEB_FORM,
    )
    feedback_service.record_signal(
        org,
        kind=SignalKind.COMPLAINT,
        text=signal_text,
        received_on=date(2026, 11, 2),
        contact={"name": identity["name"], "email": identity["email"], "consent": True},
    )
    contact.district = "Centrum"
    contact.save()
    return contact


@pytest.fixture
def residents(org_a):
    org_a.wmo = make_service(org_a, "Wmo hulp bij het huishouden")
    make_rule(org_a.wmo, make_questionnaire(org_a, "Wmo-onderzoek"))
    anna = resident(org_a, ANNA, "zaak-a", "Anna de Jong wacht al weken op antwoord.")
    bert = resident(org_a, BERT, "zaak-b", "Mail bert@example.org over de planning.")
    # Bert is in the panel; Anna opted out.
    contacts_service.give_consent(
        bert, Purpose.PANEL, legal_basis=LegalBasis.CONSENT, source=ConsentSource.SURVEY
    )
    contacts_service.opt_out(anna.opt_out_token)
    anna.refresh_from_db()
    return anna, bert


def export(client, contact, file_format="json"):
    url = reverse(f"contacts:subject_access_{file_format}", args=[contact.pk])
    return client.get(url)


def sections_of(response) -> dict:
    return {section["key"]: section for section in json.loads(response.content)["sections"]}


def test_the_export_holds_every_store_of_the_contact_and_nothing_of_another(client_a, residents):
    anna, bert = residents
    response = export(client_a, anna)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    sections = sections_of(response)
    assert set(sections) == {
        "identity",
        "consents",
        "opt_out_and_panel",
        "service_events",
        "invitations",
        "follow_ups",
        "signals",
        "audit_log",
    }
    identity = {row["item"]: row["value"] for row in sections["identity"]["rows"]}
    assert identity["name"] == "Anna de Jong" and identity["email"] == "anna@example.org"
    assert identity["city"] == "Alfastad"
    # Opted out: both consents withdrawn, and the date is there; not in the panel.
    assert [row["withdrawn_at"] is not None for row in sections["consents"]["rows"]] == [True]
    opt_out = {row["item"]: row["value"] for row in sections["opt_out_and_panel"]["rows"]}
    assert opt_out["opted_out_at"] is not None
    assert opt_out["panel_member_since"] == "geen lid"
    assert [row["date"] for row in sections["service_events"]["rows"]] == ["2026-10-01"]
    [invitation] = sections["invitations"]["rows"]
    assert invitation["questionnaire"] == "Wmo-onderzoek" and invitation["status"]
    [follow_up] = sections["follow_ups"]["rows"]
    assert follow_up["contact_email"] == "anna@example.org"
    assert [row["text"] for row in sections["signals"]["rows"]] == [
        "Anna de Jong wacht al weken op antwoord."
    ]
    audit = sections["audit_log"]["rows"]
    assert any("district" in row["changes"] for row in audit)
    # Nothing of Bert, in any section.
    text = response.content.decode()
    for detail in (*BERT.values(), "planning", f'"contact_number": {bert.pk}'):
        assert detail not in text


def test_the_other_contacts_export_is_theirs(client_a, residents):
    anna, bert = residents
    sections = sections_of(export(client_a, bert))
    opt_out = {row["item"]: row["value"] for row in sections["opt_out_and_panel"]["rows"]}
    assert opt_out["panel_member_since"] != "geen lid"
    assert [row["text"] for row in sections["signals"]["rows"]] == [
        "Mail bert@example.org over de planning."
    ]
    assert "Anna" not in json.dumps(sections) and "anna@example.org" not in json.dumps(sections)


def test_responses_are_left_out_with_a_plain_explanation(client_a, residents):
    anna, _bert = residents
    data = json.loads(export(client_a, anna).content)
    assert data["responses_not_included"].startswith("Uw antwoorden op onze vragenlijsten")
    assert "niet gekoppeld" in data["responses_not_included"]


def test_the_export_is_in_the_residents_language(client_a, residents):
    anna, _bert = residents
    Contact.objects.filter(pk=anna.pk).update(preferred_language="en")
    data = json.loads(export(client_a, anna).content)
    assert data["responses_not_included"].startswith("Your answers")
    assert data["sections"][0]["title"] == "Your details"


def test_the_pdf_renders_with_the_contacts_rows(client_a, residents):
    anna, _bert = residents
    response = export(client_a, anna, "pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 1
    # Table cells wrap where they like: compare without any white space.
    text = "".join("".join(page.extract_text() for page in reader.pages).split())
    for expected in ("AnnadeJong", "anna@example.org", "Wmo-onderzoek", "Uwantwoordenop"):
        assert expected in text
    assert "Bert" not in text


def test_each_download_is_in_the_audit_log_with_who(client_a, admin_a, residents):
    anna, _bert = residents
    export(client_a, anna, "pdf")
    export(client_a, anna, "json")
    entries = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, additional_data__kind="subject_access_export"
    ).order_by("pk")
    assert [(e.actor, e.changes_dict["format"][1]) for e in entries] == [
        (admin_a, "pdf"),
        (admin_a, "json"),
    ]
    assert all("Anna" not in e.object_repr for e in entries)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
@pytest.mark.parametrize("file_format", ["pdf", "json"])
def test_only_those_who_manage_contacts_may_export(client, make_member, org_a, role, file_format):
    contact = contacts_service.register_contact(org_a, **ANNA)
    client.force_login(make_member(role, org_a))
    assert export(client, contact, file_format).status_code == 403


def test_another_organisations_contact_is_not_found(client_a, org_b):
    contact = contacts_service.register_contact(org_b, **ANNA)
    assert export(client_a, contact).status_code == 404
    assert not LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, content_type__model="contact"
    ).exists()


def test_the_contact_page_offers_the_export(client_a, residents):
    anna, _bert = residents
    page = client_a.get(reverse("contacts:contact_detail", args=[anna.pk])).content.decode()
    assert reverse("contacts:subject_access_pdf", args=[anna.pk]) in page
    assert reverse("contacts:subject_access_json", args=[anna.pk]) in page


def test_the_erasure_proof_counts_every_store(residents, admin_a):
    anna, bert = residents
    erasure = contacts_service.erase(anna, admin_a)
    assert erasure.removed["consents"] == 1
    assert erasure.removed["service_events"] == 1 and erasure.removed["invitations"] == 1
    assert erasure.removed["follow_up_contact_details"] == 1
    assert erasure.removed["signal_texts"] == 1
    assert erasure.removed["audit_log_entries"] >= 1
    assert not ServiceEvent.objects.filter(contact_id=anna.pk).exists()
    assert not Invitation.objects.filter(contact_id=anna.pk).exists()
    assert Signal.objects.filter(text__contains="[naam] wacht").exists()
    # Bert's rows are all still there.
    assert ServiceEvent.objects.filter(contact=bert).count() == 1
    assert FollowUp.objects.filter(contact_email="bert@example.org").count() == 1


def test_the_task_queue_keeps_no_results_that_erasure_could_not_reach(settings):
    """Huey would keep a task's return value and a failed task's error and traceback in
    its result store; gehoord's queue keeps none."""
    assert HUEY.results is False

    @HUEY.task(name="test_subject_access.returns_an_address")
    def returns_an_address(address):
        return address

    @HUEY.task(name="test_subject_access.fails_with_an_address")
    def fails_with_an_address(address):
        raise ValueError(f"duplicate key (email)=({address})")

    HUEY.immediate = True
    try:
        returns_an_address("anna@example.org")
        fails_with_an_address("anna@example.org")
        assert HUEY.storage.result_store_size() == 0
    finally:
        HUEY.immediate = False
