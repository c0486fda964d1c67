"""Open Klant notifications against a fake Open Klant (outreach.tests.factories): a real
HTTP server in a thread with the Open Klant 2 Klantinteracties shapes."""

import pytest

from gehoord.outreach.models import Invitation, ServiceEvent, ZgwNotification
from gehoord.outreach.tests.factories import (
    OPEN_KLANT_NOTIFICATIONS,
    FakeOpenKlant,
    klantcontact_notification,
    open_klant_world,
    post_open_klant_notification,
)

URL = OPEN_KLANT_NOTIFICATIONS
post = post_open_klant_notification


@pytest.fixture
def open_klant(org_a):
    with open_klant_world(org_a) as connection:
        yield connection


def test_klantcontact_becomes_an_event_and_an_invitation(client, open_klant):
    assert post(client, klantcontact_notification()).status_code == 204
    event = ServiceEvent.objects.get()
    assert (event.source, event.kind, event.service.code) == ("openklant", "completed", "kcc")
    assert str(event.occurred_on) == "2026-11-20"
    assert event.contact.email == "noor@example.org" and event.contact.mobile == "0612345678"
    assert event.contact.name == "Noor de Vries"
    invitation = Invitation.objects.get()
    assert invitation.event == event and invitation.rule.questionnaire.name == "Korte KCC-peiling"
    assert f"{invitation.due_at:%Y-%m-%d}" == "2026-11-21"
    assert ZgwNotification.objects.get().outcome == "event"
    assert set(FakeOpenKlant.tokens) == {"Token " + "t" * 40}
    post(client, klantcontact_notification())  # announced twice: still one event, one invitation
    assert (ServiceEvent.objects.count(), Invitation.objects.count()) == (1, 1)


def test_other_notifications_and_failed_contacts_are_recorded_and_ignored(client, open_klant):
    post(client, klantcontact_notification(resource="betrokkene"))
    FakeOpenKlant.gelukt = False
    post(client, klantcontact_notification())
    assert list(ZgwNotification.objects.order_by("pk").values_list("reason", flat=True)) == [
        "not a new klantcontact",
        "the contact did not succeed",
    ]
    assert ServiceEvent.objects.count() == 0


def test_wrong_token_and_urls_outside_the_root_are_refused(client, open_klant):
    assert post(client, klantcontact_notification(), token="geraden").status_code == 401
    assert ZgwNotification.objects.count() == 0
    tokens_before = len(FakeOpenKlant.tokens)
    post(client, klantcontact_notification(resourceUrl=f"{FakeOpenKlant.base}/elders/klantcontact"))
    recorded = ZgwNotification.objects.get()
    assert recorded.outcome == "failed" and "refused" in recorded.reason
    assert len(FakeOpenKlant.tokens) == tokens_before  # the token never left gehoord
