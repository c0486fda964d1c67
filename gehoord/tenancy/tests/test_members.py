"""Use cases of tenancy/members.py and invites.py: invite, renew, accept, role, remove."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from gehoord.tenancy import service
from gehoord.tenancy.invites import VALID_DAYS, MemberInvite, valid_invite
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


def test_invite_new_person_creates_account_without_password(org_a):
    membership, token = service.invite_member(
        org_a, " Nieuw@Example.org ", Role.ANALYST, name="Noor de Vries"
    )
    user = membership.user
    assert user.username == user.email == "nieuw@example.org"
    assert (user.first_name, user.last_name) == ("Noor", "de Vries")
    assert not user.has_usable_password()
    assert membership.role == Role.ANALYST and membership.organisation == org_a
    assert token and valid_invite(token).membership == membership
    # Only the hash is kept.
    assert not MemberInvite.objects.filter(token_hash=token).exists()


def test_invite_existing_account_adds_membership_without_link(make_member, org_a, org_b):
    user = make_member(Role.ANALYST, org_b)
    membership, token = service.invite_member(org_a, user.username.upper(), Role.TEAM_LEAD)
    assert token is None
    assert membership.user == user
    assert set(user.memberships.values_list("organisation", flat=True)) == {org_a.pk, org_b.pk}


def test_invite_of_a_member_is_refused(make_member, org_a):
    user = make_member(Role.ANALYST, org_a)
    with pytest.raises(ValidationError, match="al gebruiker"):
        service.invite_member(org_a, user.username, Role.ANALYST)
    assert Membership.objects.filter(user=user).count() == 1


def test_link_works_once(org_a):
    membership, token = service.invite_member(org_a, "a@example.org", Role.ANALYST)
    invite = valid_invite(token)
    service.accept_invite(invite, "een-Goed-wachtwoord-7")
    membership.user.refresh_from_db()
    assert membership.user.check_password("een-Goed-wachtwoord-7")
    assert valid_invite(token) is None
    with pytest.raises(ValidationError):
        service.accept_invite(invite, "nog-een-Wachtwoord-8")


def test_link_expires(org_a, clock):
    _membership, token = service.invite_member(org_a, "a@example.org", Role.ANALYST)
    clock.shift(timedelta(days=VALID_DAYS) - timedelta(minutes=1))
    assert valid_invite(token) is not None
    clock.shift(timedelta(minutes=2))
    assert valid_invite(token) is None


def test_new_link_makes_the_old_one_useless(org_a):
    membership, old = service.invite_member(org_a, "a@example.org", Role.ANALYST)
    new = service.renew_invite(membership)
    assert valid_invite(old) is None
    assert valid_invite(new).membership == membership


def test_no_new_link_for_someone_who_can_log_in(make_member, org_a):
    membership = make_member(Role.ANALYST, org_a).memberships.get()
    with pytest.raises(ValidationError):
        service.renew_invite(membership)


def test_change_role_keeps_one_administrator(make_member, org_a):
    admin = make_member(Role.ADMINISTRATOR, org_a, username="admin@example.org")
    other = make_member(Role.ADMINISTRATOR, org_a, username="tweede@example.org")
    membership = other.memberships.get()
    service.change_role(membership, Role.ANALYST, admin)
    membership.refresh_from_db()
    assert membership.role == Role.ANALYST
    # Now `admin` is the last administrator; another administrator could not demote them
    # either, and they cannot change themselves.
    with pytest.raises(ValidationError, match="eigen rol"):
        service.change_role(admin.memberships.get(), Role.ANALYST, admin)


def test_last_administrator_cannot_be_demoted_or_removed(make_member, org_a):
    admin = make_member(Role.ADMINISTRATOR, org_a, username="admin@example.org")
    helper = make_member(Role.ADMINISTRATOR, org_a, username="helper@example.org")
    service.change_role(helper.memberships.get(), Role.ANALYST, admin)
    last = admin.memberships.get()
    # Simulate the last administrator being acted on by a (former) colleague.
    with pytest.raises(ValidationError, match="minstens één beheerder"):
        service.change_role(last, Role.ANALYST, helper)
    with pytest.raises(ValidationError, match="minstens één beheerder"):
        service.remove_member(last, helper)
    assert Membership.objects.get(pk=last.pk).role == Role.ADMINISTRATOR


def test_remove_deletes_an_unused_account_and_deactivates_a_used_one(make_member, org_a, org_b):
    admin = make_member(Role.ADMINISTRATOR, org_a)
    invited, _token = service.invite_member(org_a, "nooit@example.org", Role.ANALYST)
    service.remove_member(invited, admin)
    assert not get_user_model().objects.filter(username="nooit@example.org").exists()

    used = make_member(Role.ANALYST, org_a, username="oud@example.org")
    service.remove_member(used.memberships.get(), admin)
    used.refresh_from_db()
    assert not used.is_active and used.memberships.count() == 0

    elsewhere = make_member(Role.ANALYST, org_a, org_b, username="beide@example.org")
    service.remove_member(elsewhere.memberships.get(organisation=org_a), admin)
    elsewhere.refresh_from_db()
    assert elsewhere.is_active and elsewhere.memberships.get().organisation == org_b


def test_reinvited_former_member_is_active_again(make_member, org_a):
    admin = make_member(Role.ADMINISTRATOR, org_a)
    used = make_member(Role.ANALYST, org_a, username="terug@example.org")
    service.remove_member(used.memberships.get(), admin)
    membership, token = service.invite_member(org_a, "terug@example.org", Role.ANALYST)
    used.refresh_from_db()
    assert used.is_active and token is None and membership.user == used
