"""The open link is limited per client address and questionnaire; doubtful responses are
kept for an analyst's review, never dropped (issue 15)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from gehoord.framework import service as framework_service
from gehoord.surveys.models import Response, Review, ReviewReason, SurveyToken

from .factories import answer_open_link

pytestmark = pytest.mark.django_db

KIOSK = "192.0.2.10"
LIBRARY = "198.51.100.7"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.GEHOORD_OPEN_LINK_RATE = "3/h"


def start(client, questionnaire, address, **headers):
    return client.post(
        reverse("surveys:open", args=[questionnaire.open_link_token]),
        REMOTE_ADDR=address,
        **headers,
    )


def test_a_flood_of_starts_from_one_address_is_refused(client, questionnaire, org_a):
    statuses = [start(client, questionnaire, KIOSK).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    refused = start(client, questionnaire, KIOSK)
    assert "U heeft deze vragenlijst al vaak ingevuld vanaf dit apparaat" in (
        refused.content.decode()
    )
    assert SurveyToken.objects.count() == 3  # a refused start creates nothing
    # Another address on the same questionnaire is not held back …
    assert start(client, questionnaire, LIBRARY).status_code == 302
    # … nor the same address on another questionnaire.
    other = framework_service.create_questionnaire(
        org_a, "Tweede onderzoek", title_nl="Nog een", open_link_enabled=True
    )
    other_version = framework_service.draft_of(other)
    framework_service.add_question(other_version, questionnaire.items["grade"].question)
    framework_service.publish(other_version)
    assert start(client, other, KIOSK).status_code == 302


def test_the_limit_passes_after_the_hour(client, clock, questionnaire):
    for _ in range(3):
        start(client, questionnaire, KIOSK)
    assert start(client, questionnaire, KIOSK).status_code == 429
    clock.shift(timedelta(hours=2))
    assert start(client, questionnaire, KIOSK).status_code == 302


def test_the_proxy_header_counts_only_when_configured(client, questionnaire, settings):
    """Without a trusted proxy a forged header changes nothing; with one, each client
    behind the proxy has its own count."""
    for number in range(4):
        forged = start(client, questionnaire, KIOSK, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    assert forged.status_code == 429
    settings.GEHOORD_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    for number in range(4):
        behind = start(client, questionnaire, KIOSK, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
        assert behind.status_code == 302, number
    statuses = [
        start(client, questionnaire, KIOSK, HTTP_X_FORWARDED_FOR="203.0.113.50").status_code
        for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]


def test_the_same_answers_twice_are_kept_and_flagged(client, questionnaire):
    first = answer_open_link(client, questionnaire, "8", KIOSK)
    second = answer_open_link(client, questionnaire, "8", KIOSK)
    assert first.status_code == second.status_code == 302
    assert second["Location"].endswith("/klaar/")
    assert Response.objects.count() == 2  # kept, never dropped
    original, copy = Response.objects.order_by("received_at", "pk")
    assert original.review == Review.NONE
    assert copy.review == Review.PENDING and copy.review_reason == ReviewReason.SAME_ANSWERS
    assert copy.duplicate_of == original
    assert copy.answers.count() == original.answers.count() == 2


def test_different_answers_or_another_address_are_not_doubted(client, questionnaire):
    answer_open_link(client, questionnaire, "8", KIOSK)
    answer_open_link(client, questionnaire, "6", KIOSK)
    answer_open_link(client, questionnaire, "8", LIBRARY)
    assert set(Response.objects.values_list("review", flat=True)) == {Review.NONE}


def test_the_same_answers_after_the_window_are_not_doubted(client, clock, questionnaire):
    answer_open_link(client, questionnaire, "8", KIOSK)
    clock.shift(timedelta(hours=2))
    answer_open_link(client, questionnaire, "8", KIOSK)
    assert set(Response.objects.values_list("review", flat=True)) == {Review.NONE}


def test_a_survey_sent_over_the_limit_is_accepted_and_flagged(client, clock, questionnaire):
    """Surveys started within the limit are never refused when sent, even when more are
    sent in one hour than the limit allows: the extra ones wait for review."""
    started = []
    for _hour in range(2):  # 3 starts in each of two hours: all within the limit
        for _ in range(3):
            started.append(start(client, questionnaire, KIOSK)["Location"])
        clock.shift(timedelta(hours=1, minutes=5))
    items = questionnaire.items
    for number, location in enumerate(started):  # all sent within one hour
        client.get(location, REMOTE_ADDR=KIOSK)
        token = SurveyToken.objects.get(token=location.rstrip("/").rsplit("/", 1)[-1])
        for page, answers in enumerate(
            [{f"q{items['grade'].pk}": str(number + 1)}, {f"q{items['follow_up'].pk}": "1"}, {}],
            start=1,
        ):
            sent = client.post(
                location,
                {"version": token.version_id, "page": page, "action": "next", **answers},
                REMOTE_ADDR=KIOSK,
            )
        assert sent.status_code == 302 and sent["Location"].endswith("/klaar/")
    reviews = list(Response.objects.order_by("received_at", "pk").values_list("review_reason"))
    assert reviews == [("",)] * 3 + [(ReviewReason.OVER_LIMIT,)] * 3


def test_no_client_address_is_stored_with_a_response(client, questionnaire):
    answer_open_link(client, questionnaire, "8", KIOSK)
    answer_open_link(client, questionnaire, "8", KIOSK)
    for response in Response.objects.all():
        stored = " ".join(str(getattr(response, f.attname)) for f in Response._meta.fields)
        assert KIOSK not in stored
    for token in SurveyToken.objects.all():
        stored = " ".join(str(getattr(token, f.attname)) for f in SurveyToken._meta.fields)
        assert KIOSK not in stored


def test_personal_links_are_not_limited_or_doubted(questionnaire):
    """Only the open link has no invitation behind it; personal links keep their rules."""
    from gehoord.surveys import service

    for _ in range(5):
        token = service.issue_token(questionnaire)
        service.begin(token)
        grade, follow_up = questionnaire.items["grade"], questionnaire.items["follow_up"]
        service.save_page(token, 3, {str(grade.pk): 8, str(follow_up.pk): 1})
        service.submit(token)
    assert set(Response.objects.values_list("review", flat=True)) == {Review.NONE}
