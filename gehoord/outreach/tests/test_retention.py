"""Service events and their invitations go after the retention period, unless an invitation
is still running; a contact's erasure takes theirs and counts them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gehoord.catalog.tests.factories import make_service
from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import Contact
from gehoord.contacts.tests.factories import make_contact
from gehoord.framework.tests.factories import make_questionnaire
from gehoord.outreach import query, service
from gehoord.outreach.models import (
    EventKind,
    EventSource,
    Invitation,
    InvitationStatus,
    ServiceEvent,
)
from gehoord.outreach.tests.factories import make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule(org_a):
    return make_rule(make_service(org_a, "Wmo"), make_questionnaire(org_a, "Wmo"))


def event_with_invitation(contact, rule, days_ago, status):
    moment = timezone.now() - timedelta(days=days_ago)
    event = ServiceEvent.objects.create(
        organisation=contact.organisation,
        contact=contact,
        service=rule.service,
        kind=EventKind.COMPLETED,
        occurred_on=moment.date(),
        source=EventSource.API,
    )
    ServiceEvent.objects.filter(pk=event.pk).update(received_at=moment)
    Invitation.objects.create(
        organisation=contact.organisation,
        contact=contact,
        event=event,
        rule=rule,
        status=status,
        due_at=moment,
    )
    return event


def test_old_events_go_with_their_invitations_unless_one_runs(org_a, rule):
    contact = make_contact(org_a)
    gone = event_with_invitation(contact, rule, 400, InvitationStatus.RESPONDED)
    running = event_with_invitation(contact, rule, 400, InvitationStatus.SENT)
    recent = event_with_invitation(contact, rule, 5, InvitationStatus.RESPONDED)
    before = timezone.now() - timedelta(days=365)

    expected = {"service_events": 1, "invitations": 1}
    assert service.purge_service_events(org_a, before, dry_run=True) == expected
    assert service.purge_service_events(org_a, before) == expected
    assert service.purge_service_events(org_a, before) == {"service_events": 0, "invitations": 0}
    assert set(ServiceEvent.objects.values_list("pk", flat=True)) == {running.pk, recent.pk}
    assert not Invitation.objects.filter(event_id=gone.pk).exists()


def test_a_running_invitation_keeps_its_contact_in_touch(org_a, rule):
    quiet, invited = make_contact(org_a, "Stil"), make_contact(org_a, "Uitgenodigd")
    event_with_invitation(quiet, rule, 400, InvitationStatus.EXPIRED)
    event_with_invitation(invited, rule, 400, InvitationStatus.REMINDED)
    since = timezone.now() - timedelta(days=365)
    in_touch = Contact.objects.filter(organisation=org_a).filter(query.in_touch_since(since))
    assert list(in_touch.values_list("name", flat=True)) == ["Uitgenodigd"]


def test_erasure_deletes_and_counts_the_contacts_events_and_invitations(org_a, rule, admin_a):
    contact, other = make_contact(org_a), make_contact(org_a, "Ander")
    event_with_invitation(contact, rule, 10, InvitationStatus.RESPONDED)
    event_with_invitation(contact, rule, 20, InvitationStatus.SENT)
    event_with_invitation(other, rule, 10, InvitationStatus.SENT)
    erasure = contacts_service.erase(contact, admin_a)
    assert erasure.removed["service_events"] == 2 and erasure.removed["invitations"] == 2
    assert ServiceEvent.objects.filter(contact=other).count() == 1
