""" "Jij zei, wij deden": five per quarter, order, and the public page and feed show only
what is published, of this organisation only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gehoord.improvement import service
from gehoord.improvement.models import PublishedImprovement, Status
from gehoord.improvement.tests.factories import make_action

pytestmark = pytest.mark.django_db


def finished(org, title):
    return make_action(org, title, status=Status.DONE)


def test_a_sixth_improvement_in_a_quarter_is_refused(org_a):
    for i in range(5):
        service.publish_improvement(
            org_a,
            year=2025,
            quarter=2,
            action=finished(org_a, f"A{i}"),
            you_said="u zei",
            we_did="wij deden",
        )
    with pytest.raises(ValidationError) as error:
        service.publish_improvement(
            org_a,
            year=2025,
            quarter=2,
            action=finished(org_a, "A5"),
            you_said="u zei",
            we_did="wij deden",
        )
    assert "5" in " ".join(error.value.messages)
    assert PublishedImprovement.objects.filter(quarter=2).count() == 5
    # Another quarter has its own five.
    service.publish_improvement(
        org_a,
        year=2025,
        quarter=3,
        action=finished(org_a, "B"),
        you_said="u zei",
        we_did="wij deden",
    )


def test_unfinished_or_foreign_actions_cannot_be_published(org_a, org_b):
    idea = make_action(org_a, "Idee")
    with pytest.raises(ValidationError):
        service.publish_improvement(
            org_a, year=2025, quarter=1, action=idea, you_said="x", we_did="y"
        )
    with pytest.raises(ValidationError):
        service.publish_improvement(
            org_a, year=2025, quarter=1, action=finished(org_b, "B"), you_said="x", we_did="y"
        )
    assert not PublishedImprovement.objects.exists()


def test_staff_form_shows_the_refusal_clearly(client_a, org_a):
    for i in range(5):
        service.publish_improvement(
            org_a,
            year=2025,
            quarter=2,
            action=finished(org_a, f"A{i}"),
            you_said="u zei",
            we_did="wij deden",
        )
    sixth = finished(org_a, "Zesde")
    response = client_a.post(
        reverse("improvement:publish"),
        {
            "action": sixth.pk,
            "year": 2025,
            "quarter": 2,
            "you_said": "bewaard",
            "we_did": "ook bewaard",
            "published": "on",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "bewaard" in body and "5" in body
    assert PublishedImprovement.objects.count() == 5


def test_order_can_be_changed(client_a, org_a):
    first = service.publish_improvement(
        org_a, year=2025, quarter=1, action=finished(org_a, "Een"), you_said="a", we_did="b"
    )
    second = service.publish_improvement(
        org_a, year=2025, quarter=1, action=finished(org_a, "Twee"), you_said="a", we_did="b"
    )
    client_a.post(reverse("improvement:published_item", args=[second.pk]), {"do": "up"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.position, first.position) == (1, 2)


def test_public_page_and_feed_show_only_published_items_of_this_organisation(client, org_a, org_b):
    service.publish_improvement(
        org_a,
        year=2025,
        quarter=1,
        action=finished(org_a, "Zichtbaar"),
        you_said="Wachten duurde lang",
        we_did="Extra balie open",
    )
    service.publish_improvement(
        org_a,
        year=2025,
        quarter=1,
        action=finished(org_a, "Concept"),
        you_said="GeheimConcept",
        we_did="nog niet",
        published=False,
    )
    finished(org_a, "NooitGekozen")
    service.publish_improvement(
        org_b,
        year=2025,
        quarter=1,
        action=finished(org_b, "VanBravo"),
        you_said="AndereGemeente",
        we_did="iets",
    )
    for name in ("improvement:public_list", "improvement:public_feed"):
        response = client.get(reverse(name, args=[org_a.slug]))
        assert response.status_code == 200, name
        body = response.content.decode()
        assert "Wachten duurde lang" in body and "Extra balie open" in body
        # Residents read what they said and what was done, never the action's internal title.
        hidden_texts = ("Zichtbaar", "GeheimConcept", "NooitGekozen", "VanBravo", "AndereGemeente")
        for hidden in hidden_texts:
            assert hidden not in body, (name, hidden)
    assert (
        "application/atom+xml"
        in client.get(reverse("improvement:public_feed", args=[org_a.slug]))["Content-Type"]
    )
    assert client.get("/o/bestaat-niet/wij-deden/").status_code == 404
    assert client.get("/o/bestaat-niet/wij-deden/feed/").status_code == 404
