"""Reads of outreach for other apps."""

from collections import Counter
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet

from gehoord.contacts.models import age_band_for
from gehoord.contacts.service import normalise_mobile
from gehoord.tenancy.models import Organisation

from .models import (
    EventKind,
    EventSource,
    Invitation,
    InvitationRule,
    InvitationStatus,
    OpenKlantConnection,
    ServiceEvent,
)
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


def population_counts(
    organisation: Organisation, service_ids: list[int], start: date, end: date
) -> dict[str, dict[str, int]]:
    """People with an event of these services in [start, end], counted per age band (in
    the year of `end`), district, service and provider: the margins of a yearly survey
    computed from the contact register and events. A person counts once per dimension,
    by their latest event; an unknown category is not counted."""
    rows = (
        ServiceEvent.objects.for_organisation(organisation)
        .filter(service_id__in=service_ids, occurred_on__gte=start, occurred_on__lte=end)
        .exclude(kind=EventKind.PANEL)
        .order_by("contact_id", "-occurred_on", "-pk")
        .values_list(
            "contact_id",
            "contact__birth_year",
            "contact__district",
            "service__name",
            "provider__name",
        )
    )
    counts: dict[str, Counter] = {
        "age_band": Counter(),
        "district": Counter(),
        "service": Counter(),
        "provider": Counter(),
    }
    seen: set[int] = set()
    for contact_id, birth_year, district, service_name, provider_name in rows.iterator(
        chunk_size=5000
    ):
        if contact_id in seen:
            continue
        seen.add(contact_id)
        for dimension, value in (
            ("age_band", age_band_for(birth_year, end.year)),
            ("district", district),
            ("service", service_name),
            ("provider", provider_name),
        ):
            if value:
                counts[dimension][value] += 1
    return {dimension: dict(counter) for dimension, counter in counts.items() if counter}
