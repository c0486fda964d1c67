"""Mail to residents leaves from the organisation's own address when it configured one,
so the receiving side can check it against that domain's SPF/DKIM/DMARC; staff mail and
organisations without one keep the platform's sender."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from gehoord.catalog.tests.factories import make_service
from gehoord.feedback import service as feedback_service
from gehoord.feedback.models import SignalKind
from gehoord.feedback.receipts import send_receipt
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.outreach import service as outreach_service
from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import EventKind, EventSource
from gehoord.outreach.tests.factories import make_rule
from gehoord.tenancy.mail_sender import sender_for
from gehoord.testing import TEST_NOW

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = TEST_NOW.astimezone(AMS).date()


@pytest.fixture
def own_sender(org_a):
    org_a.name = "Gemeente Voorbeeld"
    org_a.email_sender_address = "klantbeleving@voorbeeld.nl"
    org_a.email_reply_to = "kcc@voorbeeld.nl"
    org_a.save()
    return org_a


def test_without_an_own_address_the_platform_sender_is_used(org_a, settings):
    settings.DEFAULT_FROM_EMAIL = "gehoord <noreply@platform.example>"
    sender = sender_for(org_a)
    assert sender.from_email == "gehoord <noreply@platform.example>"
    assert sender.reply_to == []


def test_the_own_address_carries_the_organisation_name(own_sender):
    sender = sender_for(own_sender)
    assert sender.from_email == "Gemeente Voorbeeld <klantbeleving@voorbeeld.nl>"
    assert sender.reply_to == ["kcc@voorbeeld.nl"]


def test_a_name_with_special_characters_is_quoted(org_a):
    org_a.name = "Gemeente 's-Hertogenbosch, afdeling <Wmo>"
    org_a.email_sender_address = "wmo@s-hertogenbosch.nl"
    org_a.save()
    assert sender_for(org_a).from_email == (
        '"Gemeente \'s-Hertogenbosch, afdeling <Wmo>" <wmo@s-hertogenbosch.nl>'
    )


def test_an_invitation_comes_from_the_organisation(own_sender, smtp_inbox):
    questionnaire = published_questionnaire(own_sender, "Paspoort", required=True)
    rule = make_rule(
        make_service(own_sender, "Paspoort", code="paspoort"),
        questionnaire,
        delay_days=1,
        send_hour=10,
    )
    outreach_service.record_event(
        own_sender,
        contact={"name": "Anne", "email": "anne@example.org"},
        service=rule.service,
        kind=EventKind.COMPLETED,
        occurred_on=TODAY - timedelta(days=1),
        source=EventSource.API,
        external_id="1",
    )
    assert send_due_invitations(now=datetime.combine(TODAY, time(10, 0), tzinfo=AMS)) == 1
    [message] = smtp_inbox.messages
    assert message["From"] == "Gemeente Voorbeeld <klantbeleving@voorbeeld.nl>"
    assert message["Reply-To"] == "kcc@voorbeeld.nl"


def test_a_receipt_and_a_message_back_come_from_the_organisation(own_sender, smtp_inbox):
    signal = feedback_service.record_signal(
        own_sender,
        kind=SignalKind.COMPLAINT,
        text="Brief kwijt",
        received_on=date(2026, 11, 30),
        contact={"name": "Jan", "email": "jan@example.org", "consent": True},
    )
    send_receipt(signal, "jan@example.org")
    assert feedback_service.send_message_back(
        signal.follow_up, "Wij hebben het opgelost.", "Uw melding"
    )
    assert [m["From"] for m in smtp_inbox.messages] == [
        "Gemeente Voorbeeld <klantbeleving@voorbeeld.nl>"
    ] * 2
    assert [m["Reply-To"] for m in smtp_inbox.messages] == ["kcc@voorbeeld.nl"] * 2


def test_the_settings_page_refuses_a_malformed_sender(client_a, org_a):
    page = client_a.get("/beheer/instellingen/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["languages"] = ["nl"]
    data["email_sender_address"] = "geen adres"
    response = client_a.post("/beheer/instellingen/", data)
    assert response.status_code == 200
    org_a.refresh_from_db()
    assert org_a.email_sender_address == ""
