"""Reads of outreach for other apps."""

from datetime import datetime

from django.db.models import Count, Q, QuerySet

from gehoord.contacts.service import normalise_mobile
from gehoord.tenancy.models import Organisation

from .models import (
    EventSource,
    Invitation,
    InvitationRule,
    InvitationStatus,
    OpenKlantConnection,
    ServiceEvent,
)
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


def latest_klantcontact(organisation: Organisation, *, email: str = "", phone: str = "") -> str:
    """The URL of the latest Open Klant klantcontact of the contact with this e-mail or
    phone number ("" when there is none): where a call-back goes back as an interne taak.

    Only for a resident who asked to be contacted and gave these details (DESIGN §4)."""
    match = Q()
    if email:
        match |= Q(contact__email=email.strip().lower())
    if phone:
        match |= Q(contact__mobile=normalise_mobile(phone))
    if not match:
        return ""
    event = (
        ServiceEvent.objects.for_organisation(organisation)
        .filter(match, source=EventSource.OPEN_KLANT)
        .order_by("-occurred_on", "-pk")
        .first()
    )
    return event.external_id if event else ""


def has_open_klant(organisation: Organisation) -> bool:
    return OpenKlantConnection.objects.filter(organisation=organisation).exists()
