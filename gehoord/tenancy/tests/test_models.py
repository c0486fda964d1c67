import pytest
from django.db import IntegrityError

from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Capability, Role, role_has
from gehoord.tenancy.size_class import SizeClass, size_class_for


@pytest.mark.parametrize(
    ("inhabitants", "expected"),
    [
        (0, SizeClass.UNDER_20K),
        (19_999, SizeClass.UNDER_20K),
        (20_000, SizeClass.FROM_20K_TO_50K),
        (99_999, SizeClass.FROM_50K_TO_100K),
        (121_400, SizeClass.FROM_100K_TO_250K),
        (250_000, SizeClass.OVER_250K),
    ],
)
def test_size_class_bands(inhabitants, expected):
    assert size_class_for(inhabitants) == expected


def test_size_class_is_stored_and_follows_inhabitants(org_a):
    assert org_a.size_class == SizeClass.FROM_100K_TO_250K
    org_a.inhabitants = 15_000
    org_a.save()
    org_a.refresh_from_db()
    assert org_a.size_class == SizeClass.UNDER_20K


def test_organisation_defaults(org_a):
    assert org_a.minimum_n == 10
    assert org_a.named_in_benchmarks is False


def test_one_membership_per_user_and_organisation(make_member, org_a):
    user = make_member(Role.ANALYST, org_a)
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, organisation=org_a, role=Role.TEAM_LEAD)


def test_user_can_belong_to_several_organisations(make_member, org_a, org_b):
    user = make_member(Role.ANALYST, org_a, org_b)
    assert set(user.memberships.values_list("organisation__slug", flat=True)) == {"alfa", "bravo"}


def test_capabilities_per_role():
    assert role_has(Role.ADMINISTRATOR, Capability.MANAGE_CATALOG)
    assert role_has(Role.ANALYST, Capability.VIEW_CATALOG)
    assert not role_has(Role.ANALYST, Capability.MANAGE_CATALOG)
    assert not role_has(Role.PROVIDER_USER, Capability.VIEW_CATALOG)
    assert not role_has(Role.TEAM_LEAD, Capability.VIEW_AUDIT_LOG)
