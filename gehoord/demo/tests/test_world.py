"""The shared demo world is realistic: a platform administrator, peers in several size
classes for the benchmark, invitations that match the responses, no burst at the end."""

import statistics
from collections import Counter
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gehoord.demo.build import PLATFORM_ADMIN_USERNAME
from gehoord.demo.spec import DEMO_PASSWORD, PEERS
from gehoord.insights import query as insights_query
from gehoord.outreach.models import Invitation, InvitationStatus
from gehoord.outreach.query import DELIVERED
from gehoord.surveys.models import Response
from gehoord.tenancy.models import Membership, Organisation
from gehoord.tenancy.roles import Role
from gehoord.webhooks.models import EVENT_LABELS, Delivery, Subscription


def test_platform_administrator_can_log_in_to_the_admin(client, demo_org):
    admin = get_user_model().objects.get(username=PLATFORM_ADMIN_USERNAME)
    assert admin.is_superuser and admin.is_staff
    assert not Membership.objects.filter(user=admin).exists()
    assert client.login(username=PLATFORM_ADMIN_USERNAME, password=DEMO_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_six_organisations_in_three_size_classes(demo_org):
    organisations = list(Organisation.objects.all())
    assert len(organisations) >= 6
    assert len({o.size_class for o in organisations}) >= 3
    same_class = [o for o in organisations if o.size_class == demo_org.size_class]
    assert len(same_class) - 1 >= MINIMUM_PEERS


# insights.benchmarks.MINIMUM_PEERS: a pooled figure needs at least this many others.
MINIMUM_PEERS = 3


def analyst(demo_org):
    return Membership.objects.get(organisation=demo_org, role=Role.ANALYST).user


def test_peer_benchmark_shows_the_size_class_and_everyone(client, demo_org):
    rows = insights_query.peer_benchmark(demo_org, insights_query.rolling_window())
    grade = next(r for r in rows if r.code == "core_grade")
    assert grade.own.shown and grade.size_class.shown and grade.everyone.shown
    assert grade.size_class_organisations >= MINIMUM_PEERS
    assert grade.everyone_organisations > grade.size_class_organisations
    assert grade.named  # peers that opted in are named
    client.force_login(analyst(demo_org))
    page = client.get(reverse("insights:benchmark")).content.decode()
    assert "too few organisations" not in page and "te weinig organisaties" not in page
    assert grade.named[0][0] in page


def test_benchlearning_shows_what_better_peers_shared(client, demo_org):
    client.force_login(analyst(demo_org))
    page = client.get(reverse("improvement:practices")).content.decode()
    assert "no question where organisations of your size" not in page
    assert "geen vraag waarop organisaties van uw grootte" not in page.lower()
    # Practices of the quicker peers, named only where they opted in.
    peers = {p.slug: p for p in PEERS}
    for slug in ("lindewaard", "duinhaven", "beekstede"):
        for what, _code, _result in peers[slug].practices:
            assert what in page, what
    assert "Gemeente Lindewaard" in page and "Gemeente Duinhaven" not in page


def test_every_invited_response_has_its_invitation(demo_org):
    invitations = Invitation.objects.filter(organisation=demo_org)
    answered = Counter(
        invitations.filter(status=InvitationStatus.RESPONDED).values_list(
            "rule__service_id", "channel", "event__provider_id", "event__team_id"
        )
    )
    invited = Counter(
        Response.objects.filter(organisation=demo_org)
        .exclude(invitation_channel="")
        .values_list("service_id", "invitation_channel", "provider_id", "team_id")
    )
    assert invited and answered == invited
    delivered = Counter(
        invitations.filter(status__in=DELIVERED).values_list("rule__service_id", "channel")
    )
    by_cell = Counter()
    for (service, channel, _, _), count in invited.items():
        by_cell[(service, channel)] += count
    for cell, responses in by_cell.items():
        assert delivered[cell] >= responses
        assert 0.2 <= responses / delivered[cell] <= 0.45, cell
    total = sum(delivered.values())
    assert 0.2 <= sum(by_cell.values()) / total <= 0.45


def daily_counts(organisation) -> Counter:
    moments = Response.objects.filter(organisation=organisation).values_list(
        "submitted_at", flat=True
    )
    return Counter(timezone.localtime(m).date() for m in moments)


def test_no_burst_of_responses_on_the_last_two_days(demo_org):
    days = daily_counts(demo_org)
    last = max(days)
    median = statistics.median(days.get(last - timedelta(days=i), 0) for i in range(2, 32))
    assert median > 0
    assert days[last] + days.get(last - timedelta(days=1), 0) <= 2 * 2 * median
    assert max(days[last], days.get(last - timedelta(days=1), 0)) <= 3 * median


def test_first_day_of_a_month_gets_a_days_worth_not_a_months(db):
    call_command("seed", org="heideburg", volume=0.25, as_of="2026-12-01T09:00")
    days = daily_counts(Organisation.objects.get(slug="heideburg"))
    first = date(2026, 12, 1)
    assert max(days) <= first
    assert sum(days.get(first - timedelta(days=i), 0) for i in range(1, 8)) >= 5
    # About 70 a month: a few in the first nine hours, where the whole month's used to land.
    assert days.get(first, 0) <= 5


def test_the_demo_has_a_webhook_subscription_switched_off(demo_org):
    subscription = Subscription.objects.get(organisation=demo_org)
    assert not subscription.enabled and subscription.allow_internal_host
    assert subscription.secret and subscription.event_types == sorted(EVENT_LABELS)
    assert not Delivery.objects.filter(subscription=subscription).exists()
