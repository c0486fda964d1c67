"""Action screens: list with filters and bounded queries, create/edit, detail with effect,
status changes logged, provider users kept out."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation

from gehoord.catalog.tests.factories import make_team
from gehoord.improvement.models import Action, Status
from gehoord.improvement.tests.factories import make_action
from gehoord.insights.query import add_months
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

SCREENS = [
    "improvement:action_list",
    "improvement:action_create",
    "improvement:board",
    "improvement:goal_create",
    "improvement:publish",
    "improvement:scans",
    "improvement:practices",
]


def test_list_filters_and_pages_with_a_fixed_number_of_queries(
    client_a, org_a, django_assert_max_num_queries
):
    team = make_team(org_a, "KCC")
    for i in range(30):
        make_action(org_a, f"Actie {i}", team=team, status=Status.PLANNED if i % 2 else Status.IDEA)
    with django_assert_max_num_queries(12):
        response = client_a.get(reverse("improvement:action_list"))
    assert response.status_code == 200 and len(response.context["object_list"]) == 25
    response = client_a.get(reverse("improvement:action_list"), {"status": "planned"})
    assert response.context["paginator"].count == 15
    response = client_a.get(
        reverse("improvement:action_list"), {"team": "x", "page": "2", "status": "nonsense"}
    )
    assert response.status_code == 200


def test_create_refuses_bad_input_and_keeps_it(client_a, org_a):
    url = reverse("improvement:action_create")
    response = client_a.post(
        url,
        {
            "title": "",
            "status": "idea",
            "effect_months": 3,
            "blocked": "on",
            "description": "bewaar mij",
        },
    )
    assert response.status_code == 200
    assert "bewaar mij" in response.content.decode()
    assert not Action.objects.exists()
    response = client_a.post(
        url, {"title": "Terugbellen binnen 2 dagen", "status": "done", "effect_months": 3}
    )
    action = Action.objects.get()
    assert response.status_code == 302 and action.done_on is not None
    assert action.organisation == org_a


def test_owner_must_be_a_member_of_the_organisation(client_a, org_a, org_b, make_member):
    stranger = make_member(Role.ADMINISTRATOR, org_b)
    response = client_a.post(
        reverse("improvement:action_create"),
        {"title": "x", "status": "idea", "effect_months": 3, "owner": stranger.pk},
    )
    assert response.status_code == 200 and not Action.objects.exists()


def test_status_change_is_logged_and_sets_the_done_date(client_a, org_a):
    action = make_action(org_a, "Brief herschrijven")
    response = client_a.post(
        reverse("improvement:action_status", args=[action.pk]),
        {"status": "done", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("improvement:action_detail", args=[action.pk])
    action.refresh_from_db()
    assert action.status == Status.DONE and action.done_on is not None
    entry = LogEntry.objects.get_for_object(action).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["status"] == ["idea", "done"]
    response = client_a.post(
        reverse("improvement:action_status", args=[action.pk]), {"status": "gestolen"}
    )
    action.refresh_from_db()
    assert action.status == Status.DONE


def test_detail_shows_the_effect_of_the_team_against_its_trend(
    client_a, measured_org, add_month, indicator
):
    org = measured_org
    team, other = make_team(org, "Werk & Inkomen"), make_team(org, "KCC")
    # Twelve months before a done date of May 2025 and three after, rising 0.05 a month,
    # with a jump of one point after; the other team stays flat.
    for back in range(-12, 4):
        if back == 0:
            continue
        start = add_months(date(2025, 5, 1), back)
        mean = 6.5 + 0.05 * back + (1.0 if back > 0 else 0.0) + (0.02 if back % 2 else -0.02)
        add_month(org, "core_grade", start, 40, 40 * mean, 40 * mean**2 + 39 * 2.0, team=team)
        add_month(org, "core_grade", start, 40, 40 * 6.0, 40 * 36.0 + 39 * 2.0, team=other)
    action = make_action(
        org,
        "Wachttijd omlaag",
        status=Status.DONE,
        done_on=date(2025, 5, 20),
        indicator=indicator(org, "overall_grade"),
        effect_months=3,
        team=team,
    )
    with translation.override("nl"):
        response = client_a.get(reverse("improvement:action_detail", args=[action.pk]))
    assert response.status_code == 200
    effect = response.context["effect"]
    assert effect.scope == "team" and effect.trend.months_after == 3
    assert [m.figure.n for m in effect.months] == [40] * 15
    assert effect.comparison_units == 1
    page = response.content.decode()
    assert "na de maatregel hoger dan de trend voorspelde" in page.lower()
    assert "Vergeleken met 1 ander team" in page
    assert "Werk &amp; Inkomen" in page


def test_detail_says_when_there_are_too_few_months(client_a, measured_org, add_month, indicator):
    org = measured_org
    add_month(org, "core_grade", date(2025, 4, 1), 40, 40 * 6.0, 40 * 36.0 + 39)
    action = make_action(
        org,
        "Wachttijd omlaag",
        status=Status.DONE,
        done_on=date(2025, 5, 20),
        indicator=indicator(org, "overall_grade"),
        effect_months=1,
    )
    with translation.override("nl"):
        response = client_a.get(reverse("improvement:action_detail", args=[action.pk]))
    assert response.context["effect"].trend is None
    assert "Te weinig maanden" in response.content.decode()


@pytest.mark.parametrize("name", SCREENS)
def test_provider_users_cannot_open_improvement_screens(client, make_member, org_a, name):
    client.force_login(make_member(Role.PROVIDER_USER, org_a))
    assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse(name), {}).status_code == 403


@pytest.mark.parametrize("name", SCREENS)
def test_staff_can_open_every_screen(client_a, name):
    assert client_a.get(reverse(name)).status_code == 200


def test_blocker_is_set_and_cleared_from_the_detail_page(client_a, org_a):
    action = make_action(org_a, "Nieuwe website")
    url = reverse("improvement:action_status", args=[action.pk])
    client_a.post(url, {"blocker": "  Wacht op leverancier "})
    action.refresh_from_db()
    assert action.blocked and action.blocker == "Wacht op leverancier"
    client_a.post(url, {"blocker": ""})
    action.refresh_from_db()
    assert not action.blocked and action.blocker == ""
    page = client_a.get(reverse("improvement:action_detail", args=[action.pk]))
    assert 'name="blocker"' in page.content.decode()


def test_every_measured_demo_action_shows_its_team_effect(client, demo_org, make_member):
    from gehoord.improvement.models import FINISHED

    client.force_login(make_member(Role.ANALYST, demo_org))
    actions = Action.objects.filter(
        organisation=demo_org, status__in=FINISHED, indicator__isnull=False
    )
    assert actions.exists()
    for action in actions:
        with translation.override("nl"):
            response = client.get(reverse("improvement:action_detail", args=[action.pk]))
        assert response.status_code == 200
        effect = response.context["effect"]
        assert effect.scope == ("team" if action.team_id else "")
        page = response.content.decode()
        expected = effect.verdict_words if effect.trend else "te weinig maanden"
        assert expected in page.lower(), (action.title, effect.before_used, effect.after_used)
