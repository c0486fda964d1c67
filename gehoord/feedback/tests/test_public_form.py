"""The public feedback form under good and bad input: empty, 1 MB, HTML/script injection,
a flood from one address, bots; nothing is stored half and injection is shown as text."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from gehoord.catalog.tests.factories import make_service
from gehoord.feedback import service
from gehoord.feedback.models import FollowUp, Signal, SignalKind, SignalSource
from gehoord.feedback.public_form import issue_token

pytestmark = pytest.mark.django_db


def url(org) -> str:
    return f"/o/{org.slug}/feedback/"


def valid(**extra) -> dict:
    return {
        "kind": "complaint",
        "text": "Ik wacht al weken op antwoord.",
        "started": issue_token(time.time() - 30),
        **extra,
    }


def test_form_is_open_without_log_in(client, org_a):
    response = client.get(url(org_a))
    assert response.status_code == 200
    assert (
        "Klacht, idee of compliment" in response.content.decode()
        or "Complaint, idea or compliment" in response.content.decode()
    )


def test_complaint_is_filed_with_its_deadline(client, org_a):
    wmo = make_service(org_a, "Wmo", code="wmo")
    response = client.post(url(org_a), valid(service=wmo.pk))
    assert response.status_code == 302
    assert response["Location"].split("?")[0].endswith("/bedankt/")
    signal = Signal.objects.get()
    assert signal.organisation == org_a and signal.service == wmo
    assert signal.kind == SignalKind.COMPLAINT and signal.source == SignalSource.PUBLIC_FORM
    assert signal.due_on == service.deadlines.due_date(
        SignalKind.COMPLAINT, timezone.localdate(), service.settings_of(org_a)
    )
    assert not FollowUp.objects.exists()
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("kind", "promise", "not_promised"),
    [
        ("complaint", "Een klacht handelen wij af binnen 6 weken.", "Wij lezen elk idee"),
        ("feedback", "Wij lezen elk idee en elke opmerking", "Een klacht handelen"),
        ("compliment", "Wij geven uw compliment door", "Een klacht handelen"),
    ],
)
def test_the_thanks_tell_what_happens_with_this_kind_of_message(
    client, org_a, kind, promise, not_promised
):
    response = client.post(url(org_a), valid(kind=kind))
    html = client.get(response["Location"]).content.decode()
    assert Signal.objects.get().receipt_number in html
    assert promise in html and not_promised not in html


def test_contact_request_creates_a_follow_up_with_consent(client, org_a):
    response = client.post(
        url(org_a), valid(wants_contact="on", name="Jan Jansen", phone="06 12345678", consent="on")
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.contact_phone == "06 12345678" and follow_up.consent_at is not None
    assert "Jan" not in Signal.objects.get().text  # identity stays out of the signal


def test_contact_request_without_details_or_consent_is_refused(client, org_a):
    response = client.post(url(org_a), valid(wants_contact="on"))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body
    assert not Signal.objects.exists() and not FollowUp.objects.exists()


def test_empty_form(client, org_a):
    response = client.post(url(org_a), {})
    assert response.status_code == 400
    assert not Signal.objects.exists()
    response = client.post(url(org_a), valid(text="   "))
    assert response.status_code == 400
    assert not Signal.objects.exists()


def test_one_megabyte_is_refused_clearly(client, org_a):
    response = client.post(url(org_a), valid(text="a" * (1024 * 1024)))
    assert response.status_code == 400
    assert "5000" in response.content.decode()
    assert not Signal.objects.exists()


def test_injection_is_stored_as_text_and_shown_escaped(client, org_a, make_member):
    from gehoord.tenancy.roles import Role

    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert client.post(url(org_a), valid(text=attack)).status_code == 302
    signal = Signal.objects.get()
    assert signal.text == attack
    client.force_login(make_member(Role.COMPLAINTS_OFFICER, org_a))
    body = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body
    assert "<img src=x" not in body
    # Echoed back in the form after an error, still escaped.
    client.logout()
    body = client.post(url(org_a), valid(text=attack, kind="")).content.decode()
    assert "<script>alert" not in body


def test_flood_from_one_address_is_stopped(client, org_a):
    statuses = [
        client.post(url(org_a), valid(text=f"bericht {i}"), REMOTE_ADDR="203.0.113.9").status_code
        for i in range(14)
    ]
    assert statuses[:10] == [302] * 10
    assert set(statuses[10:]) == {429}
    assert Signal.objects.count() == 10
    # Another address is not affected.
    assert client.post(url(org_a), valid(), REMOTE_ADDR="198.51.100.1").status_code == 302


def test_bots_are_turned_away_without_storing(client, org_a):
    honeypot = client.post(url(org_a), valid(website="http://spam.example"))
    assert honeypot.status_code == 302  # a bot learns nothing
    too_fast = client.post(url(org_a), valid(started=issue_token()))
    assert too_fast.status_code == 400
    forged = client.post(url(org_a), valid(started="12345:forged"))
    assert forged.status_code == 400
    stale = client.post(
        url(org_a), valid(started=issue_token(time.time() - timedelta(hours=5).total_seconds()))
    )
    assert stale.status_code == 400
    assert "Ik wacht al weken" in stale.content.decode()  # the message is kept
    assert not Signal.objects.exists()


def test_unknown_or_closed_organisation(client, org_a):
    assert client.get("/o/bestaat-niet/feedback/").status_code == 404
    settings = service.settings_of(org_a)
    settings.public_form_enabled = False
    settings.save()
    assert client.get(url(org_a)).status_code == 404


def test_service_of_another_organisation_is_refused(client, org_a, org_b):
    foreign = make_service(org_b, "Vreemd")
    assert client.post(url(org_a), valid(service=foreign.pk)).status_code == 400
    assert not Signal.objects.exists()
