import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from gehoord.tenancy import service
from gehoord.tenancy.middleware import SESSION_KEY
from gehoord.tenancy.roles import Role


def request_for(user):
    request = RequestFactory().post("/")
    request.user = user
    request.session = {}
    return request


def test_add_member_replaces_earlier_role(make_member, org_a):
    user = make_member(Role.ANALYST, org_a)
    membership = service.add_member(user, org_a, Role.TEAM_LEAD)
    assert membership.role == Role.TEAM_LEAD
    assert user.memberships.count() == 1


def test_switch_to_own_organisation(make_member, org_a, org_b):
    user = make_member(Role.ANALYST, org_a, org_b)
    request = request_for(user)
    assert service.switch_organisation(request, org_b.pk) == org_b
    assert request.session[SESSION_KEY] == org_b.pk


def test_cannot_switch_to_foreign_organisation(make_member, org_a, org_b):
    user = make_member(Role.ANALYST, org_a)
    request = request_for(user)
    with pytest.raises(PermissionDenied):
        service.switch_organisation(request, org_b.pk)
    assert SESSION_KEY not in request.session


def test_apikey_command_prints_a_working_key(org_a, capsys):
    from django.core.management import call_command

    call_command("apikey", org=org_a.slug, name="zaaksysteem")
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert service.organisation_for_key(secret) == org_a
