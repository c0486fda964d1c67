import pytest

from gehoord.catalog.models import Provider
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role


@pytest.fixture
def provider_user(demo_org):
    """The demo's provider user and the provider they are linked to."""
    membership = Membership.objects.select_related("user", "provider_access__provider").get(
        organisation=demo_org, role=Role.PROVIDER_USER
    )
    return membership.user, membership.provider_access.provider


@pytest.fixture
def other_providers(demo_org, provider_user):
    _user, own = provider_user
    return list(Provider.objects.filter(organisation=demo_org).exclude(pk=own.pk))
