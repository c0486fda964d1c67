"""The responses list: cursor paging, filters, open-answer snippets, flat query counts."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gehoord.catalog.tests.factories import make_service
from gehoord.pagination import decode_cursor, encode_cursor
from gehoord.surveys import service
from gehoord.surveys.views_staff import ResponseListView
from gehoord.tenancy.roles import Role

URL = reverse("surveys:response_list")
PAGE = ResponseListView.page_size


@pytest.fixture
def analyst(client, make_member, org_a):
    client.force_login(make_member(Role.ANALYST, org_a))
    return client


def load(questionnaire, count, *, grade=7, text="", start=None, **fields):
    """`count` responses one minute apart, the newest at `start` (default: now)."""
    start = start or timezone.now()
    items = questionnaire.items
    rows = []
    for n in range(count):
        answers = {str(items["grade"].pk): grade, str(items["follow_up"].pk): 1}
        if text:
            answers[str(items["improve"].pk)] = text
        rows.append(
            {
                "id": uuid.uuid4(),
                "submitted_at": start - timedelta(minutes=n),
                "answers": answers,
                **fields,
            }
        )
    service.import_responses(questionnaire.version, rows)


def shown(page) -> list:
    return [row[0].pk for row in page.context["rows"]]


def test_pages_forward_and_back_by_cursor_without_gaps(analyst, questionnaire):
    load(questionnaire, PAGE * 2 + 5)
    # Three responses in the same second: the id breaks the tie, none repeats or is lost.
    load(questionnaire, 3, start=timezone.now() - timedelta(minutes=PAGE - 1, seconds=30))
    seen, page, pages = [], analyst.get(URL), []
    while True:
        pages.append(shown(page))
        seen += pages[-1]
        following = page.context["page"].next_query
        if not following:
            break
        page = analyst.get(f"{URL}?{following}")
    assert len(seen) == len(set(seen)) == PAGE * 2 + 8
    assert [len(p) for p in pages] == [PAGE, PAGE, 8]
    assert "Volgende" in analyst.get(URL).content.decode()
    back = analyst.get(f"{URL}?{page.context['page'].previous_query}")
    assert shown(back) == pages[1]
    first = analyst.get(f"{URL}?{back.context['page'].previous_query}")
    assert shown(first) == pages[0] and first.context["page"].previous_query == ""


def test_a_bad_cursor_starts_at_the_top(analyst, questionnaire):
    load(questionnaire, 3)
    for cursor in ("na=gisteren", "na=2026-01-01T00:00:00_nope", "voor=%00", "na=2026-13-01_x"):
        page = analyst.get(f"{URL}?{cursor}")
        assert page.status_code == 200 and len(shown(page)) == 3
    moment = timezone.now()
    pk = uuid.uuid4()
    assert decode_cursor(encode_cursor(moment, pk)) == (moment, pk)
    assert decode_cursor("2026-01-01T00:00:00_" + str(pk)) is None  # no time zone


def test_filters_grade_open_text_service_and_snippet(analyst, org_a, questionnaire):
    other = make_service(org_a, "Paspoort")
    load(questionnaire, 2, grade=9, service=questionnaire.service)
    load(
        questionnaire,
        1,
        grade=3,
        text="Bel mij op 06-1234 5678, het duurde " + "heel " * 60 + "lang.",
        service=other,
    )
    assert len(shown(analyst.get(URL))) == 3
    assert len(shown(analyst.get(f"{URL}?cijfer=9"))) == 2
    assert len(shown(analyst.get(f"{URL}?cijfer=3&open=ja"))) == 1
    assert len(shown(analyst.get(f"{URL}?open=nee"))) == 2
    assert len(shown(analyst.get(f"{URL}?dienst={other.pk}"))) == 1
    body = analyst.get(f"{URL}?open=ja").content.decode()
    assert "Bel mij op [telefoonnummer], het duurde heel" in body and "06-1234" not in body
    assert "…" in body and "lang." not in body  # cut short
    empty = analyst.get(f"{URL}?cijfer=5").content.decode()
    assert "Geen reacties voldoen aan deze filters." in empty


def test_bad_filter_values_say_so(analyst, questionnaire):
    load(questionnaire, 2)
    page = analyst.get(f"{URL}?cijfer=11&dienst=abc&vragenlijst=999999")
    assert page.status_code == 200 and len(shown(page)) == 2
    body = page.content.decode()
    assert "Kies een cijfer van 1 tot en met 10." in body


def test_only_the_organisations_own_responses(client, make_member, org_a, org_b, questionnaire):
    load(questionnaire, 2)
    client.force_login(make_member(Role.ANALYST, org_b, username="b@example.org"))
    assert shown(client.get(URL)) == []
    assert client.get(f"{URL}?vragenlijst={questionnaire.pk}").context["rows"] == []


def test_query_count_does_not_grow_with_rows(analyst, questionnaire, django_assert_num_queries):
    load(questionnaire, 3, text="Prima geholpen")
    analyst.get(f"{URL}?open=ja")  # fills the per-organisation caches (masking names)
    with CaptureQueriesContext(connection) as few:
        analyst.get(f"{URL}?open=ja")
    load(questionnaire, PAGE * 3, text="Snel geholpen")
    with django_assert_num_queries(len(few)):
        page = analyst.get(f"{URL}?open=ja")
    with django_assert_num_queries(len(few) + 1):  # + whether anything comes before
        analyst.get(f"{URL}?{page.context['page'].next_query}")
    sql = " ".join(q["sql"] for q in few.captured_queries).upper()
    assert "COUNT(" not in sql and "OFFSET" not in sql
