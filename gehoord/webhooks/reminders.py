"""Events that are noticed rather than done: a follow-up past its date, a signal whose
deadline comes near. The periodic task looks for them, only in organisations that
subscribed to them; each gets a stable id (thing + date), so noticing it again adds no
delivery, and a moved deadline is a new event."""

from datetime import date

from django.utils import timezone

from gehoord.feedback import query as feedback_query
from gehoord.tenancy.events import Event
from gehoord.tenancy.models import Organisation

from . import fanout
from .models import Delivery, Subscription
from .subscribed import subscribed_types

REMINDER_TYPES = ("followup.overdue", "signal.deadline_near")


def _events(organisation: Organisation, types: set[str], today: date) -> list[Event]:
    found = []
    if "followup.overdue" in types:
        for pk, due_on in (
            feedback_query.open_follow_ups(organisation)
            .filter(due_on__lt=today)
            .values_list("pk", "due_on")
        ):
            found.append(
                Event(
                    organisation.pk,
                    "followup.overdue",
                    f"followup/{pk}",
                    {"followup": pk, "due_on": due_on.isoformat()},
                    id=f"followup-overdue-{pk}-{due_on.isoformat()}",
                )
            )
    if "signal.deadline_near" in types:
        until = feedback_query.warning_date(organisation, today)
        # A signal's due_on may be empty in general; the filter leaves only set ones.
        for pk, deadline in (
            feedback_query.open_signals(organisation)
            .filter(due_on__gte=today, due_on__lte=until)
            .values_list("pk", "due_on")
        ):
            day = deadline.isoformat() if deadline else ""
            found.append(
                Event(
                    organisation.pk,
                    "signal.deadline_near",
                    f"signal/{pk}",
                    {"signal": pk, "due_on": day},
                    id=f"signal-deadline-near-{pk}-{day}",
                )
            )
    return found


def notice(today: date | None = None) -> int:
    """Deliveries for the overdue follow-ups and near deadlines not announced yet."""
    today = today or timezone.localdate()
    made = 0
    organisation_ids = set(
        Subscription.objects.filter(enabled=True).values_list("organisation_id", flat=True)
    )
    for organisation in Organisation.objects.filter(pk__in=organisation_ids):
        types = set(subscribed_types(organisation.pk) & set(REMINDER_TYPES))
        if not types:
            continue
        events = _events(organisation, types, today)
        known = set(
            Delivery.objects.filter(
                organisation=organisation, event_id__in=[e.id for e in events]
            ).values_list("event_id", flat=True)
        )
        for event in events:
            if event.id not in known:
                # The minutely retry task sends them.
                made += len(fanout.deliveries_for_event(event))
    return made
