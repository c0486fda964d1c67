"""Team scope: a membership limited to teams (catalog.TeamAccess, catalog/limits.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from model_bakery import baker

from gehoord.catalog import query, service
from gehoord.catalog.tests.factories import make_team
from gehoord.feedback.models import FollowUp, Signal
from gehoord.improvement.models import Action
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def alfa(org_a):
    return make_team(org_a, "Alfa")


@pytest.fixture
def bravo(org_a):
    return make_team(org_a, "Bravo")


@pytest.fixture
def lead(make_member, org_a):
    return make_member(Role.TEAM_LEAD, org_a, username="lead@example.org")


def membership_of(user):
    return user.memberships.get()


def test_no_access_rows_means_every_team(lead):
    assert query.team_ids_of(membership_of(lead)) is None


def test_set_team_access_limits_and_lifts(lead, alfa, bravo):
    membership = membership_of(lead)
    assert service.set_team_access(membership, [bravo, alfa]) == [alfa, bravo]
    assert query.team_ids_of(membership) == {alfa.pk, bravo.pk}
    service.set_team_access(membership, [bravo])
    assert query.team_ids_of(membership) == {bravo.pk}
    assert list(query.teams_of(membership)) == [bravo]
    service.set_team_access(membership, [])
    assert query.team_ids_of(membership) is None


def test_team_of_another_organisation_is_refused(lead, org_b):
    with pytest.raises(ValidationError):
        service.set_team_access(membership_of(lead), [make_team(org_b, "Elders")])
    assert query.team_ids_of(membership_of(lead)) is None


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.PROVIDER_USER])
def test_administrators_and_provider_users_are_never_limited(make_member, org_a, alfa, role):
    membership = membership_of(make_member(role, org_a))
    with pytest.raises(ValidationError):
        service.set_team_access(membership, [alfa])


def test_limiter_keeps_only_own_teams_and_drops_records_without_team(org_a, lead, alfa, bravo):
    from gehoord.tenancy.scoping import limit_to_member

    own = baker.make(Signal, organisation=org_a, team=alfa)
    baker.make(Signal, organisation=org_a, team=bravo)
    baker.make(Signal, organisation=org_a, team=None)
    membership = membership_of(lead)
    assert limit_to_member(Signal.objects.all(), membership).count() == 3
    service.set_team_access(membership, [alfa])
    assert list(limit_to_member(Signal.objects.all(), membership)) == [own]


def test_administrator_chooses_teams_in_beheer_and_it_is_audited(client_a, lead, alfa, bravo):
    membership = membership_of(lead)
    members = client_a.get(reverse("tenancy:member_list")).content.decode()
    url = reverse("catalog:team_access", args=[membership.pk])
    assert url in members  # the link beside the member
    page = client_a.get(url).content.decode()
    assert "Alfa" in page and "Bravo" in page and "elk team" in page
    response = client_a.post(url, {"teams": [alfa.pk]})
    assert response.status_code == 302
    assert query.team_ids_of(membership_of(lead)) == {alfa.pk}
    log = client_a.get(reverse("tenancy:audit_log")).content.decode()
    assert "team" in log.lower() and "Alfa" in log
    client_a.post(url, {"teams": []})
    assert query.team_ids_of(membership_of(lead)) is None


def test_picker_refuses_another_organisations_team(client_a, lead, org_b):
    foreign = make_team(org_b, "Elders")
    url = reverse("catalog:team_access", args=[membership_of(lead).pk])
    page = client_a.post(url, {"teams": [foreign.pk]}).content.decode()
    assert "Selecteer een geldige keuze" in page
    assert query.team_ids_of(membership_of(lead)) is None


def test_picker_is_not_offered_for_administrators_or_other_organisations(
    client_a, make_member, org_a, org_b
):
    admin = membership_of(make_member(Role.ADMINISTRATOR, org_a, username="b@example.org"))
    foreign = membership_of(make_member(Role.TEAM_LEAD, org_b, username="f@example.org"))
    for membership in (admin, foreign):
        assert client_a.get(reverse("catalog:team_access", args=[membership.pk])).status_code == 404


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_picker_for_administrators_only(client, make_member, org_a, lead, role):
    client.force_login(make_member(role, org_a))
    url = reverse("catalog:team_access", args=[membership_of(lead).pk])
    assert client.get(url).status_code == 403


def limited_client(client, lead, team):
    service.set_team_access(membership_of(lead), [team])
    client.force_login(lead)
    return client


@pytest.mark.parametrize(
    "url_name,model,extra",
    [
        ("feedback:signal_list", Signal, {}),
        ("feedback:followup_list", FollowUp, {}),
        ("improvement:action_list", Action, {}),
    ],
)
def test_lists_show_only_own_team(client, org_a, lead, alfa, bravo, url_name, model, extra):
    own = baker.make(model, organisation=org_a, team=alfa, **extra)
    other = baker.make(model, organisation=org_a, team=bravo, **extra)
    page = limited_client(client, lead, alfa).get(reverse(url_name))
    listed = list(page.context["object_list"])
    assert own in listed and other not in listed


def test_counts_on_the_lists_follow_the_team(client, org_a, lead, alfa, bravo, clock):
    from datetime import date

    for team in (alfa, bravo, bravo):
        baker.make(Signal, organisation=org_a, team=team, due_on=date(2000, 1, 1))
        baker.make(FollowUp, organisation=org_a, team=team, due_on=date(2000, 1, 1))
    client = limited_client(client, lead, alfa)
    assert client.get(reverse("feedback:signal_list")).context["overdue_count"] == 1
    assert client.get(reverse("feedback:followup_list")).context["open_count"] == 1


def test_action_form_offers_only_own_teams_signals_and_requires_a_team(
    client, org_a, lead, alfa, bravo
):
    own = baker.make(Signal, organisation=org_a, team=alfa)
    other = baker.make(Signal, organisation=org_a, team=bravo)
    page = limited_client(client, lead, alfa).get(reverse("improvement:action_create"))
    form = page.context["form"]
    assert list(form.fields["signals"].queryset) == [own]
    assert other not in form.fields["signals"].queryset
    assert list(form.fields["team"].queryset) == [alfa]
    assert form.fields["team"].required


def test_results_follow_the_team_and_organisation_wide_pages_are_closed(client, lead, alfa, bravo):
    client = limited_client(client, lead, alfa)
    page = client.get(reverse("insights:overview"), {"team": bravo.pk})
    assert page.status_code == 200
    assert page.context["filters"].team_id == alfa.pk
    assert list(page.context["filter_form"].fields["team"].queryset) == [alfa]
    for name in ("insights:providers", "insights:benchmark", "insights:drivers"):
        assert client.get(reverse(name)).status_code == 403, name


@pytest.mark.parametrize(
    "url_name,model",
    [
        ("feedback:signal_list", Signal),
        ("feedback:followup_list", FollowUp),
        ("improvement:action_list", Action),
    ],
)
def test_limited_list_query_count_does_not_grow_with_rows(
    client, org_a, lead, alfa, url_name, model
):
    client = limited_client(client, lead, alfa)
    url = reverse(url_name)
    baker.make(model, organisation=org_a, team=alfa, _quantity=2)
    client.get(url)  # the first visit creates the organisation's feedback settings
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    baker.make(model, organisation=org_a, team=alfa, _quantity=10)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_digest_goes_only_to_own_team_subscriptions(lead, org_a, alfa, bravo, smtp_inbox):
    from gehoord.publication import service as publication_service
    from gehoord.publication.models import DigestScope, DigestSubscription

    service.set_team_access(membership_of(lead), [alfa])
    subscription = publication_service.subscribe(org_a, lead)  # the whole organisation
    assert publication_service.send_monthly_digests() == 0
    for team, sent in ((bravo, 0), (alfa, 1)):
        DigestSubscription.objects.filter(pk=subscription.pk).update(
            scope=DigestScope.TEAM, team=team, last_sent_for=None
        )
        assert publication_service.send_monthly_digests() == sent, team
