"""The Django admin always asks staff for the second step: a platform operator without any
membership, and staff whose organisation turned two-step verification off, get in only
after a code from the app (or a backup code). Real log-ins through the log-in pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gehoord.conftest import PASSWORD
from gehoord.tenancy.models import Organisation
from gehoord.tenancy.roles import Role

LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")
ADMIN = reverse("admin:index")
ORGANISATIONS = reverse("admin:tenancy_organisation_changelist")
SETUP = reverse("tenancy:two_factor_setup")
VERIFY = reverse("tenancy:two_factor_verify")


def code_of(device: TOTPDevice) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:06d}"


@pytest.fixture
def operator(db):
    """A platform operator: superuser, no membership of any organisation."""
    return get_user_model().objects.create_superuser(
        "beheer@example.org", "beheer@example.org", PASSWORD
    )


def test_an_operator_without_membership_sets_up_the_app_before_the_admin(
    unverified_client, operator, clock
):
    client = unverified_client
    assert not operator.memberships.exists()
    logged_in = client.post(LOGIN, {"username": operator.username, "password": PASSWORD})
    assert logged_in.status_code == 302
    # The password alone does not open the admin, not its index nor a list in it.
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == SETUP + "?next=%2Fadmin%2F"
    assert client.get(ORGANISATIONS)["Location"].startswith(SETUP + "?next=")
    # A change is refused too: sent to set up the app, nothing made.
    before = Organisation.objects.count()
    add = client.post(reverse("admin:tenancy_organisation_add"), {"name": "Nieuw"})
    assert add.status_code == 302 and add["Location"] == SETUP
    assert Organisation.objects.count() == before
    # Setting up the app through the pages opens it.
    assert client.get(SETUP + "?next=%2Fadmin%2F").status_code == 200
    device = TOTPDevice.objects.get(user=operator, confirmed=False)
    done = client.post(SETUP, {"code": code_of(device), "next": ADMIN})
    assert done.status_code == 200 and 'href="/admin/"' in done.content.decode()
    assert client.get(ADMIN).status_code == 200
    assert client.get(ORGANISATIONS).status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())

    # The next log-in, through the admin's own log-in page: a code is asked first.
    client.post(reverse("admin:logout"))
    assert client.get(ADMIN)["Location"].startswith(ADMIN_LOGIN)
    again = client.post(
        ADMIN_LOGIN + "?next=/admin/",
        {"username": operator.username, "password": PASSWORD, "next": ADMIN},
    )
    assert again.status_code == 302 and again["Location"] == ADMIN
    assert client.get(ADMIN)["Location"] == VERIFY + "?next=%2Fadmin%2F"
    # A backup code also counts as the second step.
    verified = client.post(VERIFY, {"code": codes[0], "next": ADMIN})
    assert verified.status_code == 302 and verified["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_staff_of_an_organisation_without_the_setting_still_verify_for_the_admin(
    unverified_client, make_member, org_a, clock
):
    org_a.two_factor_required = False
    org_a.save()
    member = make_member(Role.ADMINISTRATOR, org_a)
    member.is_staff = True
    member.save()
    client = unverified_client
    client.post(LOGIN, {"username": member.username, "password": PASSWORD})
    # The organisation's own pages need no second step (its setting is off) …
    assert client.get(reverse("home")).status_code == 200
    # … the admin does.
    assert client.get(ADMIN)["Location"] == SETUP + "?next=%2Fadmin%2F"
    device = TOTPDevice.objects.create(user=member, name="app", confirmed=True)
    assert client.get(ADMIN)["Location"] == VERIFY + "?next=%2Fadmin%2F"
    wrong = client.post(VERIFY, {"code": f"{(int(code_of(device)) + 1) % 1_000_000:06d}"})
    assert wrong.status_code == 200
    assert client.get(ADMIN)["Location"].startswith(VERIFY)
    clock.shift(2)
    assert client.post(VERIFY, {"code": code_of(device), "next": ADMIN})["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_members_who_are_not_staff_get_the_admin_log_in_as_before(
    unverified_client, make_member, org_a
):
    member = make_member(Role.INTERVIEWER, org_a)
    unverified_client.post(LOGIN, {"username": member.username, "password": PASSWORD})
    response = unverified_client.get(ADMIN)
    assert response.status_code == 302 and response["Location"].startswith(ADMIN_LOGIN)
