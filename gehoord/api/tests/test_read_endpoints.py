"""Read endpoints for questionnaires, responses, signals and actions: a scope per key, the
key's organisation only, pagination links (RFC 8288), and problem details for any
unknown address under /api/."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from gehoord.api.api import API_VERSION
from gehoord.feedback.tests.factories import make_signal
from gehoord.framework.tests.factories import make_questionnaire, published_questionnaire
from gehoord.improvement.tests.factories import make_action
from gehoord.surveys.tests.factories import make_response
from gehoord.tenancy import service as tenancy_service

pytestmark = pytest.mark.django_db
LINK = re.compile(r'<([^>]+)>; rel="(\w+)"')


def key_of(organisation, *scopes):
    return tenancy_service.create_api_key(organisation, "koppeling", scopes or None)[1]


def get(client, path, key, **params):
    return client.get(path, params, headers={"X-API-Key": key})


def links(response) -> dict[str, str]:
    return {rel: url for url, rel in LINK.findall(response["Link"])}


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == API_VERSION
    assert response.json()["status"] == status


def test_questionnaires_page_by_links_and_show_only_the_keys_organisation(client, org_a, org_b):
    for name in ("Afval", "Burgerzaken", "Contact"):
        make_questionnaire(org_a, name)
    make_questionnaire(org_b, "Van B")
    key = key_of(org_a, "questionnaires")
    first = get(client, "/api/v1/questionnaires", key, limit=2)
    assert [q["name"] for q in first.json()] == ["Afval", "Burgerzaken"]
    pages = links(first)
    assert set(pages) == {"self", "first", "next"}
    assert "offset=2" in pages["next"] and "limit=2" in pages["next"]
    second = client.get(pages["next"], headers={"X-API-Key": key})
    assert [q["name"] for q in second.json()] == ["Contact"]
    assert set(links(second)) == {"self", "first", "prev"}


def test_a_questionnaire_is_its_published_version_as_an_exchange_document(client, org_a, org_b):
    questionnaire = published_questionnaire(org_a, "KCC-peiling", codes=("core_grade",))
    draft_only = make_questionnaire(org_a, "Nog niet klaar")
    foreign = published_questionnaire(org_b, "Van B", codes=("core_grade",))
    key = key_of(org_a, "questionnaires")
    document = get(client, f"/api/v1/questionnaires/{questionnaire.pk}", key).json()
    assert document["questionnaire"]["name"] == "KCC-peiling"
    assert [item["key"] for item in document["items"]] == ["core_grade"]
    assert_problem(get(client, f"/api/v1/questionnaires/{draft_only.pk}", key), 404)
    assert_problem(get(client, f"/api/v1/questionnaires/{foreign.pk}", key), 404)


def test_each_read_endpoint_asks_its_own_scope(client, org_a):
    questionnaire = make_questionnaire(org_a)
    key = key_of(org_a, "events")
    for path in (
        "/api/v1/questionnaires",
        f"/api/v1/questionnaires/{questionnaire.pk}",
        f"/api/v1/responses?questionnaire={questionnaire.pk}",
        "/api/v1/actions",
        "/api/v1/signals",
    ):
        assert_problem(client.get(path, headers={"X-API-Key": key}), 403)


@pytest.fixture
def answered(org_a):
    """Six responses of A to a grade + "what could be better" questionnaire; minimum n 5."""
    org_a.minimum_n = 5
    org_a.save(update_fields=["minimum_n"])
    questionnaire = published_questionnaire(org_a, codes=("core_grade", "core_improve"))
    moment = timezone.now() - timedelta(days=3)
    for grade in range(6):
        make_response(
            questionnaire,
            {"core_grade": grade + 4, "core_improve": f"Bel 06-1234567{grade} terug"},
            submitted_at=moment,
        )
    return questionnaire


def test_responses_are_pseudonymous_masked_and_paged(client, org_a, answered):
    key = key_of(org_a, "responses")
    path = "/api/v1/responses"
    first = get(client, path, key, questionnaire=answered.pk, limit=4)
    body = first.json()
    assert first.status_code == 200 and body["suppressed"] is False
    assert len(body["rows"]) == 4 and body["protection"]["k"] == 5
    names = {c["name"] for c in body["columns"]}
    assert {"respons_id", "core_grade", "core_improve"} <= names
    assert not names & {"email", "naam", "name", "mobile", "contact"}
    assert all(row["core_improve"] == "Bel [telefoonnummer] terug" for row in body["rows"])
    nxt = client.get(links(first)["next"], headers={"X-API-Key": key}).json()
    assert len(nxt["rows"]) == 2
    ids = {r["respons_id"] for r in body["rows"]} | {r["respons_id"] for r in nxt["rows"]}
    assert len(ids) == 6  # no row on two pages


def test_responses_below_the_minimum_n_give_no_rows(client, org_a, answered):
    org_a.minimum_n = 10
    org_a.save(update_fields=["minimum_n"])
    body = get(client, "/api/v1/responses", key_of(org_a, "responses"), questionnaire=answered.pk)
    assert body.json()["suppressed"] is True and body.json()["rows"] == []
    assert "10" in body.json()["reason"]


def test_responses_of_another_organisation_are_not_found(client, org_a, org_b, answered):
    assert_problem(
        get(client, "/api/v1/responses", key_of(org_b, "responses"), questionnaire=answered.pk),
        404,
    )


def test_actions_are_listed_masked_and_only_of_the_keys_organisation(client, org_a, org_b):
    make_action(org_a, "Wachttijd KCC omlaag", status="in_progress", due_on=date(2027, 1, 31))
    make_action(
        org_a, "Brief herschrijven", description="Vraag jan@example.org om de tekst", status="idea"
    )
    foreign = make_action(org_b, "Van B")
    key = key_of(org_a, "actions")
    everything = get(client, "/api/v1/actions", key).json()
    assert {a["title"] for a in everything} == {"Wachttijd KCC omlaag", "Brief herschrijven"}
    (letter,) = [a for a in everything if a["title"] == "Brief herschrijven"]
    assert letter["description"] == "Vraag [e-mail] om de tekst"
    busy = get(client, "/api/v1/actions", key, status="in_progress").json()
    assert [(a["title"], a["due_on"]) for a in busy] == [("Wachttijd KCC omlaag", "2027-01-31")]
    assert get(client, f"/api/v1/actions/{letter['id']}", key).json()["status"] == "idea"
    assert_problem(get(client, f"/api/v1/actions/{foreign.pk}", key), 404)


def test_signals_carry_pagination_links(client, org_a):
    for day in range(1, 4):
        make_signal(org_a, received_on=date(2026, 11, day))
    key = key_of(org_a, "signals")
    first = get(client, "/api/v1/signals", key, limit=2)
    assert [s["received_on"] for s in first.json()] == ["2026-11-03", "2026-11-02"]
    assert "offset=2" in links(first)["next"]
    last = client.get(links(first)["next"], headers={"X-API-Key": key})
    assert len(last.json()) == 1 and "next" not in links(last)


@pytest.mark.parametrize("path", ["/api/v1/bestaat-niet", "/api/v1/signals/1/x", "/api/v2/x"])
def test_an_unknown_api_address_is_a_problem_not_a_page(client, org_a, path):
    assert_problem(client.get(path), 404)
    assert_problem(client.get(path, headers={"X-API-Key": key_of(org_a)}), 404)
    assert_problem(client.post(path), 404)
