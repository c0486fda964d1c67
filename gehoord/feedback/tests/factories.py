"""Test factories of feedback: signals and follow-ups stored as given (no deadlines)."""

from datetime import date

from django.utils import timezone

from gehoord.feedback.models import FollowUp, FollowUpReason, Signal, SignalKind
from gehoord.tenancy.models import Organisation


def make_signal(
    organisation: Organisation,
    kind: str = SignalKind.COMPLAINT,
    text: str = "Lang gewacht",
    received_on: date = date(2026, 3, 2),
    **fields,
) -> Signal:
    """A signal stored as is: unlike `service.record_signal` no deadline is computed."""
    return Signal.objects.create(
        organisation=organisation, kind=kind, text=text, received_on=received_on, **fields
    )


def make_follow_up(
    organisation: Organisation,
    reason: str = FollowUpReason.CALL_BACK,
    due_on: date | None = None,
    **fields,
) -> FollowUp:
    """An open follow-up without contact details, due today unless `due_on` is given."""
    return FollowUp.objects.create(
        organisation=organisation, reason=reason, due_on=due_on or timezone.localdate(), **fields
    )
