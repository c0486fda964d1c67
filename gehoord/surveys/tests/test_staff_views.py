"""Interviewer entry and reading responses."""

import threading
import uuid

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.surveys import service
from gehoord.surveys.models import Channel, Response
from gehoord.tenancy.roles import Role


@pytest.fixture
def interviewer(client, make_member, org_a):
    client.force_login(make_member(Role.INTERVIEWER, org_a))
    return client


def entry_data(questionnaire, **answers):
    data = {
        "ctx-channel": "phone",
        "ctx-language": "nl",
        "ctx-nonce": str(uuid.uuid4()),
        "ctx-service": questionnaire.service.pk,
    }
    data.update({f"q{questionnaire.items[key].pk}": value for key, value in answers.items()})
    return data


def test_interviewer_enters_phone_answers(interviewer, questionnaire):
    start = interviewer.get(reverse("surveys:entry_start")).content.decode()
    assert "Klantonderzoek bijstand" in start
    entry_url = reverse("surveys:entry_form", args=[questionnaire.version.pk])
    assert interviewer.get(entry_url).status_code == 200
    data = entry_data(questionnaire, grade="5", follow_up="0", why_not="Geen tijd")
    response = interviewer.post(entry_url, data)
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.channel == Channel.PHONE and stored.service == questionnaire.service
    codes = set(stored.answers.values_list("question__code", flat=True))
    assert codes == {"core_grade", "core_follow_up", "waarom_niet"}

    # The same form posted twice (double click) is stored once.
    interviewer.post(entry_url, data)
    assert Response.objects.count() == 1


def test_same_form_posted_from_another_session_is_stored_once(
    client, make_member, org_a, questionnaire
):
    # A replayed post (another tab after a log-in again, a proxy retrying) does not share
    # the first one's session: the form's own key must stop it.
    user = make_member(Role.INTERVIEWER, org_a)
    entry_url = reverse("surveys:entry_form", args=[questionnaire.version.pk])
    data = entry_data(questionnaire, grade="7", follow_up="1")
    client.force_login(user)
    assert client.post(entry_url, data).status_code == 302
    other = Client()
    other.force_login(user)
    again = other.post(entry_url, data, follow=True)
    assert again.status_code == 200
    assert "Deze antwoorden waren al opgeslagen." in again.content.decode()
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_five_simultaneous_posts_of_one_form_store_one_response(
    client, make_member, org_a, questionnaire
):
    client.force_login(make_member(Role.INTERVIEWER, org_a))
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    entry_url = reverse("surveys:entry_form", args=[questionnaire.version.pk])
    data = entry_data(questionnaire, grade="7", follow_up="1")
    posts = 5
    start = threading.Barrier(posts)
    results: list = []

    def post() -> None:
        browser = Client()  # one browser, five clicks: the same session cookie
        browser.cookies[settings.SESSION_COOKIE_NAME] = session_cookie
        try:
            start.wait(timeout=30)
            results.append(browser.post(entry_url, data).status_code)
        except Exception as error:  # noqa: BLE001 - shown in the assertion below
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results == [302] * posts
    assert Response.objects.count() == 1


def test_interviewer_can_only_choose_the_questionnaires_own_services(
    interviewer, org_a, questionnaire
):
    other = make_service(org_a, "Parkeervergunning")
    entry_url = reverse("surveys:entry_form", args=[questionnaire.version.pk])
    form = interviewer.get(entry_url).context["context_form"]
    assert list(form.fields["service"].queryset) == [questionnaire.service]
    assert form.fields["service"].initial == questionnaire.service.pk

    data = entry_data(questionnaire, grade="5", follow_up="0")
    data["ctx-service"] = other.pk
    page = interviewer.post(entry_url, data)
    assert page.status_code == 200 and 'class="error-summary"' in page.content.decode()
    assert not Response.objects.exists()
    data["ctx-service"] = ""  # one service of its own: it must be chosen, not left empty
    assert interviewer.post(entry_url, data).status_code == 200
    assert not Response.objects.exists()


def test_interviewer_answers_hidden_by_condition_are_dropped(interviewer, questionnaire):
    entry_url = reverse("surveys:entry_form", args=[questionnaire.version.pk])
    interviewer.post(
        entry_url,
        entry_data(questionnaire, grade="8", follow_up="1", why_not="zou verborgen moeten zijn"),
    )
    codes = set(Response.objects.get().answers.values_list("question__code", flat=True))
    assert "waarom_niet" not in codes


def test_interviewer_missing_required_and_bad_input(interviewer, questionnaire):
    entry_url = reverse("surveys:entry_form", args=[questionnaire.version.pk])
    response = interviewer.post(entry_url, entry_data(questionnaire, grade="11"))
    assert "Kies een cijfer van 1 tot en met 10." in response.content.decode()
    response = interviewer.post(entry_url, entry_data(questionnaire, follow_up="1"))
    assert "Nog niet alle verplichte vragen zijn beantwoord." in response.content.decode()
    data = entry_data(questionnaire, grade="7", follow_up="1")
    data["ctx-channel"] = "web"
    response = interviewer.post(entry_url, data)
    assert response.status_code == 200
    assert Response.objects.count() == 0


def test_entry_refuses_draft_versions_and_other_roles(client, make_member, org_a, questionnaire):
    from gehoord.framework import service as framework_service

    draft = framework_service.start_new_draft(questionnaire)
    client.force_login(make_member(Role.INTERVIEWER, org_a))
    assert client.get(reverse("surveys:entry_form", args=[draft.pk])).status_code == 404
    client.force_login(make_member(Role.ANALYST, org_a, username="analist@example.org"))
    assert client.get(reverse("surveys:entry_start")).status_code == 403


def test_responses_list_and_detail(client, make_member, org_a, questionnaire):
    for grade in (3, 9):
        service.record_interview(
            org_a,
            questionnaire.version,
            {
                str(questionnaire.items["grade"].pk): grade,
                str(questionnaire.items["follow_up"].pk): 1,
            },
            channel=Channel.PAPER,
        )
    client.force_login(make_member(Role.ANALYST, org_a))
    page = client.get(reverse("surveys:response_list")).content.decode()
    assert page.count("Klantonderzoek bijstand v1") == 2
    detail = client.get(
        reverse("surveys:response_detail", args=[Response.objects.first().pk])
    ).content.decode()
    assert "Welk rapportcijfer geeft u de dienstverlening?" in detail
    assert "<td>Ja</td>" in detail  # the follow-up answer 1 shown as a person reads it
    assert client.get(reverse("surveys:response_detail", args=[uuid.uuid4()])).status_code == 404


def test_response_detail_masks_personal_data_in_open_answers(
    client, make_member, org_a, questionnaire
):
    from gehoord.contacts.tests.factories import make_contact

    make_contact(org_a, "Karin van Dijk", email="karin@example.org")
    service.record_interview(
        org_a,
        questionnaire.version,
        {
            str(questionnaire.items["grade"].pk): 4,
            str(questionnaire.items["follow_up"].pk): 0,
            str(questionnaire.items["improve"].pk): (
                "Bel mij op 06-1234 5678 of mail karin@example.org, BSN 111222333. "
                "Karin van Dijk was onvriendelijk; zaak 123456789 duurt lang."
            ),
            str(questionnaire.items["why_not"].pk): "Liever via jan@example.nl",
        },
        channel=Channel.PAPER,
    )
    client.force_login(make_member(Role.ANALYST, org_a))
    detail = client.get(
        reverse("surveys:response_detail", args=[Response.objects.get().pk])
    ).content.decode()
    assert (
        "Bel mij op [telefoonnummer] of mail [e-mail], BSN [BSN]. "
        "[naam] was onvriendelijk; zaak 123456789 duurt lang." in detail
    )
    assert "Liever via [e-mail]" in detail
    for personal in ("06-1234 5678", "karin@example.org", "111222333", "Karin", "jan@"):
        assert personal not in detail
    assert "worden verborgen" in detail


def test_response_list_query_count_is_flat(client, make_member, org_a, questionnaire):
    def add(count):
        for _ in range(count):
            service.record_interview(
                org_a,
                questionnaire.version,
                {
                    str(questionnaire.items["grade"].pk): 7,
                    str(questionnaire.items["follow_up"].pk): 1,
                },
                channel=Channel.DESK,
            )

    client.force_login(make_member(Role.ANALYST, org_a))
    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("surveys:response_list"))
    add(8)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("surveys:response_list"))
    assert len(many) == len(few)
