"""Member screens: list, invite (real SMTP), change role, remove, accept the link."""

import re

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.tenancy import service
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

STRONG = "Een-sterk-wachtwoord-2026"


def invite(client, email="nieuw@example.org", role=Role.ANALYST, **extra):
    return client.post(
        reverse("tenancy:member_invite"), {"email": email, "role": role, "name": "", **extra}
    )


def test_invite_sends_a_one_time_link_that_sets_a_password_and_logs_in(
    client_a, client, org_a, smtp_inbox, django_capture_on_commit_callbacks, settings
):
    settings.GEHOORD_BASE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_a)
    assert response.status_code == 302 and response["Location"] == reverse("tenancy:member_list")
    [message] = smtp_inbox.messages
    assert message["To"] == "nieuw@example.org"
    assert message["Subject"] == f"U bent uitgenodigd voor gehoord bij {org_a.name}"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Uw rol: Analist" in text
    link = re.search(r"http://testserver(/uitnodiging/\S+/)", text).group(1)

    client.logout()
    page = client.get(link)
    assert page.status_code == 200 and "Kies uw wachtwoord" in page.content.decode()
    # Django's password validators apply.
    weak = client.post(link, {"new_password1": "12345", "new_password2": "12345"})
    assert weak.status_code == 200
    assert "Dit wachtwoord bevat alleen cijfers." in weak.content.decode()
    done = client.post(link, {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302 and done["Location"] == reverse("home")
    # An analyst sees responses: the organisation asks for the second step first.
    home = client.get(reverse("home"), follow=True)
    assert home.redirect_chain[-1][0].startswith(reverse("tenancy:two_factor_setup"))
    assert "Welkom! U werkt nu in" in home.content.decode()
    # Used once: the same link now explains it no longer works.
    client.logout()
    again = client.get(link)
    assert again.status_code == 410 and "Deze link werkt niet meer" in again.content.decode()
    assert client.login(username="nieuw@example.org", password=STRONG)


def test_invite_with_bad_input_gives_clear_messages(client_a, make_member, org_a):
    make_member(Role.ANALYST, org_a, username="al@example.org")
    page = invite(client_a, email="geen-adres").content.decode()
    assert "Voer een geldig e-mailadres in." in page
    page = invite(client_a, email="AL@example.org").content.decode()
    assert "al@example.org is al gebruiker in deze organisatie." in page
    page = invite(client_a, role="koning").content.decode()
    assert "Selecteer een geldige keuze" in page
    assert Membership.objects.filter(organisation=org_a).count() == 2


def test_invited_provider_user_goes_on_to_choose_the_provider(client_a):
    response = invite(client_a, role=Role.PROVIDER_USER)
    membership = Membership.objects.get(user__username="nieuw@example.org")
    assert response["Location"] == reverse("catalog:provider_access", args=[membership.pk])


def test_member_list_shows_status_with_constant_queries(client_a, admin_a, org_a, make_member):
    def fill(start, count):
        for i in range(start, start + count):
            service.invite_member(org_a, f"lid{i:02}@example.org", Role.ANALYST)
            make_member(Role.PROVIDER_USER, org_a, username=f"aanbieder{i:02}@example.org")

    url = reverse("tenancy:member_list")
    fill(0, 2)
    with CaptureQueriesContext(connection) as few:
        page = client_a.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Uitgenodigd; de link werkt tot" in text and "Kan inloggen" in text
    assert "Aanbieder kiezen" in text
    fill(2, 9)
    with CaptureQueriesContext(connection) as many:
        page = client_a.get(url)
    assert len(many) == len(few)
    assert page.context["paginator"].count == 23  # 22 + the administrator
    assert len(page.context["rows"]) == 23


def test_change_role_and_remove_are_logged(client_a, admin_a, org_a, make_member):
    other = make_member(Role.ANALYST, org_a, username="ander@example.org")
    membership = other.memberships.get()
    url = reverse("tenancy:member_detail", args=[membership.pk])
    assert client_a.post(url, {"role": Role.TEAM_LEAD}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.TEAM_LEAD
    response = client_a.post(reverse("tenancy:member_remove", args=[membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    log = client_a.get(reverse("tenancy:audit_log")).content.decode()
    assert "rol: Analist → Teamleider" in log
    assert LogEntry.objects.filter(
        content_type__model="membership", action=LogEntry.Action.DELETE
    ).exists()


def test_own_membership_cannot_be_changed_on_screen(client_a, admin_a):
    membership = admin_a.memberships.get()
    url = reverse("tenancy:member_detail", args=[membership.pk])
    assert "Dit bent u zelf" in client_a.get(url).content.decode()
    page = client_a.post(url, {"role": Role.ANALYST}).content.decode()
    assert "U kunt uw eigen rol niet wijzigen" in page
    client_a.post(reverse("tenancy:member_remove", args=[membership.pk]))
    assert Membership.objects.get(pk=membership.pk).role == Role.ADMINISTRATOR


def test_renew_sends_a_new_link(client_a, org_a, smtp_inbox, django_capture_on_commit_callbacks):
    membership, old = service.invite_member(org_a, "kwijt@example.org", Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(reverse("tenancy:member_renew", args=[membership.pk]))
    [message] = smtp_inbox.messages
    assert old not in message.get_body(preferencelist=("plain",)).get_content()
    assert client_a.get(reverse("tenancy:invite_accept", args=[old])).status_code == 410


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_members_screens_are_for_administrators_only(client, make_member, org_a, role):
    client.force_login(make_member(role, org_a))
    other = make_member(Role.ANALYST, org_a, username="x@example.org").memberships.get()
    for url in (
        reverse("tenancy:member_list"),
        reverse("tenancy:member_invite"),
        reverse("tenancy:member_detail", args=[other.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("tenancy:member_remove", args=[other.pk])).status_code == 403
    assert Membership.objects.filter(pk=other.pk).exists()


def test_members_of_another_organisation_are_not_found(client_a, make_member, org_b):
    foreign = make_member(Role.ANALYST, org_b).memberships.get()
    for name in ("tenancy:member_detail", "tenancy:member_remove", "tenancy:member_renew"):
        method = client_a.get if name == "tenancy:member_detail" else client_a.post
        assert method(reverse(name, args=[foreign.pk])).status_code == 404, name
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_unknown_link_explains_what_to_do(client, db):
    page = client.get(reverse("tenancy:invite_accept", args=["verzonnen"]))
    assert page.status_code == 410
    assert "Vraag de beheerder van uw organisatie om een nieuwe link" in page.content.decode()
