"""The demo's year of signals and follow-ups, and the loop on it: a new low grade lands in
the team lead's queue; counts and masked texts for insights."""

import pytest
from django.utils import timezone

from gehoord.demo.build import seed, spec_for
from gehoord.feedback import query, service
from gehoord.feedback.models import (
    CallLogEntry,
    Coding,
    FollowUp,
    FollowUpStatus,
    Signal,
    SignalKind,
)
from gehoord.framework.models import Questionnaire, VersionItem
from gehoord.surveys import service as survey_service
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return seed(spec_for("heideburg"), volume=0.02)


def test_a_year_of_signals_and_follow_ups(demo):
    organisation = demo.organisation
    kinds = set(Signal.objects.filter(organisation=organisation).values_list("kind", flat=True))
    assert {
        SignalKind.COMPLAINT,
        SignalKind.OBJECTION,
        SignalKind.COMPLIMENT,
        SignalKind.FEEDBACK,
    } <= kinds
    assert Coding.objects.filter(organisation=organisation, signal__isnull=False).exists()
    assert Coding.objects.filter(organisation=organisation, answer__isnull=False).exists()
    assert FollowUp.objects.filter(organisation=organisation, status=FollowUpStatus.CLOSED).exists()
    assert CallLogEntry.objects.filter(follow_up__organisation=organisation).exists()
    assert query.handled_in_time(organisation)["pct"] is not None
    rows = query.signal_counts_by_month(organisation)
    assert any(r["pct_well_founded"] is not None for r in rows)
    assert all(r["decided"] >= r["well_founded"] for r in rows)
    # The demo can be seeded again without adding anything.
    count = Signal.objects.count()
    seed(spec_for("heideburg"), volume=0.02)
    assert Signal.objects.count() == count


def test_a_new_low_grade_lands_in_the_team_leads_queue(demo, client):
    organisation = demo.organisation
    questionnaire = Questionnaire.objects.filter(organisation=organisation).first()
    version = questionnaire.versions.filter(status="published").first()
    grade = VersionItem.objects.get(version=version, type="grade")
    survey_service.import_responses(
        version, [{"answers": {str(grade.pk): 3}, "submitted_at": timezone.now()}]
    )
    assert service.pick_up_new_responses() == 1
    lead = Membership.objects.get(organisation=organisation, role=Role.TEAM_LEAD).user
    client.force_login(lead)
    queue = client.get("/opvolging/?filter=niet-toegewezen").context["object_list"]
    assert any(f.grade == 3 and f.due_on >= timezone.localdate() for f in queue)


def test_masked_open_texts_for_insights(demo):
    from gehoord.contacts.models import Contact
    from gehoord.surveys.models import Answer

    organisation = demo.organisation
    contact = Contact.objects.filter(organisation=organisation).exclude(name="").first()
    answer = Answer.objects.filter(
        response__organisation=organisation, question__code="core_improve"
    ).first()
    answer.value_text = f"{contact.name} belde, nummer 06-12345678."
    answer.save()
    texts = {row["answer_id"]: row for row in query.masked_open_texts(organisation)}
    assert texts[answer.pk]["text"] == "[naam] belde, nummer [telefoonnummer]."
    assert texts[answer.pk]["question_code"] == "core_improve"
    only_good = list(query.masked_open_texts(organisation, question_codes=("core_went_well",)))
    assert all(r["question_code"] == "core_went_well" for r in only_good)
    service_id = texts[answer.pk]["service_id"]
    of_service = {
        row["answer_id"]: row
        for row in query.masked_open_texts(organisation, service_id=service_id)
    }
    assert answer.pk in of_service and len(of_service) < len(texts)
    assert all(r["service_id"] == service_id for r in of_service.values())
    # Only the newest few, newest first: the same rows as the tail of the full stream.
    newest = list(query.masked_open_texts(organisation, service_id=service_id, newest=5))
    assert newest == list(of_service.values())[-5:][::-1]
