import pytest
from django.core.exceptions import ValidationError

from gehoord.catalog import query, service
from gehoord.catalog.tests.factories import make_provider, make_service
from gehoord.tenancy.roles import Role


def test_archive_is_idempotent_and_restore_clears(org_a):
    record = make_service(org_a, "Paspoort")
    service.archive(record)
    first = record.archived_at
    service.archive(record)
    assert record.archived_at == first
    assert list(query.active_services(org_a)) == []
    service.restore(record)
    assert list(query.active_services(org_a)) == [record]


def test_provider_access_only_within_own_organisation(make_member, org_a, org_b):
    user = make_member(Role.PROVIDER_USER, org_a)
    membership = user.memberships.get()
    own = make_provider(org_a, "Zorg Plus")
    foreign = make_provider(org_b, "Zorg Min")
    with pytest.raises(ValidationError):
        service.grant_provider_access(membership, foreign)
    service.grant_provider_access(membership, own)
    assert query.provider_of(membership) == own


def test_provider_access_only_for_provider_users(make_member, org_a):
    membership = make_member(Role.ANALYST, org_a).memberships.get()
    provider = make_provider(org_a, "Zorg Plus")
    with pytest.raises(ValidationError):
        service.grant_provider_access(membership, provider)
    assert query.provider_of(membership) is None
