"""The coding screen: one text at a time, codes replaced atomically, scoped to the
organisation; open answers shown masked; suggestions only shown."""

from datetime import date, datetime

import pytest

from gehoord.feedback import service
from gehoord.feedback.models import Coding, Signal, SignalKind, Theme
from gehoord.framework.principles import Principle
from gehoord.surveys.models import Answer
from gehoord.surveys.tests.factories import build_questionnaire, make_response
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def coder(client, make_member, org_a):
    client.force_login(make_member(Role.ANALYST, org_a))
    return client


def signal(org, text="Ik wacht al weken"):
    return service.record_signal(
        org, kind=SignalKind.COMPLAINT, text=text, received_on=date(2026, 3, 2)
    )


def test_code_signals_one_after_another(coder, org_a, django_assert_max_num_queries):
    first, second = signal(org_a, "Eerste, bel 0612345678"), signal(org_a, "Tweede")
    coder.get("/coderen/")  # the first visit seeds the themes
    with django_assert_max_num_queries(15):
        response = coder.get("/coderen/")
    assert response.context["current"] == second  # newest first
    assert response.context["remaining"] == 2
    wait = Theme.objects.get(organisation=org_a, code="wachttijd")
    coder.post(
        "/coderen/",
        {
            "bron": "signalen",
            "item": second.pk,
            "theme": [wait.pk],
            "principle": [Principle.RELIABILITY],
        },
    )
    assert set(Coding.objects.values_list("theme__code", "principle")) == {
        ("wachttijd", ""),
        (None, Principle.RELIABILITY),
    }
    response = coder.get("/coderen/")
    assert response.context["current"] == first
    assert "0612345678" not in response.content.decode()  # masked outside the case screen
    # Skip moves past without coding.
    skipped = coder.get(f"/coderen/?bron=signalen&voor={first.pk}")
    assert skipped.context["current"] is None


def test_nothing_chosen_is_refused(coder, org_a):
    item = signal(org_a)
    response = coder.post("/coderen/", {"bron": "signalen", "item": item.pk}, follow=True)
    assert (
        "Kies ten minste" in response.content.decode()
        or "Choose at least one" in response.content.decode()
    )
    assert not Coding.objects.exists()


def test_other_organisations_texts_and_themes_cannot_be_coded(coder, org_a, org_b):
    foreign = signal(org_b)
    service.install_themes(org_b)
    foreign_theme = Theme.objects.get(organisation=org_b, code="wachttijd")
    assert (
        coder.post(
            "/coderen/", {"bron": "signalen", "item": foreign.pk, "theme": [foreign_theme.pk]}
        ).status_code
        == 404
    )
    own = signal(org_a)
    coder.post(
        "/coderen/",
        {
            "bron": "signalen",
            "item": own.pk,
            "theme": [foreign_theme.pk],
            "principle": [Principle.LISTENING],
        },
    )
    assert list(Coding.objects.values_list("theme", "principle")) == [(None, Principle.LISTENING)]
    assert not Signal.objects.get(pk=foreign.pk).codings.exists()


def test_open_answers_are_coded_by_id(coder, org_a):
    questionnaire = build_questionnaire(org_a)
    make_response(
        questionnaire,
        {"grade": 4, "follow_up": 1, "improve": "Sneller reageren. Mail jan@example.org"},
        datetime.fromisoformat("2026-03-02T10:00:00+01:00"),
    )
    answer = Answer.objects.get(item=questionnaire.items["improve"])
    response = coder.get("/coderen/?bron=antwoorden")
    assert response.context["current"] == answer
    assert "jan@example.org" not in response.content.decode()
    theme = Theme.objects.get(organisation=org_a, code="wachttijd")
    coder.post("/coderen/", {"bron": "antwoorden", "item": answer.pk, "theme": [theme.pk]})
    assert Coding.objects.get().answer == answer


def test_complaints_officer_may_code_interviewer_may_not(client, make_member, org_a):
    client.force_login(make_member(Role.INTERVIEWER, org_a))
    assert client.get("/coderen/").status_code == 403


def test_themes_page_trains_and_adds(client_a, org_a, settings):
    settings.HUEY = {**settings.HUEY, "immediate": True}
    assert client_a.get("/coderen/themas/").status_code == 200
    response = client_a.post(
        "/coderen/themas/", {"name": "Parkeren", "code": "parkeren", "position": 20, "active": "on"}
    )
    assert response.status_code == 302
    assert Theme.objects.filter(organisation=org_a, code="parkeren").exists()
    duplicate = client_a.post(
        "/coderen/themas/", {"name": "Parkeren", "code": "parkeren", "position": 20}
    )
    assert duplicate.status_code == 400
