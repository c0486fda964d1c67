"""Signals and follow-up lists: search in the text, a text preview, order by deadline, and
query counts that do not grow with the rows."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gehoord.feedback.tests.factories import make_follow_up, make_signal
from gehoord.surveys.tests.factories import build_questionnaire, make_response
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, make_member, org_a):
    client.force_login(make_member(Role.COMPLAINTS_OFFICER, org_a))
    return client


@pytest.fixture
def lead(client, make_member, org_a):
    client.force_login(make_member(Role.TEAM_LEAD, org_a))
    return client


def test_signals_search_preview_and_deadline_order(officer, org_a, org_b):
    late = make_signal(org_a, text="Parkeervergunning kwijt", due_on=date(2026, 3, 1))
    soon = make_signal(org_a, text="De parkeerautomaat " + "x" * 5000, due_on=date(2026, 4, 1))
    make_signal(org_a, text="Fijn geholpen", due_on=date(2026, 2, 1), received_on=date(2026, 1, 5))
    make_signal(org_b, text="Parkeren in B", due_on=date(2026, 1, 1))
    found = officer.get("/signalen/?q=PARKEER&sorteer=termijn")
    assert list(found.context["object_list"]) == [late, soon]
    body = found.content.decode()
    assert "Parkeervergunning kwijt" in body and "x" * 200 not in body and "…" in body
    newest = list(officer.get("/signalen/?q=parkeer&sorteer=nieuw").context["object_list"])
    assert newest == sorted([late, soon], key=lambda s: (s.received_on, s.pk), reverse=True)
    assert list(officer.get("/signalen/?q=bestaat-niet").context["object_list"]) == []
    assert officer.get("/signalen/?q=" + "a" * 500 + "&sorteer=raar").status_code == 200


def test_signal_list_queries_do_not_grow(officer, org_a, django_assert_num_queries):
    for n in range(3):
        make_signal(org_a, text=f"Klacht {n}", due_on=date(2026, 3, n + 1))
    officer.get("/signalen/")  # the first request after log-in also touches the session
    with CaptureQueriesContext(connection) as few:
        officer.get("/signalen/?q=klacht")
    for n in range(40):
        make_signal(org_a, text=f"Klacht extra {n}", due_on=date(2026, 3, 1))
    with django_assert_num_queries(len(few)):
        officer.get("/signalen/?q=klacht")


def test_follow_ups_search_preview_and_order(lead, org_a):
    today = timezone.localdate()
    questionnaire = build_questionnaire(org_a)
    answered = make_response(
        questionnaire, {"grade": 3, "follow_up": 1, "improve": "Bel mij op 06-1234 5678 graag"}
    )
    of_response = make_follow_up(org_a, "low_grade", due_on=today + timedelta(days=5))
    of_response.response = answered
    of_response.save()
    signal = make_signal(org_a, text="Afvalbak niet geleegd")
    of_signal = make_follow_up(org_a, due_on=today + timedelta(days=1), signal=signal)
    quiet = make_follow_up(org_a, due_on=today + timedelta(days=3))
    page = lead.get("/opvolging/")
    assert list(page.context["object_list"]) == [of_signal, quiet, of_response]
    body = page.content.decode()
    assert "Afvalbak niet geleegd" in body and "Bel mij op [telefoonnummer] graag" in body
    assert "06-1234" not in body
    assert list(lead.get("/opvolging/?q=afvalbak").context["object_list"]) == [of_signal]
    assert list(lead.get("/opvolging/?q=graag").context["object_list"]) == [of_response]
    newest = list(lead.get("/opvolging/?sorteer=nieuw").context["object_list"])
    assert newest == [quiet, of_signal, of_response]  # created last first


def test_follow_up_list_queries_do_not_grow(lead, org_a, django_assert_num_queries):
    questionnaire = build_questionnaire(org_a)

    def add(count):
        for n in range(count):
            follow_up = make_follow_up(org_a, "low_grade")
            follow_up.response = make_response(
                questionnaire, {"grade": 2, "follow_up": 1, "improve": f"Tekst {n}"}
            )
            follow_up.save()
            make_follow_up(org_a, signal=make_signal(org_a, text=f"Signaal {n}"))

    add(2)
    lead.get("/opvolging/")  # the first request after log-in also touches the session
    with CaptureQueriesContext(connection) as few:
        lead.get("/opvolging/")
    add(10)
    with django_assert_num_queries(len(few)):
        lead.get("/opvolging/")
