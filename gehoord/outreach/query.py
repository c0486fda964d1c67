"""Reads of outreach for other apps."""

from datetime import date, datetime

from django.db.models import Count, Q, QuerySet

from gehoord.tenancy.models import Organisation

from .models import EventKind, Invitation, InvitationRule, InvitationStatus, ServiceEvent
from .models_sampling import SamplePlan
from .retention import in_touch_since as in_touch_since


def rules(organisation: Organisation) -> QuerySet[InvitationRule]:
    return InvitationRule.objects.for_organisation(organisation).select_related(
        "service", "questionnaire"
    )


def events(organisation: Organisation) -> QuerySet[ServiceEvent]:
    return ServiceEvent.objects.for_organisation(organisation).select_related("service")


def invitations(organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.for_organisation(organisation).select_related("rule", "event")


# Invitations that reached the resident: the denominator of every response rate. An
# expired one reached them too and counts as not answered.
DELIVERED = (
    InvitationStatus.SENT,
    InvitationStatus.REMINDED,
    InvitationStatus.RESPONDED,
    InvitationStatus.EXPIRED,
)


def response_counts(
    organisation: Organisation,
    start: datetime,
    end: datetime,
    questionnaire_id: int | None = None,
    *,
    service_id: int | None = None,
    provider_id: int | None = None,
    team_id: int | None = None,
) -> tuple[int, int]:
    """(invitations delivered in [start, end), of which answered) for the response rate.

    Narrowed like the responses they lead to: an invitation's service is its event's (or,
    for a panel invitation, its rule's), its provider and team are its event's, as the
    survey link copies them (dispatch._issue_token).
    """
    sent = Invitation.objects.filter(
        organisation=organisation, sent_at__gte=start, sent_at__lt=end, status__in=DELIVERED
    )
    if questionnaire_id is not None:
        sent = sent.filter(rule__questionnaire_id=questionnaire_id)
    if service_id is not None:
        sent = sent.filter(
            Q(event__service_id=service_id) | Q(event__isnull=True, rule__service_id=service_id)
        )
    if provider_id is not None:
        sent = sent.filter(event__provider_id=provider_id)
    if team_id is not None:
        sent = sent.filter(event__team_id=team_id)
    counts = sent.aggregate(
        total=Count("pk"), answered=Count("pk", filter=Q(status=InvitationStatus.RESPONDED))
    )
    return counts["total"], counts["answered"]


def rules_for_questionnaires(
    organisation: Organisation, questionnaire_ids: list[int]
) -> QuerySet[InvitationRule]:
    """The organisation's event rules (not the panel's) that invite for these questionnaires."""
    return (
        rules(organisation)
        .filter(questionnaire_id__in=questionnaire_ids)
        .exclude(event_kind=EventKind.PANEL)
        .order_by("service__name", "pk")
    )


def sample_plans_for(
    organisation: Organisation, rule_ids: list[int], start: date, end: date
) -> QuerySet[SamplePlan]:
    """Sample plans of these rules whose period overlaps [start, end]."""
    return (
        SamplePlan.objects.for_organisation(organisation)
        .filter(rule_id__in=rule_ids, events_from__lte=end, events_until__gte=start)
        .select_related("rule__service")
    )
