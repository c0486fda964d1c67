"""Receipts (Awb 9:6, Wmebv): a receipt number per signal sent in, shown on the thank-you
page and returned by the API, and a receipt e-mail through a real SMTP server."""

import json
import time
from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from huey.contrib.djhuey import HUEY

from gehoord.catalog.tests.factories import make_service
from gehoord.feedback import receipts, service
from gehoord.feedback.models import Signal, SignalKind, SignalSource
from gehoord.feedback.public_form import issue_token
from gehoord.feedback.tests.factories import make_signal
from gehoord.tenancy import service as tenancy_service
from gehoord.testing import TEST_NOW

pytestmark = pytest.mark.django_db
YEAR = TEST_NOW.year  # the suite's frozen moment, not the day the module is imported


@pytest.fixture
def immediate_huey():
    HUEY.immediate = True
    yield
    HUEY.immediate = False


def send_form(client, org, **extra):
    return client.post(
        f"/o/{org.slug}/feedback/",
        {
            "kind": "complaint",
            "text": "Ik wacht al zes weken op mijn Wmo-indicatie. Niemand belt terug.",
            "started": issue_token(time.time() - 30),
            **extra,
        },
    )


def test_numbers_are_readable_and_unique_per_organisation(org_a, org_b):
    first = service.record_signal(
        org_a, kind="complaint", text="a", received_on=date(2026, 3, 2), source="public_form"
    )
    second = service.record_signal(
        org_a, kind="feedback", text="b", received_on=date(2026, 3, 2), source="api"
    )
    other = service.record_signal(
        org_b, kind="complaint", text="c", received_on=date(2026, 3, 2), source="api"
    )
    staff = make_signal(org_a, "complaint", "d", received_on=date(2026, 3, 2))
    assert first.receipt_number == f"GH-{YEAR}-000001"
    assert second.receipt_number == f"GH-{YEAR}-000002"
    assert other.receipt_number == f"GH-{YEAR}-000001"  # each organisation counts its own
    assert staff.source == SignalSource.STAFF and staff.receipt_number == ""
    with pytest.raises(IntegrityError):  # the database refuses a number twice
        Signal.objects.filter(pk=second.pk).update(receipt_number=first.receipt_number)


def test_thank_you_page_shows_the_number_and_the_email_has_copy_and_deadline(
    client, org_a, smtp_inbox, immediate_huey, django_capture_on_commit_callbacks
):
    wmo = make_service(org_a, "Wmo", code="wmo")
    with django_capture_on_commit_callbacks(execute=True):
        response = send_form(client, org_a, service=wmo.pk, receipt_email="fatima@example.org")
    assert response.status_code == 302
    signal = Signal.objects.get()
    number = signal.receipt_number
    thanks = client.get(response["Location"]).content.decode()
    assert f"<strong>{number}</strong>" in thanks

    [message] = smtp_inbox.messages
    assert message["To"] == "fatima@example.org" and number in message["Subject"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert f"Uw referentienummer is {number}." in text
    assert "Ik wacht al zes weken op mijn Wmo-indicatie. Niemand belt terug." in text  # copy
    assert "Over: Wmo" in text
    due = signal.due_on
    assert due == service.deadlines.due_date(
        SignalKind.COMPLAINT, signal.received_on, service.settings_of(org_a)
    )
    assert f"uiterlijk {due.day} " in text and str(due.year) in text and "Awb 9:11" in text
    assert "&#x27;" not in text and "&amp;" not in text


def test_compliment_receipt_says_there_is_no_legal_deadline(
    client, org_a, smtp_inbox, immediate_huey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_form(client, org_a, kind="compliment", receipt_email="blij@example.org")
    text = smtp_inbox.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert "geen wettelijke termijn" in text


def test_no_address_no_email_and_a_forged_number_is_not_shown(
    client, org_a, smtp_inbox, immediate_huey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send_form(client, org_a)
    assert smtp_inbox.messages == []
    assert Signal.objects.get().receipt_number in client.get(response["Location"]).content.decode()
    forged = client.get(f"/o/{org_a.slug}/feedback/bedankt/?ontvangst=GH-2026-999999")
    assert forged.status_code == 200 and "GH-2026-999999" not in forged.content.decode()


def test_bad_receipt_address_is_a_clear_error(client, org_a):
    response = send_form(client, org_a, receipt_email="geen-adres")
    assert response.status_code == 400 and not Signal.objects.exists()


def test_api_returns_the_receipt_number_and_sends_the_receipt(
    client, org_a, smtp_inbox, immediate_huey, django_capture_on_commit_callbacks
):
    key = tenancy_service.create_api_key(org_a, "klachtensysteem")[1]

    def post(body):
        return client.post(
            "/api/v1/signals",
            data=json.dumps(body),
            content_type="application/json",
            headers={"X-API-Key": key},
        )

    body = {"kind": "objection", "received_on": "2026-11-30", "text": "Bezwaar tegen besluit."}
    with django_capture_on_commit_callbacks(execute=True):
        created = post({**body, "receipt_email": "bezwaar@example.org"})
    assert created.status_code == 201, created.content
    number = created.json()["receipt_number"]
    assert number == Signal.objects.get().receipt_number and number.startswith(f"GH-{YEAR}-")
    text = smtp_inbox.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert number in text and "Awb 7:10" in text and "Bezwaar tegen besluit." in text
    refused = post({**body, "receipt_email": "nope"})
    assert refused.status_code == 422 and Signal.objects.count() == 1


def test_signed_receipt_expires(org_a, clock):
    signal = service.record_signal(
        org_a, kind="complaint", text="a", received_on=date(2026, 3, 2), source="api"
    )
    value = receipts.signed_receipt(signal)
    assert receipts.shown_receipt(value) == (signal.receipt_number, "complaint")
    clock.shift(timedelta(seconds=receipts.SHOWN_FOR_SECONDS + 60))
    assert receipts.shown_receipt(value) == ("", "")
