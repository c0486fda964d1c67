"""The analyst's screen of possible duplicates from the open link: listed per organisation,
decided genuine or duplicate, audit-logged."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.surveys.models import Response, Review, ReviewReason
from gehoord.tenancy.roles import Role

from .factories import answer_open_link, build_questionnaire, make_response

pytestmark = pytest.mark.django_db

KIOSK = "192.0.2.10"


@pytest.fixture
def analyst(client, make_member, org_a):
    user = make_member(Role.ANALYST, org_a)
    client.force_login(user)
    client.user = user
    return client


def doubted_pair(client, questionnaire):
    answer_open_link(client, questionnaire, "8", KIOSK)
    answer_open_link(client, questionnaire, "8", KIOSK)
    return Response.objects.get(review=Review.PENDING)


def test_a_flagged_response_is_listed_and_decided(analyst, questionnaire):
    copy = doubted_pair(analyst, questionnaire)
    page = analyst.get(reverse("surveys:review_list"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Mogelijk dubbel" in html and "Te beoordelen" in html
    assert reverse("surveys:response_detail", args=[copy.pk]) in html
    assert reverse("surveys:response_detail", args=[copy.duplicate_of_id]) in html
    decided = analyst.post(
        reverse("surveys:review_decide", args=[copy.pk]), {"decision": "duplicate"}
    )
    assert decided.status_code == 302
    copy.refresh_from_db()
    assert copy.review == Review.DUPLICATE and copy.reviewed_at is not None
    assert Response.objects.count() == 2  # a duplicate is kept, only not counted
    entry = LogEntry.objects.get(object_pk=str(copy.pk))
    assert entry.actor == analyst.user
    assert entry.changes_dict == {"review": ["pending", "duplicate"]}
    assert entry.additional_data["organisation_id"] == questionnaire.organisation_id


def test_an_unknown_decision_changes_nothing(analyst, questionnaire):
    copy = doubted_pair(analyst, questionnaire)
    answer = analyst.post(
        reverse("surveys:review_decide", args=[copy.pk]), {"decision": "weg"}, follow=True
    )
    assert "Kies echt of dubbel." in answer.content.decode()
    copy.refresh_from_db()
    assert copy.review == Review.PENDING
    assert not LogEntry.objects.filter(object_pk=str(copy.pk)).exists()


def test_a_response_not_in_doubt_cannot_be_decided(analyst, questionnaire):
    plain = make_response(questionnaire, {"grade": 8, "follow_up": 1})
    answer = analyst.post(
        reverse("surveys:review_decide", args=[plain.pk]), {"decision": "genuine"}
    )
    assert answer.status_code == 404
    plain.refresh_from_db()
    assert plain.review == Review.NONE


def test_other_organisations_doubts_are_out_of_reach(analyst, org_b, make_member):
    foreign_questionnaire = build_questionnaire(org_b)
    foreign = make_response(
        foreign_questionnaire,
        {"grade": 8, "follow_up": 1},
        review=Review.PENDING,
        review_reason=ReviewReason.OVER_LIMIT,
    )
    html = analyst.get(reverse("surveys:review_list")).content.decode()
    assert str(foreign.pk) not in html and "Er zijn geen reacties" in html
    answer = analyst.post(
        reverse("surveys:review_decide", args=[foreign.pk]), {"decision": "genuine"}
    )
    assert answer.status_code == 404
    foreign.refresh_from_db()
    assert foreign.review == Review.PENDING


def test_a_team_lead_may_not_decide(client, make_member, org_a, questionnaire):
    copy = doubted_pair(client, questionnaire)
    client.force_login(make_member(Role.TEAM_LEAD, org_a))
    assert client.get(reverse("surveys:review_list")).status_code == 403
    answer = client.post(reverse("surveys:review_decide", args=[copy.pk]), {"decision": "genuine"})
    assert answer.status_code == 403


def test_the_list_costs_the_same_queries_for_more_rows(analyst, questionnaire):
    def add(count):
        for _ in range(count):
            make_response(
                questionnaire,
                {"grade": 8, "follow_up": 1},
                review=Review.PENDING,
                review_reason=ReviewReason.OVER_LIMIT,
            )

    add(2)
    with CaptureQueriesContext(connection) as few:
        analyst.get(reverse("surveys:review_list"))
    add(8)
    with CaptureQueriesContext(connection) as many:
        page = analyst.get(reverse("surveys:review_list"))
    assert page.content.decode().count('value="duplicate"') == 10
    assert len(many) == len(few)
