"""The action form with thousands of signals: a search picker instead of a list of all,
and owners by name, only staff who can carry an action."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.feedback.tests.factories import make_signal
from gehoord.improvement.models import Action
from gehoord.improvement.tests.factories import make_action
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

CREATE = reverse("improvement:action_create")
SEARCH = reverse("improvement:signal_search")


def many_signals(org, count, text="Lang gewacht bij de balie"):
    return [
        make_signal(org, text=f"{text} {n}", received_on=date(2026, 3, 2)) for n in range(count)
    ]


def test_the_form_lists_no_signals_and_its_queries_do_not_grow(client_a, org_a):
    many_signals(org_a, 3)
    client_a.get(CREATE)  # the first request after log-in also touches the session
    with CaptureQueriesContext(connection) as few:
        client_a.get(CREATE)
    signals = many_signals(org_a, 60)
    with CaptureQueriesContext(connection) as many:
        body = client_a.get(CREATE).content.decode()
    assert len(many) == len(few)
    assert f'value="{signals[0].pk}"' not in body and 'name="signalen_zoek"' in body


def test_the_search_fragment_s_queries_do_not_grow_with_the_signals(client_a, org_a):
    many_signals(org_a, 3, text="Parkeren")
    client_a.get(SEARCH, {"signalen_zoek": "parkeren"})  # the session, once
    with CaptureQueriesContext(connection) as few:
        client_a.get(SEARCH, {"signalen_zoek": "parkeren"})
    many_signals(org_a, 60, text="Parkeren")
    with CaptureQueriesContext(connection) as many:
        body = client_a.get(SEARCH, {"signalen_zoek": "parkeren"}).content.decode()
    assert len(many) == len(few) and body.count('type="checkbox"') == 20


def test_search_fragment_offers_at_most_twenty_of_the_own_organisation(client_a, org_a, org_b):
    wmo = make_service(org_a, "Wmo begeleiding")
    mine = many_signals(org_a, 25, text="Parkeren")
    other = make_signal(org_b, text="Parkeren elders")
    by_service = make_signal(org_a, text="Iets anders", service=wmo, reference="KL-77")
    body = client_a.get(SEARCH, {"signalen_zoek": "parkeren"}).content.decode()
    assert body.count('type="checkbox"') == 20 and f'value="{other.pk}"' not in body
    assert "Parkeren" not in body  # the list shows no text: it may hold personal data
    chosen = client_a.get(
        SEARCH, {"signalen_zoek": "parkeren", "signals": [mine[-1].pk]}
    ).content.decode()
    assert f'value="{mine[-1].pk}"' not in chosen
    for search in ("wmo", "kl-77", f"#{by_service.pk}", str(by_service.pk)):
        found = client_a.get(SEARCH, {"signalen_zoek": search}).content.decode()
        assert f'value="{by_service.pk}"' in found, search
    assert (
        "Geen signalen gevonden." in client_a.get(SEARCH, {"signalen_zoek": "zzz"}).content.decode()
    )


def test_search_without_javascript_keeps_what_was_typed(client_a, org_a):
    wanted = make_signal(org_a, text="Afvalbak vol")
    response = client_a.post(
        CREATE,
        {
            "title": "Vaker legen",
            "description": "bewaar mij",
            "status": "idea",
            "effect_months": 3,
            "signalen_zoek": "afvalbak",
            "zoek_signalen": "1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and not Action.objects.exists()
    assert "bewaar mij" in body and 'value="Vaker legen"' in body
    assert f'value="{wanted.pk}"' in body and "error-summary" not in body
    saved = client_a.post(
        CREATE,
        {"title": "Vaker legen", "status": "idea", "effect_months": 3, "signals": [wanted.pk]},
    )
    assert saved.status_code == 302
    action = Action.objects.get()
    assert list(action.signals.all()) == [wanted]
    edit = client_a.get(reverse("improvement:action_update", args=[action.pk])).content.decode()
    assert f'value="{wanted.pk}" checked' in edit


def test_a_signal_of_another_organisation_is_refused(client_a, org_a, org_b):
    other = make_signal(org_b, text="Niet van ons")
    response = client_a.post(
        CREATE, {"title": "x", "status": "idea", "effect_months": 3, "signals": [other.pk]}
    )
    assert response.status_code == 200 and not Action.objects.exists()


def test_owners_by_name_and_only_staff_who_can_carry_an_action(client_a, org_a, make_member):
    analyst = make_member(Role.ANALYST, org_a, username="ana@example.org")
    analyst.first_name, analyst.last_name = "Ana", "de Vries"
    analyst.save()
    interviewer = make_member(Role.INTERVIEWER, org_a, username="int@example.org")
    provider = make_member(Role.PROVIDER_USER, org_a, username="prov@example.org")
    field = client_a.get(CREATE).context["form"].fields["owner"]
    owners = list(field.queryset)
    assert analyst in owners and interviewer not in owners and provider not in owners
    body = client_a.get(CREATE).content.decode()
    assert ">Ana de Vries</option>" in body and "ana@example.org" not in body
    refused = client_a.post(
        CREATE, {"title": "x", "status": "idea", "effect_months": 3, "owner": interviewer.pk}
    )
    assert refused.status_code == 200 and not Action.objects.exists()
    # An owner whose role changed since stays on the action when it is edited.
    action = make_action(org_a, "Bestaand", owner=interviewer)
    edit = client_a.get(reverse("improvement:action_update", args=[action.pk]))
    assert interviewer in list(edit.context["form"].fields["owner"].queryset)


def test_only_managers_may_search(client, make_member, org_a):
    client.force_login(make_member(Role.PROVIDER_USER, org_a))
    assert client.get(SEARCH, {"signalen_zoek": "x"}).status_code == 403
