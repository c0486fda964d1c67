"""The monthly digest reaches a real SMTP server, with masked quotes, once per month."""

from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from gehoord.catalog.models import Team
from gehoord.catalog.tests.factories import make_team
from gehoord.improvement.models import Action
from gehoord.publication import digest, service
from gehoord.publication.models import DigestScope, DigestSubscription
from gehoord.surveys.models import Answer

PLANTED = "Bel mij op 06-12345678, mijn BSN is 111222333."


def plant_in_past_month(organisation) -> int:
    """Put personal data in every open answer of the past month, so whichever quote the
    digest picks carries it."""
    period = digest.past_month()
    return (
        Answer.objects.filter(
            response__organisation=organisation,
            item__type="open_text",
            response__submitted_at__date__gte=period.start,
            response__submitted_at__date__lte=period.end,
        )
        .exclude(value_text="")
        .update(value_text=PLANTED)
    )


def bodies(message) -> tuple[str, str]:
    return (message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content())


def test_digest_email_reaches_smtp_with_masked_quotes(demo_org, smtp_inbox):
    assert plant_in_past_month(demo_org) > 0
    user = get_user_model().objects.get(username="analist@voorbeeld.example")
    assert DigestSubscription.objects.filter(user=user, active=True).exists()  # the demo's
    sent = service.send_monthly_digests()
    assert sent == 1
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == user.email
    text, html = bodies(message)
    for body in (text, html):
        assert "111222333" not in body and "06-12345678" not in body
        assert "[BSN]" in body and "[telefoonnummer]" in body
        assert "Rapportcijfer" in body or "Grade" in body
    # A rerun in the same month sends nothing twice.
    assert service.send_monthly_digests() == 0
    assert len(smtp_inbox.messages) == 1


def test_subscribers_of_the_same_scope_share_one_build(
    demo_org, make_member, smtp_inbox, monkeypatch
):
    from gehoord.tenancy.roles import Role

    service.subscribe(demo_org, make_member(Role.ANALYST, demo_org, username="twee@example.org"))
    builds = []
    real_build = digest.build
    monkeypatch.setattr(digest, "build", lambda *a, **k: builds.append(a) or real_build(*a, **k))
    assert service.send_monthly_digests() == 2
    assert len(smtp_inbox.messages) == 2
    assert len(builds) == 1


def test_quotes_are_picked_by_grade_and_the_months_actions_listed(demo_org):
    period = digest.past_month()
    inside = timezone.make_aware(datetime.combine(period.start, time(12)))
    new = Action.objects.create(
        organisation=demo_org, title="Terugbellen binnen een dag", created_at=inside
    )
    done = Action.objects.create(
        organisation=demo_org,
        title="Wachtrij korter",
        done_on=period.end,
        created_at=inside - timedelta(days=90),
    )
    built = digest.build(demo_org)
    assert all(q.grade >= 8 for q in built.best)
    assert all(q.grade <= 5 for q in built.worst)
    assert [q.grade for q in built.best] == sorted((q.grade for q in built.best), reverse=True)
    assert new in built.actions_new and done not in built.actions_new
    assert done in built.actions_done and new not in built.actions_done


def test_a_small_team_gets_no_quotes(demo_org):
    demo_org.minimum_n = 30_000  # the field is a small integer
    demo_org.save()
    built = digest.build(demo_org, Team.objects.filter(organisation=demo_org).first())
    assert built.best == [] and built.worst == []
    assert all(not h.figure.shown for h in built.headlines)


@pytest.mark.django_db
def test_subscription_page_saves_and_refuses_a_team_scope_without_team(client_a, org_a, admin_a):
    url = reverse("publication:digest")
    assert client_a.get(url).status_code == 200
    response = client_a.post(url, {"active": "on", "scope": DigestScope.TEAM, "team": ""})
    assert response.status_code == 400
    assert not DigestSubscription.objects.exists()
    team = make_team(org_a, "KCC")
    assert (
        client_a.post(url, {"active": "on", "scope": DigestScope.TEAM, "team": team.pk}).status_code
        == 302
    )
    subscription = DigestSubscription.objects.get(user=admin_a)
    assert subscription.team == team and subscription.organisation == org_a
    client_a.post(url, {"scope": DigestScope.ORGANISATION, "team": team.pk})
    subscription.refresh_from_db()
    assert subscription.active is False and subscription.team is None


@pytest.mark.django_db
def test_subscription_refuses_another_organisations_team(client_a, org_b):
    foreign = make_team(org_b, "Vreemd team")
    response = client_a.post(
        reverse("publication:digest"),
        {"active": "on", "scope": DigestScope.TEAM, "team": foreign.pk},
    )
    assert response.status_code == 400
    assert not DigestSubscription.objects.exists()


def test_digest_pdf_for_the_intranet(client, demo_org):
    from gehoord.tenancy.models import Membership
    from gehoord.tenancy.roles import Role

    plant_in_past_month(demo_org)
    analyst = Membership.objects.filter(organisation=demo_org, role=Role.ANALYST).first().user
    client.force_login(analyst)
    period = digest.past_month()
    response = client.get(reverse("publication:digest_pdf") + f"?periode={period.key}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    html = digest.render_html(digest.build(demo_org, period=period), for_pdf=True)
    assert "111222333" not in html and "[BSN]" in html
    # Without a month, the address leads back to the form.
    assert client.get(reverse("publication:digest_pdf")).status_code == 302


@pytest.mark.django_db
def test_provider_users_receive_no_digest(client, make_member, org_a):
    from gehoord.tenancy.roles import Role

    client.force_login(make_member(Role.PROVIDER_USER, org_a))
    assert client.get(reverse("publication:digest")).status_code == 403
    assert client.get(reverse("publication:digest_pdf") + "?periode=2026-01").status_code == 403


@pytest.mark.django_db
def test_no_digest_after_leaving_the_organisation(org_a, org_b, make_member, smtp_inbox):
    from gehoord.tenancy.roles import Role

    user = make_member(Role.ANALYST, org_b, username="vertrokken@example.org")
    user.email = "vertrokken@example.org"
    user.save()
    service.subscribe(org_a, user)  # a member of B only, subscribed to A
    assert service.send_monthly_digests() == 0
    assert smtp_inbox.messages == []
