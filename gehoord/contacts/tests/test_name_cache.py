"""The register's names for masking come from the shared cache, and every write of a
contact makes them be read again: a new or changed name is masked at once, an erased one
leaves the cache."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from gehoord.contacts import name_cache, service
from gehoord.contacts.models import Contact
from gehoord.contacts.query import mask_personal_data, masking_names
from gehoord.contacts.tests.factories import make_contact


def cached_entry(organisation) -> object:
    return caches[name_cache.SHARED_CACHE].get(name_cache._NAMES.format(organisation.pk))


def register_reads(queries) -> list[str]:
    return [q["sql"] for q in queries if 'FROM "contacts_contact"' in q["sql"]]


def read_names(organisation) -> tuple[frozenset[str], int]:
    """The names and how often the register itself was read for them."""
    with CaptureQueriesContext(connection) as queries:
        names = masking_names(organisation)
    return names, len(register_reads(queries))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` around writes runs what waits for their commit, as a real commit
    would (the test's own transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.django_db
def test_a_second_read_comes_from_the_cache(org_a, committed, django_assert_num_queries):
    with committed():
        make_contact(org_a, "Anna de Jong")
    assert read_names(org_a) == ({"anna de jong"}, 1)
    with django_assert_num_queries(1):  # the cache's table (no query with Redis)
        assert read_names(org_a) == ({"anna de jong"}, 0)


@pytest.mark.django_db
def test_a_new_contact_is_masked_at_once(org_a, org_b, committed):
    masking_names(org_a)
    masking_names(org_b)
    with committed():
        make_contact(org_a, "Pieter Bakker")
    assert mask_personal_data("Pieter Bakker belde", org_a) == "[naam] belde"
    with committed():
        service.register_contact(org_a, email="k@example.org", name="Karin van Dijk")
    assert "karin van dijk" in masking_names(org_a)
    assert read_names(org_b) == (frozenset(), 0)  # another organisation's names hold


@pytest.mark.django_db
def test_the_writing_transaction_reads_its_own_names(org_a):
    masking_names(org_a)
    make_contact(org_a, "Pieter Bakker")  # not committed yet: no bump so far
    assert read_names(org_a) == ({"pieter bakker"}, 1)
    assert read_names(org_a) == ({"pieter bakker"}, 1)  # not from the cache
    assert cached_entry(org_a)[1] == frozenset()


@pytest.mark.django_db
def test_changed_and_erased_names(org_a, committed):
    with committed():
        anna = make_contact(org_a, "Anna de Jong")
    masking_names(org_a)
    anna.name = "Anna Jansen"
    with committed():
        anna.save()
    assert masking_names(org_a) == frozenset({"anna jansen"})
    with committed():
        service.register_contact(org_a, external_ref="Z1", name="Bram Smit")
    masking_names(org_a)
    with committed():  # a save of the changed fields only
        service.register_contact(org_a, external_ref="Z1", name="Bram de Smit")
    assert masking_names(org_a) == frozenset({"anna jansen", "bram de smit"})
    with committed():
        service.opt_out(anna.opt_out_token)  # no name written: the cache holds
    assert read_names(org_a)[1] == 0
    with committed():
        service.erase(anna, None)
    assert cached_entry(org_a) is None  # the erased name left the cache at once
    assert read_names(org_a) == ({"bram de smit"}, 1)
    assert "bram de smit" in repr(cached_entry(org_a))
    assert "anna" not in repr(cached_entry(org_a))


@pytest.mark.django_db
def test_bulk_writes_are_seen(org_a, org_b, committed):
    masking_names(org_a)
    with committed():
        Contact.objects.bulk_create([Contact(organisation=org_a, name="Ruud Visser")])
    assert masking_names(org_a) == frozenset({"ruud visser"})
    with committed():
        Contact.objects.for_organisation(org_a).update(name="Ruud de Visser")
    assert masking_names(org_a) == frozenset({"ruud de visser"})
    ruud = Contact.objects.get(organisation=org_a)
    ruud.name = "Ruud Visscher"
    with committed():
        Contact.objects.bulk_update([ruud], ["name"])
    assert masking_names(org_a) == frozenset({"ruud visscher"})
    masking_names(org_b)
    with committed():
        Contact.objects.filter(pk=ruud.pk).update(organisation=org_b)
    assert (masking_names(org_a), masking_names(org_b)) == (frozenset(), {"ruud visscher"})
    with committed():
        Contact.objects.filter(pk=ruud.pk).delete()
    assert masking_names(org_b) == frozenset()


@pytest.mark.django_db
def test_an_import_bumps_once_per_transaction(org_a, committed):
    with committed() as callbacks, transaction.atomic():
        for n in range(5):
            service.register_contact(org_a, external_ref=f"R{n}", name=f"Inwoner {n}a")
    assert sum(isinstance(c, name_cache._Bump) for c in callbacks) == 1


def in_other_thread(work: Callable[[], Any]) -> Any:
    """`work()` in a thread of its own: its own database connection and cache objects,
    as another web process has; only the shared cache's store is the same."""
    result: list = []

    def run():
        try:
            result.append(work())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result[0]


@pytest.mark.django_db(transaction=True)
def test_two_processes_share_the_cache_and_its_invalidation(make_organisation):
    organisation = make_organisation("stad")
    make_contact(organisation, "Anna de Jong")
    assert masking_names(organisation) == {"anna de jong"}

    assert in_other_thread(lambda: read_names(organisation)) == ({"anna de jong"}, 0)
    in_other_thread(lambda: service.register_contact(organisation, name="Eva Mulder"))
    assert masking_names(organisation) == {"anna de jong", "eva mulder"}
