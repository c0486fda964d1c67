"""Single sign-on end to end against a real OpenID Connect provider on 127.0.0.1.

The test client plays the browser: it starts at gehoord, follows the redirect to the
provider over HTTP, and brings the provider's answer back to the call-back. Every call
gehoord makes (token, keys, userinfo) is a real HTTP call through gehoord.outgoing.
"""

import http.client
from urllib.parse import parse_qs, urlsplit

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse

from gehoord.sso.backend import SESSION_FLAG
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role

from .factories import make_oidc_provider

pytestmark = pytest.mark.django_db


def follow_provider(location: str) -> str:
    """GET the provider's authorization address; the address it sends the browser back to."""
    parts = urlsplit(location)
    connection = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=10)
    connection.request("GET", f"{parts.path}?{parts.query}")
    response = connection.getresponse()
    assert response.status == 302, response.read()
    back = response.getheader("Location")
    connection.close()
    assert back is not None
    return back


def sso_log_in(client, organisation, next_url: str = ""):
    query = f"?next={next_url}" if next_url else ""
    start = client.get(reverse("sso:start", args=[organisation.slug]) + query)
    assert start.status_code == 302
    back = urlsplit(follow_provider(start["Location"]))
    assert back.path == reverse("sso:callback")
    return client.get(f"{back.path}?{back.query}")


def login_entries(result: str):
    return LogEntry.objects.filter(additional_data__kind="login", additional_data__result=result)


def test_log_in_makes_the_staff_member_with_the_mapped_role(client, org_a, oidc_server):
    make_oidc_provider(org_a, oidc_server)
    response = sso_log_in(client, org_a)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = get_user_model().objects.get(email="j.jansen@zuiderstad.example")
    assert (user.first_name, user.last_name) == ("Jan", "Jansen")
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role) == (org_a, Role.ANALYST)
    assert client.session[SESSION_FLAG] is True
    assert int(client.session["_auth_user_id"]) == user.pk
    assert login_entries("success").filter(actor=user).count() == 1
    # PKCE: the token request carried the verifier, and the secret went in the body.
    (token_request,) = oidc_server.token_requests
    assert token_request["code_verifier"]
    assert client.get(reverse("home")).status_code == 200


def test_existing_account_is_found_by_e_mail_and_gets_its_role(
    client, org_a, make_member, oidc_server
):
    existing = make_member(Role.INTERVIEWER, org_a, username="J.Jansen@Zuiderstad.example")
    oidc_server.user["groups"] = ["andere-groep", "klantbeleving-beheer"]
    make_oidc_provider(org_a, oidc_server)
    sso_log_in(client, org_a)
    assert int(client.session["_auth_user_id"]) == existing.pk
    assert Membership.objects.get(user=existing).role == Role.ADMINISTRATOR
    assert client.session["active_organisation_id"] == org_a.pk


def test_account_of_another_organisation_is_not_taken_over(
    client, org_a, org_b, make_member, oidc_server
):
    # Whoever runs organisation A's identity provider can sign any e-mail address.
    other = make_member(Role.ADMINISTRATOR, org_b, username="j.jansen@zuiderstad.example")
    make_oidc_provider(org_a, oidc_server)
    page = refused_message(client, sso_log_in(client, org_a))
    assert "Uw account wordt ook buiten deze organisatie gebruikt" in page
    assert list(Membership.objects.filter(user=other).values_list("organisation", flat=True)) == [
        org_b.pk
    ]


def refused_message(client, response) -> str:
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    return client.get(response["Location"]).content.decode()


def test_e_mail_domain_not_allowed_is_refused(client, org_a, oidc_server):
    oidc_server.user["email"] = "iemand@elders.example"
    make_oidc_provider(org_a, oidc_server)
    page = refused_message(client, sso_log_in(client, org_a))
    assert "Uw e-mailadres mag niet gebruikt worden om in te loggen met Zuiderstad Account" in page
    assert not get_user_model().objects.filter(email="iemand@elders.example").exists()
    assert login_entries("failure").count() == 1


def test_no_mapped_role_is_refused_unless_there_is_a_default_role(client, org_a, oidc_server):
    oidc_server.user["groups"] = ["iets-anders"]
    provider = make_oidc_provider(org_a, oidc_server)
    page = refused_message(client, sso_log_in(client, org_a))
    assert "Zuiderstad Account gaf u geen rol in gehoord" in page
    assert not Membership.objects.filter(organisation=org_a).exists()
    provider.default_role = Role.TEAM_LEAD
    provider.save()
    sso_log_in(client, org_a)
    assert Membership.objects.get(organisation=org_a).role == Role.TEAM_LEAD


@pytest.mark.parametrize("field", ["token_audience", "token_issuer"])
def test_token_for_another_audience_or_from_another_issuer_is_refused(
    client, org_a, oidc_server, field
):
    setattr(oidc_server, field, "http://iemand-anders.example")
    make_oidc_provider(org_a, oidc_server)
    page = refused_message(client, sso_log_in(client, org_a))
    assert "Het antwoord van Zuiderstad Account is niet te vertrouwen" in page
    assert not get_user_model().objects.filter(email="j.jansen@zuiderstad.example").exists()
    assert login_entries("failure").count() == 1


def test_wrong_client_secret_fails_with_a_message(client, org_a, oidc_server):
    make_oidc_provider(org_a, oidc_server, client_secret="verkeerd")
    page = refused_message(client, sso_log_in(client, org_a))
    assert "Inloggen met Zuiderstad Account is niet gelukt" in page


def test_provider_reporting_an_error_is_a_failed_log_in(client, org_a, oidc_server):
    make_oidc_provider(org_a, oidc_server)
    client.get(reverse("sso:start", args=[org_a.slug]))
    page = refused_message(
        client, client.get(reverse("sso:callback") + "?error=access_denied&state=x")
    )
    assert "Inloggen met Zuiderstad Account is niet gelukt" in page
    assert login_entries("failure").count() == 1


def test_unknown_state_is_no_server_error(client, org_a, oidc_server):
    make_oidc_provider(org_a, oidc_server)
    client.get(reverse("sso:start", args=[org_a.slug]))
    response = client.get(reverse("sso:callback") + "?code=abc&state=onbekend")
    refused_message(client, response)


def test_provider_outside_the_allowed_hosts_is_not_called(client, org_a, oidc_server):
    make_oidc_provider(org_a, oidc_server, allowed_internal_hosts="")
    page = refused_message(client, sso_log_in(client, org_a))
    assert "niet gelukt" in page
    assert oidc_server.token_requests == []


def test_start_needs_a_switched_on_provider(client, org_a, oidc_server):
    assert client.get(reverse("sso:start", args=[org_a.slug])).status_code == 404
    make_oidc_provider(org_a, oidc_server, enabled=False)
    assert client.get(reverse("sso:start", args=[org_a.slug])).status_code == 404


def test_login_page_offers_the_provider_and_passwords_still_work(
    client, org_a, make_member, oidc_server
):
    make_oidc_provider(org_a, oidc_server)
    page = client.get(reverse("login")).content.decode()
    assert "Inloggen met Zuiderstad Account" in page
    assert reverse("sso:start", args=[org_a.slug]) in page
    user = make_member(Role.ANALYST, org_a)
    user.set_password("lokaal-wachtwoord-2026")
    user.save()
    response = client.post(
        reverse("login"), {"username": user.username, "password": "lokaal-wachtwoord-2026"}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert SESSION_FLAG not in client.session


def test_switched_off_account_is_not_let_in(client, org_a, make_member, oidc_server):
    user = make_member(Role.ANALYST, org_a, username="j.jansen@zuiderstad.example")
    user.is_active = False
    user.save()
    make_oidc_provider(org_a, oidc_server)
    page = refused_message(client, sso_log_in(client, org_a))
    assert "Inloggen met Zuiderstad Account is niet gelukt" in page
    assert login_entries("failure").count() == 1


def test_back_to_the_page_asked_for(client, org_a, oidc_server):
    make_oidc_provider(org_a, oidc_server)
    page = client.get(reverse("login") + "?next=/catalogus/").content.decode()
    start = reverse("sso:start", args=[org_a.slug]) + "?next=/catalogus/"
    assert start in page
    response = sso_log_in(client, org_a, next_url="/catalogus/")
    assert response["Location"] == "/catalogus/"


def test_each_log_in_comes_back_to_the_provider_it_started_with(client, org_a, org_b, oidc_server):
    make_oidc_provider(org_a, oidc_server)
    make_oidc_provider(org_b, oidc_server, role_mapping="klantbeleving-analisten = team_lead")
    first = client.get(reverse("sso:start", args=[org_a.slug]))
    client.get(reverse("sso:start", args=[org_b.slug]))  # another tab
    back = urlsplit(follow_provider(first["Location"]))
    client.get(f"{back.path}?{back.query}")
    membership = Membership.objects.get(user__email="j.jansen@zuiderstad.example")
    assert (membership.organisation, membership.role) == (org_a, Role.ANALYST)


def test_log_out_ends_the_session_at_the_identity_provider_too(client, org_a, oidc_server):
    make_oidc_provider(org_a, oidc_server)
    sso_log_in(client, org_a)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{oidc_server.issuer}/logout"
    params = parse_qs(location.query)
    assert params["id_token_hint"] == oidc_server.id_tokens
    assert params["client_id"] == ["gehoord-test"]
    assert params["post_logout_redirect_uri"] == ["http://testserver" + reverse("login")]
    # Logged out here already; the provider sends the browser back to the log-in page.
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    back = follow_provider(response["Location"])
    assert back == "http://testserver" + reverse("login")
    assert len(oidc_server.logouts) == 1


def test_log_out_stays_local_without_an_end_session_address(client, org_a, oidc_server):
    make_oidc_provider(org_a, oidc_server, end_session_endpoint="")
    sso_log_in(client, org_a)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert oidc_server.logouts == []


def test_a_password_log_in_logs_out_locally(client, admin_a, oidc_server, org_a):
    make_oidc_provider(org_a, oidc_server)
    client.force_login(admin_a)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
