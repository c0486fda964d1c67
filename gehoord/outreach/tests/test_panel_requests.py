"""'Wilt u vaker meedenken?': panel consent for the contact behind a personal link, with
no link from the response to the link, the invitation or the contact."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.contacts.models import Consent, ConsentSource, Purpose
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.outreach import service
from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import EventKind, EventSource, Invitation
from gehoord.outreach.tests.factories import make_rule
from gehoord.surveys.models import Response, SurveyToken
from gehoord.testing import TEST_NOW

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = TEST_NOW.astimezone(AMS).date()
DUE = datetime.combine(TODAY, time(10, 0), tzinfo=AMS)


@pytest.fixture
def answered(client, org_a, smtp_inbox):
    """Sanne was invited by e-mail and answered through her personal link."""
    paspoort = make_service(org_a, "Paspoort", code="paspoort")
    make_rule(paspoort, published_questionnaire(org_a, "Balie"), delay_days=1)
    service.record_event(
        org_a,
        contact={"name": "Sanne Bakker", "email": "sanne@example.org"},
        service=paspoort,
        kind=EventKind.COMPLETED,
        occurred_on=TODAY - timedelta(days=1),
        source=EventSource.API,
        external_id="1",
    )
    send_due_invitations(now=DUE)
    invitation = Invitation.objects.get()
    token = invitation.token
    link = reverse("surveys:answer", args=[token.token])
    client.get(link)
    token.refresh_from_db()
    done = client.post(
        link,
        {
            "version": token.version_id,
            "page": 1,
            f"q{token.version.items.get().pk}": "8",
            "action": "next",
        },
    )
    assert done.status_code == 302
    return invitation


def test_yes_records_panel_consent_for_the_contact_and_never_links_the_response(client, answered):
    token = answered.token
    done = client.get(reverse("surveys:done", args=[token.token])).content.decode()
    assert "Wilt u vaker meedenken?" in done
    assert client.post(reverse("surveys:join_panel", args=[token.token])).status_code == 302
    assert (
        "We hebben genoteerd"
        in client.get(reverse("surveys:done", args=[token.token])).content.decode()
    )
    # Nothing is recorded at the moment of answering ...
    assert not Consent.objects.exists()

    send_due_invitations(now=DUE + timedelta(hours=2))  # ... but in outreach's next run

    consent = Consent.objects.get()
    assert consent.contact == answered.contact and consent.purpose == Purpose.PANEL
    assert consent.source == ConsentSource.SURVEY and consent.is_active
    # given on the day, not at a moment that could be laid beside the response's time
    given = consent.given_at.astimezone(AMS)
    assert (given.date(), given.time()) == (TODAY, time(0, 0))
    response = Response.objects.get()
    assert response.submitted_at != consent.given_at
    token.refresh_from_db()
    assert token.panel_request == "recorded"

    # The response has no field that points to a link, invitation or contact ...
    related = {
        f.related_model._meta.label
        for f in Response._meta.get_fields()
        if f.is_relation and f.related_model is not None
    }
    assert related.isdisjoint({"contacts.Contact", "outreach.Invitation", "surveys.SurveyToken"})
    # ... and its row holds none of their keys or values.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Response._meta.db_table}")
        columns = [c[0] for c in cursor.description]
        [row] = cursor.fetchall()
    keys = [c for c in columns if any(w in c for w in ("contact", "invitation", "token"))]
    assert keys == ["invitation_channel"]  # the coarse segment (e-mail/SMS/letter) only
    values = {str(v) for v in row if v is not None}
    assert values.isdisjoint({token.token, "sanne@example.org", "Sanne Bakker", "Sanne"})

    send_due_invitations(now=DUE + timedelta(hours=3))
    assert Consent.objects.count() == 1  # recorded once


def test_no_panel_question_for_open_links_or_unfinished_links(client, org_a):
    from gehoord.surveys import service as survey_service

    questionnaire = published_questionnaire(org_a, "Open")
    open_token = survey_service.issue_token(questionnaire, from_open_link=True)
    open_token.status = "completed"
    open_token.save()
    unfinished = survey_service.issue_token(questionnaire)
    for token in (open_token, unfinished):
        assert client.post(reverse("surveys:join_panel", args=[token.token])).status_code == 404
    assert not SurveyToken.objects.exclude(panel_request="").exists()
    assert client.get(reverse("surveys:join_panel", args=[unfinished.token])).status_code == 405
