from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Max

from gehoord.catalog.models import Journey, Provider, Service, Team
from gehoord.demo.build import MULTI_ORG_USERNAME, PLATFORM_ADMIN_USERNAME, seed_all
from gehoord.demo.spec import DEMO_PASSWORD, ORGANISATIONS, PEERS
from gehoord.outreach.models import Invitation, InvitationRule, ServiceEvent
from gehoord.surveys.models import Response
from gehoord.tenancy.models import Membership, Organisation
from gehoord.tenancy.roles import Role
from gehoord.tenancy.size_class import SizeClass

SMALL = 0.02  # a few responses per service and month keep these tests fast


def catalogue_fingerprint() -> list:
    return sorted(Provider.objects.values_list("organisation__slug", "name", "active_from"))


def test_demo_builds_two_organisations_with_a_full_catalogue(db):
    accounts = seed_all(volume=SMALL)
    everyone = Organisation.objects.all()
    assert {o.slug for o in everyone} == {s.slug for s in ORGANISATIONS + PEERS}
    assert len({o.size_class for o in everyone}) >= 3
    organisations = list(everyone.filter(slug__in=["voorbeeld", "heideburg"]))
    assert len({o.size_class for o in organisations}) == 2
    voorbeeld = Organisation.objects.get(slug="voorbeeld")
    assert voorbeeld.size_class == SizeClass.FROM_100K_TO_250K
    for organisation in organisations:
        assert 6 <= Service.objects.filter(organisation=organisation).count() <= 10
        providers = Provider.objects.filter(organisation=organisation)
        assert 8 <= providers.count() <= 15
        assert all(p.services.filter(name__startswith="Wmo").exists() for p in providers)
        assert Team.objects.filter(organisation=organisation).exists()
        assert Journey.objects.get(organisation=organisation).stages.count() >= 3
        members = Membership.objects.filter(organisation=organisation)
        assert set(members.values_list("role", flat=True)) == set(Role)
    assert len(accounts) == 14  # six roles in two organisations, the director, the platform
    for organisation in organisations:
        rules = InvitationRule.objects.filter(organisation=organisation)
        assert rules.count() == Service.objects.filter(organisation=organisation).count()
        statuses = set(
            Invitation.objects.filter(organisation=organisation).values_list("status", flat=True)
        )
        assert {"responded", "scheduled"} <= statuses
        sent = Invitation.objects.filter(organisation=organisation).exclude(status="scheduled")
        assert not sent.filter(token__isnull=True).exists()  # each went out with its link
        assert not sent.filter(status="responded").exclude(token__status="completed").exists()


def test_demo_is_deterministic_and_rerunnable(db):
    seed_all(volume=SMALL)
    first = catalogue_fingerprint()
    seed_all(volume=SMALL)
    assert catalogue_fingerprint() == first  # a second run adds nothing
    Organisation.objects.all().delete()
    seed_all(volume=SMALL)
    assert catalogue_fingerprint() == first  # same seed, same data


def test_printed_accounts_can_log_in(client, db, capsys):
    call_command("demo", no_serve=True, volume=SMALL)
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output
    usernames = [line.split()[0] for line in output.splitlines() if "@" in line]
    assert MULTI_ORG_USERNAME in usernames and PLATFORM_ADMIN_USERNAME in usernames
    for username in usernames:
        assert client.login(username=username, password=DEMO_PASSWORD), username
        assert client.get("/").status_code == 200
        client.logout()
    assert get_user_model().objects.get(username=MULTI_ORG_USERNAME).memberships.count() == 2


def test_seed_command_for_one_organisation(db):
    call_command("seed", org="heideburg", volume=SMALL)
    assert list(Organisation.objects.values_list("slug", flat=True)) == ["heideburg"]


def test_seed_generates_its_dates_as_of_the_given_moment(db):
    as_of = datetime(2025, 6, 30, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
    call_command("seed", org="heideburg", volume=SMALL, as_of="2025-06-30T12:00")
    newest = Response.objects.aggregate(last=Max("submitted_at"))["last"]
    assert as_of - timedelta(days=31) < newest <= as_of
    assert ServiceEvent.objects.aggregate(last=Max("occurred_on"))["last"] <= as_of.date()


def test_seed_refuses_a_moment_it_cannot_read(db):
    with pytest.raises(CommandError, match="--as-of"):
        call_command("seed", org="heideburg", volume=SMALL, as_of="gisteren")
    assert not Organisation.objects.exists()
