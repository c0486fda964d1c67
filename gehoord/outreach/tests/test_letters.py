"""Letters: the day's batch as a real PDF with QR code and access code; the code works."""

import pytest
from django.urls import reverse

from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.letters import letter_html
from gehoord.outreach.models import Invitation

from .test_dispatch import DUE, event_for, rule  # noqa: F401  (fixture)

ADDRESS = {
    "name": "Truus de Wit",
    "street": "Dorpsstraat 1",
    "postal_code": "1234 AB",
    "city": "Voorbeeld",
}


@pytest.fixture
def letter(org_a, rule):  # noqa: F811
    rule.channels = ["email", "letter"]
    rule.save()
    event_for(org_a, rule, **ADDRESS)
    send_due_invitations(now=DUE)
    return Invitation.objects.get()


def test_letter_invitation_gets_an_access_code(letter):
    assert letter.status == "sent" and letter.channel == "letter"
    assert len(letter.token.access_code) == 10


def test_letter_content(org_a, letter):
    html = letter_html(org_a, [letter])
    code = letter.token.access_code
    assert "Truus de Wit" in html and "1234 AB" in html
    assert f"{code[:4]}-{code[4:8]}-{code[8:]}" in html and "<svg" in html
    assert "http://127.0.0.1:8000/code/" in html


def test_day_batch_downloads_as_pdf(client_a, org_a, letter):
    page = client_a.get(reverse("outreach:letters")).content.decode()
    day = letter.sent_at.astimezone().date().isoformat()
    assert f"?dag={day}" in page
    response = client_a.get(reverse("outreach:letters") + f"?dag={day}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 2000
    assert client_a.get(reverse("outreach:letters") + "?dag=2001-01-01").status_code == 404
    assert client_a.get(reverse("outreach:letters") + "?dag=kapot").status_code == 404


def test_typed_access_code_opens_the_survey(client, letter):
    code = letter.token.access_code
    typed = f" {code[:4].lower()}-{code[4:8]} {code[8:]} "
    response = client.post(reverse("surveys:code"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:answer", args=[letter.token.token])
    wrong = client.post(reverse("surveys:code"), {"code": "AAAA-BBBB-CC"})
    assert wrong.status_code == 400 and "Wij kennen deze code niet" in wrong.content.decode()
