"""The signals list and the follow-up list show a signal's text masked (no BSN, e-mail
address, phone number or registered name); the case screen keeps the full text."""

import pytest

from gehoord.contacts.tests.factories import make_contact
from gehoord.feedback.tests.factories import make_follow_up, make_signal
from gehoord.surveys.tests.factories import build_questionnaire, make_response
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

BSN = "111222333"  # passes the 11-test
EMAIL = "p.bakkerman@voorbeeld.nl"
PHONE = "06-12345678"
NAME = "Pieternel Bakkerman"
PERSONAL = (BSN, EMAIL, PHONE, NAME, "Bakkerman", "12345678")
TEXT = f"Mijn BSN is {BSN}, mail {EMAIL} of bel {PHONE}. Groet, {NAME}"


@pytest.fixture
def org_with_register(org_a):
    make_contact(org_a, NAME)
    return org_a


def shows_no_personal_data(body: str) -> None:
    for value in PERSONAL:
        assert value not in body
    for placeholder in ("[BSN]", "[e-mail]", "[telefoonnummer]", "[naam]"):
        assert placeholder in body


def test_signals_list_masks_the_preview(client, make_member, org_with_register):
    client.force_login(make_member(Role.COMPLAINTS_OFFICER, org_with_register))
    signal = make_signal(org_with_register, text=TEXT)
    body = client.get("/signalen/").content.decode()
    shows_no_personal_data(body)
    assert "Mijn BSN is [BSN], mail [e-mail] of bel [telefoonnummer]. Groet, [naam]" in body
    # Searching by a word of the text still finds it, masked.
    found = client.get("/signalen/?q=groet")
    assert list(found.context["object_list"]) == [signal]
    shows_no_personal_data(found.content.decode())
    # The case screen is where the full text is read.
    detail = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert BSN in detail and EMAIL in detail and PHONE in detail and NAME in detail


def test_follow_up_list_masks_the_signal_preview(client, make_member, org_with_register):
    client.force_login(make_member(Role.TEAM_LEAD, org_with_register))
    make_follow_up(org_with_register, signal=make_signal(org_with_register, text=TEXT))
    response = make_response(
        build_questionnaire(org_with_register),
        {"grade": 3, "follow_up": 1, "improve": f"Bel {NAME} terug"},
    )
    make_follow_up(org_with_register, "low_grade", response=response)
    body = client.get("/opvolging/").content.decode()
    shows_no_personal_data(body)
    assert "Bel [naam] terug" in body  # the response's open answer, masked as before


def test_data_crossing_the_cut_is_masked_whole(client, make_member, org_with_register):
    client.force_login(make_member(Role.COMPLAINTS_OFFICER, org_with_register))
    # The e-mail address and the name start before the 140th character and end after it.
    lead = "Klacht over de afvalinzameling in onze straat, al weken te laat. " * 2
    make_signal(org_with_register, text=lead[:125] + f" {EMAIL} {NAME} " + "meer " * 200)
    make_signal(org_with_register, text=lead[:130] + f" {NAME} " + "meer " * 200)
    body = client.get("/signalen/").content.decode()
    for value in (EMAIL, "p.bakkerman", "voorbeeld", NAME, "Bakkerman", "Pieternel"):
        assert value not in body
    assert "meer meer" not in body and "…" in body
