"""Staff choose what is published and read the contract report."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from gehoord.catalog.tests.factories import make_service
from gehoord.publication import query
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role


@pytest.mark.django_db
def test_settings_switch_publication_on_and_show_the_snippet(client_a, org_a):
    service = make_service(org_a, "Paspoort", code="paspoort")
    url = reverse("publication:settings")
    assert client_a.get(url).status_code == 200
    response = client_a.post(
        url, {"enabled": "on", "services": [service.pk], "frame_origins": "https://www.a.nl"}
    )
    assert response.status_code == 302
    assert query.published_services(org_a) == [service]
    html = client_a.get(url).content.decode()
    assert escape('<iframe src="http://testserver/o/') in html
    assert "paspoort/?insluiten=1" in html


@pytest.mark.django_db
def test_a_bad_origin_gets_a_clear_error_and_saves_nothing(client_a, org_a):
    service = make_service(org_a, "Paspoort", code="paspoort")
    response = client_a.post(
        reverse("publication:settings"),
        {"enabled": "on", "services": [service.pk], "frame_origins": "geen adres"},
    )
    assert response.status_code == 400
    assert "geen adres" in response.content.decode()
    assert query.published_services(org_a) == []


@pytest.mark.django_db
def test_other_organisations_services_cannot_be_published(client_a, org_a, org_b):
    foreign = make_service(org_b, "Vreemd", code="vreemd")
    response = client_a.post(
        reverse("publication:settings"), {"enabled": "on", "services": [foreign.pk]}
    )
    assert response.status_code == 400
    assert query.published_services(org_a) == []


@pytest.mark.parametrize("role", [Role.TEAM_LEAD, Role.INTERVIEWER, Role.PROVIDER_USER])
@pytest.mark.django_db
def test_only_admins_and_analysts_manage_publication(client, make_member, org_a, role):
    client.force_login(make_member(role, org_a))
    assert client.get(reverse("publication:settings")).status_code == 403
    assert client.get(reverse("publication:contract_report")).status_code == 403


def test_contract_report_ranks_by_grade_with_intervals(
    client, demo_org, django_assert_max_num_queries
):
    admin = Membership.objects.filter(organisation=demo_org, role=Role.ADMINISTRATOR).first().user
    client.force_login(admin)
    service = query.published_services(demo_org)[0]
    with django_assert_max_num_queries(25):
        response = client.get(reverse("publication:contract_report") + f"?dienst={service.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    rows = query.contract_report(demo_org, service).providers
    positions = [html.index(f'<th scope="row">{escape(r.name)}</th>') for r in rows]
    assert positions == sorted(positions)
    shown = [r.grade.value for r in rows if r.grade.shown]
    assert shown == sorted(shown, reverse=True)
    assert "figure-ci" in html
    # Anything unreadable in the address falls back to the first service with providers.
    fallback = client.get(reverse("publication:contract_report") + "?dienst=x")
    assert fallback.status_code == 200
    assert "Gemiddelde van het gebied" in fallback.content.decode()
