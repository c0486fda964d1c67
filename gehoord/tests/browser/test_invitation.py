"""End to end with real parts: an event through the API, dispatch, the e-mail at a real SMTP
server, the resident opens its link in a browser and answers; the invitation is "responded"
and no reminder follows."""

import json
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import Invitation
from gehoord.outreach.tests.test_dispatch import DUE, rule  # noqa: F401  (fixture)
from gehoord.tenancy import service as tenancy_service

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_event_email_browser_response(
    page: Page,
    live_server,
    client,
    org_a,
    rule,  # noqa: F811
    smtp_inbox,
    settings,
):
    settings.GEHOORD_BASE_URL = live_server.url
    rule.reminder_after_days = 3
    rule.save()
    key = tenancy_service.create_api_key(org_a, "zaaksysteem")[1]
    response = client.post(
        "/api/v1/events",
        content_type="application/json",
        headers={"X-API-Key": key},
        data=json.dumps(
            {
                "service": "paspoort",
                "kind": "completed",
                "date": (DUE - timedelta(days=1)).date().isoformat(),
                "contact": {"name": "Lotte", "email": "lotte@example.org"},
            }
        ),
    )
    assert response.status_code == 201

    assert send_due_invitations(now=DUE) == 1
    text = smtp_inbox.messages[0].get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"(http://\S+/v/\S+/)", text).group(1)

    page.goto(link)
    assert_accessible(page)
    page.get_by_role("radio", name="8", exact=True).check()
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("heading", name="Bedankt voor uw antwoorden")).to_be_visible()

    send_due_invitations(now=DUE + timedelta(days=4))
    assert Invitation.objects.get().status == "responded"
    assert len(smtp_inbox.messages) == 1  # no reminder for someone who answered
