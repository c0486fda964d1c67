"""A list page that masks text reads the contact register's names from the shared cache,
not from the register on every request (gehoord.contacts keeps them there)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gehoord.contacts.tests.factories import make_contact
from gehoord.feedback.tests.factories import make_follow_up
from gehoord.surveys.tests.factories import build_questionnaire, make_response
from gehoord.tenancy.roles import Role


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what waits for the commit of the writes inside it, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def register_reads(queries) -> list[str]:
    return [q["sql"] for q in queries if 'FROM "contacts_contact"' in q["sql"]]


@pytest.fixture
def masked_page(client, make_member, org_a, committed):
    """The follow-up list of org_a, whose preview of a response masks a name."""
    client.force_login(make_member(Role.TEAM_LEAD, org_a))
    with committed():
        for n in range(20):
            make_contact(org_a, f"Inwoner {chr(ord('A') + n)}berg")
    response = make_response(
        build_questionnaire(org_a), {"grade": 2, "follow_up": 1, "improve": "Inwoner Dberg belde"}
    )
    follow_up = make_follow_up(org_a, "low_grade")
    follow_up.response = response
    follow_up.save()
    client.get("/opvolging/")  # the first request after log-in also touches the session
    caches["shared"].clear()  # the masking names of gehoord.contacts

    def get() -> tuple[str, CaptureQueriesContext]:
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/opvolging/").content.decode()
        assert "Dberg" not in body and "[naam] belde" in body
        return body, queries

    return get


@pytest.mark.django_db
def test_a_masked_list_page_reads_the_register_once(masked_page):
    _, cold = masked_page()
    assert len(register_reads(cold)) == 1
    _, warm = masked_page()
    assert register_reads(warm) == [] and len(warm) < len(cold)


@pytest.mark.django_db
def test_with_redis_a_masked_list_page_makes_one_query_less(masked_page, settings):
    # Local memory stands in for Redis here: a store outside the database.
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }
    _, cold = masked_page()  # as before: the register is read
    _, warm = masked_page()
    assert len(warm) == len(cold) - 1 and register_reads(warm) == []
