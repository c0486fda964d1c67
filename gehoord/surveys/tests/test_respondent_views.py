"""Residents answering through a link: page flow, validation, save & resume, idempotency."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from gehoord.surveys import query, service
from gehoord.surveys.models import Answer, Response, SurveyToken, TokenStatus


@pytest.fixture
def token(questionnaire):
    return service.issue_token(
        questionnaire, segment={"service": questionnaire.service, "district": "Centrum"}
    )


def url(token):
    return reverse("surveys:answer", args=[token.token])


def post_page(client, token, page, data, action="next"):
    token.refresh_from_db()
    if token.version_id is None:  # the first visit fixes the version
        client.get(url(token))
        token.refresh_from_db()
    payload = {"version": token.version_id, "page": page, "action": action, **data}
    return client.post(url(token), payload)


def q(questionnaire, key):
    return f"q{questionnaire.items[key].pk}"


def test_complete_questionnaire_stores_typed_answers(client, questionnaire, token):
    assert client.get(url(token)).status_code == 200
    post_page(client, token, 1, {q(questionnaire, "grade"): "8", q(questionnaire, "effort"): "na"})
    post_page(
        client,
        token,
        2,
        {
            q(questionnaire, "channel"): "balie",
            q(questionnaire, "topics"): ["geld", "zorg"],
            q(questionnaire, "follow_up"): "1",
        },
    )
    response = post_page(
        client,
        token,
        3,
        {
            q(questionnaire, "improve"): "Sneller bellen",
            q(questionnaire, "visits"): "3",
            q(questionnaire, "date"): "2026-10-01",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("/klaar/")

    stored = Response.objects.get()
    assert stored.version == questionnaire.version and stored.channel == "web"
    assert stored.service == questionnaire.service and stored.district == "Centrum"
    answers = {a.question.code: a for a in stored.answers.select_related("question")}
    assert answers["core_grade"].value_number == Decimal("8")
    assert answers["core_effort"].not_applicable and answers["core_effort"].value_number is None
    assert answers["kanaal"].value_text == "balie"
    assert answers["onderwerpen"].value_choices == ["geld", "zorg"]
    assert answers["core_follow_up"].value_number == 1
    assert answers["core_improve"].value_text == "Sneller bellen"
    assert answers["bezoeken"].value_number == 3
    assert str(answers["datum"].value_date) == "2026-10-01"
    assert "waarom_niet" not in answers  # hidden by its condition
    token.refresh_from_db()
    assert token.status == TokenStatus.COMPLETED and token.draft == {}
    # Asked for contact: the thank-you page links to where contact details are given.
    done = client.get(response["Location"]).content.decode()
    assert "Bedankt voor uw antwoorden" in done
    link = re.search(r'href="/terugbellen/([^/"]+)/\?taal=nl"', done)
    assert link and query.response_by_call_back_reference(link.group(1)) == stored
    # Once the details are given, the thank-you page (reloaded) stops asking for them.
    given = client.post(
        link.group(0)[6:-1], {"name": "An", "phone": "06 12345678", "consent": "on"}
    )
    assert given.status_code == 200
    again = client.get(response["Location"]).content.decode()
    assert "Bedankt voor uw antwoorden" in again and "/terugbellen/" not in again


def test_session_keeps_no_link_from_the_survey_link_to_the_response(client, questionnaire, token):
    # Sessions are rows in the database: the call-back reference (a signed response id)
    # kept there under the link's token would tie the response to the invitation.
    post_page(client, token, 1, {q(questionnaire, "grade"): "5"})
    post_page(client, token, 2, {q(questionnaire, "follow_up"): "1"})
    response = post_page(client, token, 3, {})
    session = client.session
    stored = " ".join(f"{key} {value}" for key, value in session.items())
    assert "terug" in client.get(response["Location"]).content.decode()  # call-back offered
    assert token.token not in stored


def test_completed_link_in_english_forgets_its_language_but_thanks_in_english(
    client, questionnaire, token
):
    client.get(url(token) + "?taal=en")
    post_page(client, token, 1, {q(questionnaire, "grade"): "5"})
    post_page(client, token, 2, {q(questionnaire, "follow_up"): "0"})
    response = post_page(client, token, 3, {q(questionnaire, "why_not"): "No time"})
    assert Response.objects.get().language == "en"
    token.refresh_from_db()
    assert token.language == "" and token.version_id is None
    assert "Thank you for your answers" in client.get(response["Location"]).content.decode()
    # Opening the link again changes nothing on it.
    assert client.get(url(token) + "?taal=en").status_code == 302
    token.refresh_from_db()
    assert token.language == ""


def test_thank_you_page_offers_no_contact_form_when_none_was_asked(client, questionnaire, token):
    post_page(client, token, 1, {q(questionnaire, "grade"): "9"})
    post_page(client, token, 2, {q(questionnaire, "follow_up"): "0"})
    response = post_page(client, token, 3, {q(questionnaire, "why_not"): "geen tijd"})
    done = client.get(response["Location"]).content.decode()
    assert "Bedankt voor uw antwoorden" in done and "/terugbellen/" not in done


def test_condition_shows_question_and_requires_it(client, questionnaire, token):
    post_page(client, token, 1, {q(questionnaire, "grade"): "4"})
    post_page(client, token, 2, {q(questionnaire, "follow_up"): "0"})
    page = client.get(url(token)).content.decode()
    assert "Waarom wilt u geen contact?" in page
    response = post_page(client, token, 3, {})
    assert response.status_code == 200
    assert "Geef antwoord op deze vraag." in response.content.decode()
    assert Response.objects.count() == 0


@pytest.mark.parametrize("bad_grade", ["11", "abc", "0", "7.5"])
def test_invalid_grade_gives_message_and_stores_nothing(client, questionnaire, token, bad_grade):
    response = post_page(client, token, 1, {q(questionnaire, "grade"): bad_grade})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies een cijfer van 1 tot en met 10." in page
    assert 'class="error-summary"' in page
    token.refresh_from_db()
    assert token.draft == {} and Response.objects.count() == 0


def test_missing_required_answer(client, questionnaire, token):
    response = post_page(client, token, 1, {})
    assert "Geef antwoord op deze vraag." in response.content.decode()
    token.refresh_from_db()
    assert token.page == 1


def test_very_long_open_answer_is_refused_clearly(client, questionnaire, token):
    post_page(client, token, 1, {q(questionnaire, "grade"): "7"})
    post_page(client, token, 2, {q(questionnaire, "follow_up"): "1"})
    response = post_page(client, token, 3, {q(questionnaire, "improve"): "x" * 100_000})
    assert response.status_code == 200
    assert "Uw antwoord is te lang" in response.content.decode()
    assert Response.objects.count() == 0


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("surveys:answer", args=["bestaat-niet"])).status_code == 404
    assert client.post(reverse("surveys:answer", args=["bestaat-niet"])).status_code == 404
    assert client.get(reverse("surveys:done", args=["bestaat-niet"])).status_code == 404


def test_used_token_cannot_answer_again(client, questionnaire, token):
    token.status = TokenStatus.COMPLETED
    token.save()
    response = client.get(url(token))
    assert response.status_code == 302 and response["Location"].endswith("/klaar/")
    client.post(url(token), {"version": questionnaire.version.pk, "page": 1})
    assert Response.objects.count() == 0


def test_tampered_version_or_page_gives_message(client, questionnaire, token):
    client.get(url(token))
    response = client.post(
        url(token), {"version": "999999", "page": 1, q(questionnaire, "grade"): "7"}
    )
    assert response.status_code == 400
    assert "hoort niet bij deze vragenlijst" in response.content.decode()
    response = client.post(
        url(token), {"version": SurveyToken.objects.get().version_id, "page": "77"}
    )
    assert response.status_code == 400
    response = client.post(url(token), {"version": "x", "page": "y"})
    assert response.status_code == 400
    assert SurveyToken.objects.get().draft == {}


def test_post_for_another_version_of_same_questionnaire(client, questionnaire, token):
    from gehoord.framework import service as framework_service

    client.get(url(token))  # fixes version 1
    draft = framework_service.start_new_draft(questionnaire)
    framework_service.publish(draft)
    response = post_page(client, token, 1, {q(questionnaire, "grade"): "7"})
    assert response.status_code == 302  # still answering version 1
    token.refresh_from_db()
    assert token.version == questionnaire.version
    response = client.post(url(token), {"version": draft.pk, "page": 1})
    assert response.status_code == 400


def test_save_and_resume(client, questionnaire, token):
    post_page(client, token, 1, {q(questionnaire, "grade"): "9"})
    response = post_page(client, token, 2, {q(questionnaire, "channel"): "telefoon"}, action="save")
    page = response.content.decode()
    assert "Uw antwoorden zijn bewaard" in page and token.token in page
    resumed = client.get(url(token)).content.decode()
    assert 'value="telefoon" ' in resumed and "checked" in resumed
    back = post_page(client, token, 2, {}, action="back")
    assert back.status_code == 302
    first = client.get(url(token)).content.decode()
    assert 'value="9"' in first and "checked" in first
    assert Response.objects.count() == 0  # a half-finished response is never counted


def test_double_submit_creates_one_response(client, questionnaire, token):
    post_page(client, token, 1, {q(questionnaire, "grade"): "6"})
    post_page(client, token, 2, {q(questionnaire, "follow_up"): "1"})
    token.refresh_from_db()
    payload = {"version": token.version_id, "page": 3, "action": "next"}
    first = client.post(url(token), payload)
    second = client.post(url(token), payload)
    assert first.status_code == second.status_code == 302
    assert Response.objects.count() == 1
    assert service.submit(token) is None


def test_english_survey(client, questionnaire, token):
    page = client.get(url(token) + "?taal=en").content.decode()
    assert "How was it?" in page and "What grade would you give the service?" in page
    response = post_page(client, token, 1, {q(questionnaire, "grade"): "12"})
    assert "Choose a grade from 1 to 10." in response.content.decode()
    token.refresh_from_db()
    assert token.language == "en"


def test_open_link_start_and_answer(client, questionnaire):
    start_url = reverse("surveys:open", args=[questionnaire.open_link_token])
    page = client.get(start_url)
    assert page.status_code == 200 and "Hoe was het?" in page.content.decode()
    assert SurveyToken.objects.count() == 0  # visiting alone creates nothing
    response = client.post(start_url)
    created = SurveyToken.objects.get()
    assert response["Location"] == url(created)
    assert created.from_open_link and created.service == questionnaire.service
    again = client.get(start_url).content.decode()
    assert "Verder waar ik was gebleven" in again


def test_open_link_qr_code(client, questionnaire):
    response = client.get(reverse("surveys:open_qr", args=[questionnaire.open_link_token]))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<?xml") and b"<svg" in response.content
    assert client.get(reverse("surveys:open_qr", args=["onbekend"])).status_code == 404


def test_open_link_disabled_is_404(client, questionnaire):
    questionnaire.open_link_enabled = False
    questionnaire.save()
    start_url = reverse("surveys:open", args=[questionnaire.open_link_token])
    assert client.get(start_url).status_code == 404


def test_expired_link(client, questionnaire):
    from django.utils import timezone

    expired = service.issue_token(questionnaire, expires_at=timezone.now())
    response = client.get(url(expired))
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()


def test_response_has_no_link_to_token(questionnaire):
    fields = {f.name for f in Response._meta.get_fields()}
    assert not fields & {"token", "contact", "invitation", "survey_token"}
    assert Answer._meta.get_field("response").related_model is Response
