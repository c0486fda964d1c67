"""The home page answers "what changed, what needs me" per role: only the blocks the role
may open, counts that link to the screen that handles them, an empty state per block and
a fixed number of queries however much is waiting."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gehoord.feedback.tests.factories import make_follow_up, make_signal
from gehoord.framework import service as framework_service
from gehoord.improvement.tests.factories import make_action
from gehoord.insights import periods
from gehoord.insights.models import ExportStatus, Grain
from gehoord.insights.tests.factories import make_export_job, make_rollup
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

BLOCKS_OF_ROLE = {
    Role.ADMINISTRATOR: ["changes", "follow_ups", "signals", "actions", "exports", "health"],
    Role.ANALYST: ["changes", "signals", "actions", "exports"],
    Role.TEAM_LEAD: ["changes", "follow_ups", "signals", "actions"],
    Role.COMPLAINTS_OFFICER: ["changes", "follow_ups", "signals", "actions"],
    Role.INTERVIEWER: ["actions"],
    Role.PROVIDER_USER: [],
}

# Queries of the whole page per role, session, membership, the verified second step and
# the member's teams (roles that can be limited) included: a block costs a fixed number of
# queries, so these hold with one waiting record or with many.
QUERIES_OF_ROLE = {
    Role.ADMINISTRATOR: 15,
    Role.ANALYST: 13,
    Role.TEAM_LEAD: 13,
    Role.COMPLAINTS_OFFICER: 13,
    Role.INTERVIEWER: 6,
    Role.PROVIDER_USER: 4,
}


def blocks_on(html: str) -> list[str]:
    return re.findall(r'data-block="([a-z_]+)"', html)


def block(html: str, key: str) -> str:
    match = re.search(rf'<section[^>]*data-block="{key}".*?</section>', html, re.S)
    assert match, f"no block {key}"
    return match.group(0)


def fill(organisation, user, copies: int = 1) -> None:
    """Things waiting: overdue and near signals, follow-ups and actions, a ready export."""
    today = timezone.localdate()
    for _ in range(copies):
        make_signal(organisation, due_on=today - timedelta(days=3))
        make_signal(organisation, due_on=today + timedelta(days=1))
        make_follow_up(organisation, due_on=today - timedelta(days=2), owner=user)
        make_follow_up(organisation, due_on=today)
        make_action(organisation, due_on=today - timedelta(days=1), owner=user)
        make_action(organisation, due_on=today + timedelta(days=5))
        make_export_job(organisation, requested_by=user, content=b"a;b\n", filename="cijfers.csv")


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_only_the_blocks_it_may_open(client, make_member, org_a, role):
    user = make_member(role, org_a)
    client.force_login(user)
    html = client.get("/").content.decode()
    assert blocks_on(html) == BLOCKS_OF_ROLE[role]
    assert "Welkom bij gehoord" in html


@pytest.mark.parametrize("role", list(Role))
def test_query_count_per_role_does_not_grow_with_the_records(client, make_member, org_a, role):
    framework_service.install_defaults(org_a)
    user = make_member(role, org_a)
    client.force_login(user)
    fill(org_a, user)
    client.get("/")  # the feedback settings are created on first read
    with CaptureQueriesContext(connection) as few:
        assert client.get("/").status_code == 200
    fill(org_a, user, copies=8)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/").status_code == 200
    assert len(few) == QUERIES_OF_ROLE[role], [q["sql"] for q in few.captured_queries]
    assert len(many) == len(few)


def test_empty_state_of_every_block(client, make_member, org_a):
    user = make_member(Role.ADMINISTRATOR, org_a)
    client.force_login(user)
    html = client.get("/").content.decode()
    expected = {
        "changes": "Geen kerncijfer verschilt duidelijk van de periode ervoor.",
        "follow_ups": "Geen opvolging is te laat of bijna aan de beurt.",
        "signals": "Geen signaal is over of bijna aan zijn termijn.",
        "actions": "Geen actie is te laat of moet in de komende twee weken af.",
        "exports": "Er wacht geen klare export op u.",
    }
    for key, text in expected.items():
        assert text in block(html, key), key
    # No heartbeat has been recorded in the test database: the worker never reported.
    assert "De verwerker heeft zich nog niet gemeld" in block(html, "health")


def test_counts_link_to_the_screen_that_handles_them(client, make_member, org_a, make_organisation):
    user = make_member(Role.ADMINISTRATOR, org_a)
    other = make_member(Role.ANALYST, org_a, username="collega@example.org")
    client.force_login(user)
    fill(org_a, user)
    make_export_job(org_a, requested_by=other, content=b"x", filename="van-een-ander.csv")
    make_export_job(org_a, requested_by=user, status=ExportStatus.RUNNING, filename="bezig.csv")
    # Another organisation's overdue signal is not counted.
    make_signal(make_organisation("charlie"), due_on=timezone.localdate() - timedelta(days=9))
    html = client.get("/").content.decode()

    signals = block(html, "signals")
    overdue = r'href="/signalen/\?status=te-laat"[^>]*>.*?>1</span> over de termijn'
    assert re.search(overdue, signals)
    assert re.search(r'href="/signalen/\?status=binnenkort">.*?>1</span> termijn bijna', signals)
    follow_ups = block(html, "follow_ups")
    assert re.search(r'href="/opvolging/\?filter=te-laat"[^>]*>.*?>1</span> te laat', follow_ups)
    assert re.search(r'href="/opvolging/\?filter=mijn">.*?>1</span> aan u toegewezen', follow_ups)
    actions = block(html, "actions")
    assert re.search(r">1</span> over de streefdatum", actions)
    assert re.search(r">1</span> af in de komende twee weken", actions)
    exports = block(html, "exports")
    assert "cijfers.csv" in exports
    assert "van-een-ander.csv" not in exports and "bezig.csv" not in exports


def test_changes_show_the_clear_verdicts_only(client, make_member, org_a):
    framework_service.install_defaults(org_a)
    questionnaire = framework_service.create_questionnaire(org_a, "Klanttevredenheid")
    previous = periods.Period("window", *periods.previous_window(periods.today()))
    # The grade dropped from 7.5 to 6.5 over 400 answers each (variance 1): clearly lower.
    make_rollup(questionnaire, 400, total=400 * 6.5, total_sq=400 * 6.5**2 + 399)
    make_rollup(
        questionnaire,
        400,
        total=400 * 7.5,
        total_sq=400 * 7.5**2 + 399,
        grain=Grain.PREVIOUS_WINDOW,
        period=previous,
    )
    user = make_member(Role.TEAM_LEAD, org_a)
    client.force_login(user)
    changes = block(client.get("/").content.decode(), "changes")
    assert "Rapportcijfer" in changes
    assert "verdict--clearly_lower" in changes
    assert 'href="/resultaten/"' in changes


def test_provider_user_and_no_organisation(client, make_member, org_a, django_user_model):
    provider_user = make_member(Role.PROVIDER_USER, org_a)
    client.force_login(provider_user)
    assert blocks_on(client.get("/").content.decode()) == []
    loose = django_user_model.objects.create_user("los@example.org", password="x-x-x-x-x-x")
    client.force_login(loose)
    assert "nog niet gekoppeld" in client.get("/").content.decode()


def test_team_limited_lead_sees_only_the_counts_of_own_teams(client, make_member, org_a):
    from gehoord.catalog import service as catalog_service
    from gehoord.catalog.tests.factories import make_team

    own, other = make_team(org_a, "Alfa"), make_team(org_a, "Bravo")
    lead = make_member(Role.TEAM_LEAD, org_a, username="lead@example.org")
    catalog_service.set_team_access(lead.memberships.get(), [own])
    overdue = timezone.localdate() - timedelta(days=3)
    for team, copies in ((own, 1), (other, 4)):
        for _ in range(copies):
            make_signal(org_a, due_on=overdue, team=team)
            make_follow_up(org_a, due_on=overdue, team=team)
            make_action(org_a, due_on=overdue, team=team)
    client.force_login(lead)
    html = client.get("/").content.decode()

    assert re.search(r">1</span> over de termijn", block(html, "signals"))
    assert re.search(r">1</span> te laat", block(html, "follow_ups"))
    assert re.search(r">1</span> over de streefdatum", block(html, "actions"))
    # The changes are figures of the whole organisation: not shown to a limited member.
    assert "changes" not in blocks_on(html)
