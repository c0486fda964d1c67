"""The text part of an e-mail shows names as they are; only the HTML part escapes them."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from gehoord.catalog.tests.factories import make_service
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.outreach import service
from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import EventKind, EventSource
from gehoord.outreach.tests.factories import make_rule
from gehoord.testing import TEST_NOW

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = TEST_NOW.astimezone(AMS).date()

ORGANISATION = "Gemeente 's-Hertogenbosch & <Omstreken>"
SERVICE = "Paspoort & ID-kaart <spoed>"
CONTACT = "Anne-Marie O'Brien & <Co>"


@pytest.mark.parametrize("reminder", [False, True])
def test_invitation_text_part_is_not_html_escaped(org_a, smtp_inbox, reminder):
    org_a.name = ORGANISATION
    org_a.save()
    questionnaire = published_questionnaire(org_a, "Paspoort", required=True)
    rule = make_rule(
        make_service(org_a, SERVICE, code="paspoort"),
        questionnaire,
        delay_days=1,
        send_hour=10,
        reminder_after_days=3,
    )
    service.record_event(
        org_a,
        contact={"name": CONTACT, "email": "anne@example.org"},
        service=rule.service,
        kind=EventKind.COMPLETED,
        occurred_on=TODAY - timedelta(days=1),
        source=EventSource.API,
        external_id="1",
    )
    due = datetime.combine(TODAY, time(10, 0), tzinfo=AMS)
    assert send_due_invitations(now=due) == 1
    if reminder:
        assert send_due_invitations(now=due + timedelta(days=3)) == 1
    assert len(smtp_inbox.messages) == (2 if reminder else 1)
    message = smtp_inbox.messages[-1]

    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    subject = message["Subject"]
    for name in (ORGANISATION, SERVICE, CONTACT):
        assert name in text
        escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped.replace("'", "&#x27;") in html
        assert name not in html
    assert ORGANISATION in subject
    for entity in ("&amp;", "&lt;", "&gt;", "&#x27;", "&quot;"):
        assert entity not in text and entity not in subject
