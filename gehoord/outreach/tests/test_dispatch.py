"""Dispatch with real parts: a real SMTP server, real survey links, the real database."""

import re
import socket
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.contacts import service as contacts_service
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.outreach import query, service
from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import EventKind, EventSource, Invitation, InvitationStatus
from gehoord.outreach.tests.factories import make_rule
from gehoord.surveys.models import Response, SurveyToken
from gehoord.testing import TEST_NOW

AMS = ZoneInfo("Europe/Amsterdam")
# Relative to the suite's frozen day, so survey links issued by the dispatch are still valid
# when opened.
TODAY = TEST_NOW.astimezone(AMS).date()
EVENT_DAY = TODAY - timedelta(days=1)
DUE = datetime.combine(TODAY, time(10, 0), tzinfo=AMS)


@pytest.fixture
def rule(org_a):
    paspoort = make_service(org_a, "Paspoort", code="paspoort")
    questionnaire = published_questionnaire(org_a, "Paspoort", required=True)
    return make_rule(
        paspoort, questionnaire, EventKind.COMPLETED, ["email", "sms"], delay_days=1, send_hour=10
    )


def event_for(org, rule, external_id="1", **contact):
    return service.record_event(
        org,
        contact=contact or {"name": "Sanne", "email": "sanne@example.org"},
        service=rule.service,
        kind=EventKind.COMPLETED,
        occurred_on=EVENT_DAY,
        source=EventSource.API,
        external_id=external_id,
    )[0]


def _dates_and_times(token: SurveyToken) -> dict:
    return {
        f.attname: getattr(token, f.attname)
        for f in SurveyToken._meta.concrete_fields
        if f.get_internal_type() in ("DateField", "DateTimeField")
    }


def test_answered_link_keeps_nothing_to_find_its_response_by(client, org_a, rule, smtp_inbox):
    """Re-identification (issue 23): a completed link matched its response by segment and
    completion date. Once answered, the link keeps only that it was used."""
    event_for(org_a, rule, name="Sanne", email="sanne@example.org", district="Centrum")
    send_due_invitations(now=DUE)
    invitation = Invitation.objects.get()
    link = reverse("surveys:answer", args=[invitation.token.token])
    client.get(link)
    token = SurveyToken.objects.get()
    before = _dates_and_times(token)
    client.post(
        link,
        {
            "version": token.version_id,
            "page": 1,
            f"q{token.version.items.get().pk}": "9",
            "action": "next",
        },
    )
    response = Response.objects.get()
    assert response.service_id == rule.service.pk and response.district == "Centrum"
    assert response.invitation_channel == "email"  # the response keeps its coarse segment

    token.refresh_from_db()
    assert token.status == "completed"
    # Nothing the response also holds is left on the token ...
    shared = {f.attname for f in SurveyToken._meta.concrete_fields} & {
        f.attname for f in Response._meta.concrete_fields
    }
    shared -= {"id", "organisation_id", "questionnaire_id"}
    assert set(Response.SEGMENT_FIELDS) | {"version_id", "language"} <= shared
    kept = {name: getattr(token, name) for name in shared}
    assert {name: value for name, value in kept.items() if value not in (None, "")} == {}
    # ... nor a date of answering to set beside the response's time stamp ...
    assert _dates_and_times(token) == before
    # ... so matching a response on the link's attributes finds nothing.
    assert not Response.objects.filter(**kept).exists()

    # The response rate comes from the invitation's status and is what it was.
    send_due_invitations(now=DUE + timedelta(hours=1))
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.RESPONDED
    assert query.response_counts(org_a, DUE - timedelta(days=1), DUE + timedelta(days=1)) == (
        1,
        1,
    )


def test_event_to_email_to_survey_to_responded(client, org_a, rule, smtp_inbox):
    event_for(org_a, rule)
    assert send_due_invitations(now=DUE - timedelta(minutes=1)) == 0  # not due yet
    assert smtp_inbox.messages == []
    assert send_due_invitations(now=DUE) == 1
    assert send_due_invitations(now=DUE) == 0  # never twice
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == "sanne@example.org"
    assert "List-Unsubscribe" in message
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Beste Sanne," in text and "Paspoort" in text
    link = re.search(r"http://127\.0\.0\.1:8000(/v/[^/\s]+/)", text).group(1)

    invitation = Invitation.objects.get()
    assert invitation.status == "sent" and invitation.channel == "email"
    assert client.get(link).status_code == 200
    token = invitation.token
    token.refresh_from_db()
    client.post(
        link,
        {
            "version": token.version_id,
            "page": 1,
            f"q{token.version.items.get().pk}": "9",
            "action": "next",
        },
    )
    send_due_invitations(now=DUE + timedelta(days=1))
    invitation.refresh_from_db()
    assert invitation.status == "responded"


def test_opt_out_link_in_the_email_stops_later_invitations(client, org_a, rule, smtp_inbox):
    event_for(org_a, rule)
    send_due_invitations(now=DUE)
    text = smtp_inbox.messages[0].get_body(preferencelist=("plain",)).get_content()
    opt_out = re.search(r"http://127\.0\.0\.1:8000(/afmelden/[^/\s]+/)", text).group(1)
    assert client.post(opt_out).status_code == 200  # no log-in needed
    event_for(org_a, rule, external_id="2")
    send_due_invitations(now=DUE)
    assert len(smtp_inbox.messages) == 1
    assert Invitation.objects.get(event__external_id="2").status == "opted_out"


def test_quarantine_across_rules(org_a, rule, smtp_inbox):
    org_a.quarantine_days = 90
    org_a.save()
    event_for(org_a, rule, external_id="1")
    send_due_invitations(now=DUE)
    event_for(org_a, rule, external_id="2")
    send_due_invitations(now=DUE)
    second = Invitation.objects.get(event__external_id="2")
    assert second.status == "skipped" and second.reason == "quarantine"
    assert len(smtp_inbox.messages) == 1


def test_no_usable_channel_is_a_recorded_failure(org_a, rule, smtp_inbox):
    event_for(org_a, rule, street="Dorpsstraat 1", postal_code="1234 AB")
    send_due_invitations(now=DUE)
    invitation = Invitation.objects.get()
    assert invitation.status == "failed" and "no address" in invitation.reason


def test_smtp_down_is_retried_with_back_off(org_a, rule, settings):
    with socket.socket() as sock:  # a port where nothing listens
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    event_for(org_a, rule)
    send_due_invitations(now=DUE)
    invitation = Invitation.objects.get()
    assert invitation.status == "scheduled" and invitation.reason.startswith("retry")
    assert invitation.due_at == DUE + timedelta(minutes=5) and invitation.attempts == 1


def test_daily_maximum_moves_the_rest_to_tomorrow(org_a, rule, smtp_inbox):
    rule.max_per_day = 1
    rule.save()
    event_for(org_a, rule, external_id="1", email="a@example.org")
    event_for(org_a, rule, external_id="2", email="b@example.org")
    send_due_invitations(now=DUE)
    assert len(smtp_inbox.messages) == 1
    waiting = Invitation.objects.get(status="scheduled")
    assert waiting.due_at == DUE + timedelta(days=1)
    send_due_invitations(now=DUE + timedelta(days=1))
    assert len(smtp_inbox.messages) == 2


def test_opted_out_contact_is_never_sent(org_a, rule, smtp_inbox):
    event = event_for(org_a, rule)
    contacts_service.opt_out(event.contact.opt_out_token)
    send_due_invitations(now=DUE)
    assert smtp_inbox.messages == [] and Invitation.objects.get().status == "opted_out"
    assert reverse("contacts:opt_out", args=[event.contact.opt_out_token])


def test_one_reminder_only_for_those_who_did_not_answer(client, org_a, rule, smtp_inbox):
    rule.reminder_after_days = 5
    rule.save()
    event_for(org_a, rule, external_id="1", email="a@example.org")
    event_for(org_a, rule, external_id="2", email="b@example.org")
    send_due_invitations(now=DUE)
    answered = Invitation.objects.get(event__external_id="2").token
    answered.status = "completed"
    answered.save()
    send_due_invitations(now=DUE + timedelta(days=4))
    assert len(smtp_inbox.messages) == 2  # too early for a reminder
    send_due_invitations(now=DUE + timedelta(days=5))
    send_due_invitations(now=DUE + timedelta(days=9))
    assert len(smtp_inbox.messages) == 3
    reminder = smtp_inbox.messages[2]
    assert reminder["To"] == "a@example.org" and reminder["Subject"].startswith("Herinnering:")
    statuses = dict(Invitation.objects.values_list("event__external_id", "status"))
    assert statuses == {"1": "reminded", "2": "responded"}


def test_unanswered_invitation_expires(org_a, rule, smtp_inbox):
    event_for(org_a, rule)
    send_due_invitations(now=DUE)
    send_due_invitations(now=DUE + timedelta(days=rule.expires_after_days, minutes=1))
    assert Invitation.objects.get().status == "expired"


def test_reminder_without_a_survey_link_is_skipped_not_a_crash(org_a, rule, smtp_inbox):
    rule.reminder_after_days = 1
    rule.save()
    event_for(org_a, rule)
    send_due_invitations(now=DUE)
    Invitation.objects.update(token=None)  # e.g. history imported from another tool
    send_due_invitations(now=DUE + timedelta(days=2))
    invitation = Invitation.objects.get()
    assert invitation.reminded_at is not None and "no survey link" in invitation.reason
    assert len(smtp_inbox.messages) == 1


# Issue 23: no outside I/O inside a write transaction (SQLite holds its write lock meanwhile).


@pytest.fixture
def transaction_state_at_send(monkeypatch):
    """Whether a database transaction was open each time a message went to the mail server."""
    from django.core.mail.backends.smtp import EmailBackend
    from django.db import connection

    states: list[bool] = []
    send_messages = EmailBackend.send_messages

    def recording(self, messages):
        states.append(connection.in_atomic_block)
        return send_messages(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", recording)
    return states


@pytest.mark.django_db(transaction=True)
def test_mail_is_sent_outside_any_transaction(org_a, rule, smtp_inbox, transaction_state_at_send):
    rule.reminder_after_days = 1
    rule.save()
    event_for(org_a, rule)
    assert send_due_invitations(now=DUE) == 1
    assert send_due_invitations(now=DUE + timedelta(days=2)) == 1  # the reminder
    assert len(smtp_inbox.messages) == 2
    assert transaction_state_at_send == [False, False]
    assert Invitation.objects.get().status == "reminded"


@pytest.mark.django_db(transaction=True)
def test_another_connection_writes_while_a_slow_mail_server_is_sending(org_a, rule, smtp_inbox):
    """A log-in (here: a write from another thread) does not wait for the mail server."""
    import threading
    import time

    from django.db import connection

    from gehoord.catalog.tests.factories import make_team

    event_for(org_a, rule)
    smtp_inbox.delay = 1.0
    timings: dict[str, float] = {}

    def write_meanwhile():
        time.sleep(0.3)  # the dispatch is now with the mail server
        start = time.monotonic()
        make_team(org_a, "Balie")
        timings["write"] = time.monotonic() - start
        connection.close()

    writer = threading.Thread(target=write_meanwhile)
    writer.start()
    send_due_invitations(now=DUE)
    writer.join()
    assert len(smtp_inbox.messages) == 1 and Invitation.objects.get().status == "sent"
    assert timings["write"] < 0.5, timings


def test_a_claimed_invitation_is_not_claimed_again_while_it_is_being_sent(org_a, rule, smtp_inbox):
    """The claim commits before the send; the lease keeps another worker off it."""
    from gehoord.outreach import dispatch

    event_for(org_a, rule)
    seen = []
    send = dispatch.send_invitation

    def send_and_look(invitation, channel, **kwargs):
        seen.append(dispatch._claim_next(DUE))  # what a second worker would claim now
        return send(invitation, channel, **kwargs)

    import unittest.mock

    with unittest.mock.patch.object(dispatch, "send_invitation", send_and_look):
        assert send_due_invitations(now=DUE) == 1
    assert seen == [None] and len(smtp_inbox.messages) == 1
    invitation = Invitation.objects.get()
    assert invitation.status == "sent" and invitation.due_at == DUE and invitation.attempts == 1


def test_email_has_a_timeout(settings):
    from django.core.mail import get_connection

    from gehoord import config

    assert config.read("EMAIL_TIMEOUT") == 30
    assert settings.EMAIL_TIMEOUT == 30
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert get_connection().timeout == 30
