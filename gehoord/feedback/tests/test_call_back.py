"""A surveyed resident who asked to be contacted leaves contact details: they land in the
follow-up (with consent), never in the response; bad input stores nothing."""

from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from gehoord.feedback import service as feedback_service
from gehoord.feedback.models import FollowUp, FollowUpReason
from gehoord.surveys import call_back
from gehoord.surveys import service as survey_service
from gehoord.surveys.models import Response
from gehoord.surveys.tests.factories import build_questionnaire, make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire(org_a):
    return build_questionnaire(org_a)


def respond(questionnaire, call_back_answer: int) -> Response:
    return make_response(
        questionnaire,
        {"grade": 8, "follow_up": call_back_answer, "why_not": "geen tijd"},
        service=questionnaire.service,
    )


def page_url(response: Response) -> str:
    return reverse("feedback:call_back", args=[survey_service.call_back_reference(response)])


def test_details_go_into_the_follow_up_with_consent(client, questionnaire):
    response = respond(questionnaire, 1)
    url = page_url(response)
    assert "Hoe kunnen wij u bereiken?" in client.get(url).content.decode()
    answer_count = response.answers.count()

    page = client.post(
        url,
        {"name": "Fatima <b>de Vries</b>", "phone": "06 12345678", "email": "", "consent": "on"},
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert "Bedankt, wij nemen contact met u op" in html
    follow_up = FollowUp.objects.get(response=response)
    assert follow_up.reason == FollowUpReason.CALL_BACK
    assert follow_up.contact_phone == "06 12345678"
    assert follow_up.contact_name == "Fatima <b>de Vries</b>"
    assert follow_up.consent_at is not None
    assert follow_up.has_contact_details
    assert follow_up.due_on.strftime("%Y") in html
    # The response itself gained nothing that identifies the resident.
    assert response.answers.count() == answer_count
    assert FollowUp.objects.filter(response=response).count() == 1


def test_the_link_works_once_and_cannot_overwrite_the_details(client, questionnaire, clock):
    response = respond(questionnaire, 1)
    url = page_url(response)
    client.post(url, {"name": "Fatima", "phone": "06 12345678", "email": "", "consent": "on"})
    follow_up = FollowUp.objects.get(response=response)
    stored = (follow_up.contact_name, follow_up.contact_phone, follow_up.consent_at)
    clock.shift(timedelta(hours=1))  # still well within the reference's day

    for page in (
        client.get(url),
        client.post(url, {"name": "Ander", "email": "ander@example.org", "consent": "on"}),
    ):
        assert page.status_code == 410
        html = page.content.decode()
        assert "Uw gegevens zijn al doorgegeven" in html
        assert "<form" not in html
    follow_up.refresh_from_db()
    assert (follow_up.contact_name, follow_up.contact_phone, follow_up.consent_at) == stored
    assert follow_up.contact_email == ""
    assert FollowUp.objects.filter(response=response).count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"consent": "on"}, "Vul een e-mailadres of telefoonnummer in"),
        ({"phone": "06 12345678"}, "Wij hebben uw toestemming nodig"),
        ({"phone": "bel maar", "consent": "on"}, "Vul een telefoonnummer in, zoals 06 12345678"),
        ({"email": "geen-adres", "consent": "on"}, "e-mailadres"),
    ],
)
def test_bad_details_are_refused_clearly_and_nothing_is_stored(
    client, questionnaire, data, message
):
    response = respond(questionnaire, 1)
    page = client.post(page_url(response), data)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert not FollowUp.objects.filter(response=response, consent_at__isnull=False).exists()


def test_forged_or_expired_references_do_not_work(client, questionnaire, monkeypatch):
    response = respond(questionnaire, 1)
    forged = survey_service.call_back_reference(response)[:-2] + "xx"
    assert client.get(reverse("feedback:call_back", args=[forged])).status_code == 410
    assert (
        client.post(
            reverse("feedback:call_back", args=[forged]), {"phone": "06 12345678", "consent": "on"}
        ).status_code
        == 410
    )
    made_at = timezone.now().timestamp() - call_back.MAX_AGE.total_seconds() - 60
    monkeypatch.setattr(signing.time, "time", lambda: made_at)
    old = survey_service.call_back_reference(response)
    monkeypatch.undo()
    page = client.get(reverse("feedback:call_back", args=[old]))
    assert page.status_code == 410 and "Deze link werkt niet meer" in page.content.decode()
    assert not FollowUp.objects.exists()


def test_no_reference_without_a_call_back_request(questionnaire):
    assert survey_service.call_back_reference(respond(questionnaire, 0)) is None


def test_a_signed_reference_to_a_response_without_request_is_refused(client, questionnaire):
    response = respond(questionnaire, 0)
    reference = signing.dumps(str(response.pk), salt=call_back.SALT)
    page = client.post(
        reverse("feedback:call_back", args=[reference]), {"phone": "06 12345678", "consent": "on"}
    )
    assert page.status_code == 404
    assert not FollowUp.objects.exists()


def test_flood_from_one_address_is_limited(client, questionnaire):
    url = page_url(respond(questionnaire, 1))
    statuses = [client.post(url, {"consent": "on"}).status_code for _ in range(12)]
    assert statuses[-1] == 429


def test_a_second_call_of_the_use_case_changes_nothing(questionnaire):
    """Two requests sent at once both pass the page's check; the row lock decides."""
    response = respond(questionnaire, 1)
    feedback_service.record_call_back_details(response, {"phone": "06 12345678", "consent": True})
    with pytest.raises(feedback_service.CallBackDetailsGiven):
        feedback_service.record_call_back_details(response, {"email": "x@example.org"})
    follow_up = FollowUp.objects.get(response=response)
    assert (follow_up.contact_phone, follow_up.contact_email) == ("06 12345678", "")


def test_the_follow_up_shows_the_answers_in_words(client, make_member, questionnaire, org_a):
    response = respond(questionnaire, 1)
    client.post(page_url(response), {"name": "Fatima", "phone": "06 12345678", "consent": "on"})
    follow_up = FollowUp.objects.get(response=response)
    client.force_login(make_member("team_lead", org_a))

    html = client.get(reverse("feedback:followup_detail", args=[follow_up.pk])).content.decode()

    answered = html.split("Wat de inwoner antwoordde", 1)[1].split("</dl>", 1)[0]
    assert "<dd>8</dd>" in answered and "<dd>Ja</dd>" in answered
    assert ".00" not in answered
