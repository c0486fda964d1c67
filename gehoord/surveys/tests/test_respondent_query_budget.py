"""The respondent path stays light: every request of a three-page survey runs within the
query budget (page GET ≤ 4 queries, page POST ≤ 6), CSRF included.

A resident's request pays only for what it needs: the token, the published version's
structure (cached per process, it never changes) and the draft. No audit log, staff
session or organisation lookups on the way."""

import pytest
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.surveys import service
from gehoord.surveys.models import Response
from gehoord.tenancy import events

GET_BUDGET = 4
POST_BUDGET = 6


# Transaction control is not a query: inside a test's transaction every atomic block shows
# as SAVEPOINT/RELEASE, in production as BEGIN/COMMIT around the same statements.
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT")


def _counted(request, *args, **kwargs):
    # What runs once the request's transaction commits (the domain events that webhooks
    # listen to) is the request's work too: the callbacks run inside the count.
    with (
        CaptureQueriesContext(connection) as queries,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = request(*args, **kwargs)
    statements = [q["sql"] for q in queries.captured_queries]
    return response, [sql for sql in statements if not sql.startswith(TRANSACTION_CONTROL)]


# The open link's limits and duplicate check live in the store every web process shares:
# Redis in production (no SQL), this cache table on the embedded default. Their statements
# are counted apart, with a budget of their own for the last page.
LIMITS_TABLE = '"gehoord_rate_limits"'
LIMITS_BUDGET = 7


# Which events the organisation's webhooks ask for is read from the same shared store
# (gehoord/webhooks/subscribed.py): at most one read a request, apart from the limits.
WEBHOOK_TYPES_KEY = "webhooks:subscribed-types:"
WEBHOOK_TYPES_BUDGET = 1


def _check(step: str, response, queries: list[str], budget: int, status: int) -> None:
    assert response.status_code == status, step
    webhook_types = [sql for sql in queries if WEBHOOK_TYPES_KEY in sql]
    assert len(webhook_types) <= WEBHOOK_TYPES_BUDGET, f"{step}: {webhook_types}"
    queries = [sql for sql in queries if WEBHOOK_TYPES_KEY not in sql]
    limits = [sql for sql in queries if LIMITS_TABLE in sql]
    queries = [sql for sql in queries if LIMITS_TABLE not in sql]
    shown = "\n".join(queries)
    assert len(queries) <= budget, f"{step}: {len(queries)} queries\n{shown}"
    assert len(limits) <= LIMITS_BUDGET, f"{step}: {len(limits)} statements for the limits"


def _after_an_earlier_event(questionnaire) -> None:
    """Which events the organisation's webhooks ask for is then in the shared cache, as it
    is once anything happened in the organisation (its first event reads the database
    once: gehoord/webhooks/subscribed.py)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        events.emit(questionnaire.organisation_id, "signal.received", "signal/0")


def _flow(client: Client, questionnaire, start_url: str) -> None:
    items = questionnaire.items
    pages = [
        {f"q{items['grade'].pk}": "8", f"q{items['effort'].pk}": "na"},
        {
            f"q{items['channel'].pk}": "balie",
            f"q{items['topics'].pk}": ["geld", "zorg"],
            f"q{items['follow_up'].pk}": "1",
        },
        {
            f"q{items['improve'].pk}": "Sneller bellen",
            f"q{items['visits'].pk}": "3",
            f"q{items['date'].pk}": "2026-10-01",
        },
    ]
    url = start_url
    version_id = questionnaire.version.pk
    for number, answers in enumerate(pages, start=1):
        response, queries = _counted(client.get, url)
        _check(f"GET page {number}", response, queries, GET_BUDGET, 200)
        payload = {
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            "version": version_id,
            "page": number,
            "action": "next",
            **answers,
        }
        response, queries = _counted(client.post, url, payload)
        _check(f"POST page {number}", response, queries, POST_BUDGET, 302)
    assert response["Location"].endswith("/klaar/")
    response, queries = _counted(client.get, response["Location"])
    _check("thank-you page", response, queries, GET_BUDGET, 200)


@pytest.mark.django_db
def test_personal_link_flow_stays_within_the_query_budget(questionnaire):
    _after_an_earlier_event(questionnaire)
    token = service.issue_token(questionnaire, segment={"service": questionnaire.service})
    client = Client(enforce_csrf_checks=True)
    _flow(client, questionnaire, reverse("surveys:answer", args=[token.token]))
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1


@pytest.mark.django_db
def test_second_resident_of_the_same_version_pays_no_structure_queries(questionnaire):
    """The structure is cached per version: a second resident costs the same or less."""
    _after_an_earlier_event(questionnaire)
    for _ in range(2):
        token = service.issue_token(questionnaire, segment={"service": questionnaire.service})
        client = Client(enforce_csrf_checks=True)
        _flow(client, questionnaire, reverse("surveys:answer", args=[token.token]))
    assert Response.objects.filter(questionnaire=questionnaire).count() == 2


@pytest.mark.django_db
def test_open_link_flow_stays_within_the_query_budget(questionnaire):
    """Through the open link the session and the per-address limits come on top: still
    within budget."""
    _after_an_earlier_event(questionnaire)
    client = Client(enforce_csrf_checks=True)
    start_url = reverse("surveys:open", args=[questionnaire.open_link_token])
    client.get(start_url)
    started = client.post(start_url, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert started.status_code == 302
    _flow(client, questionnaire, started["Location"])
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1
