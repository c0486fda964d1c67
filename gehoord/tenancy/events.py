"""Domain events: what happened in an organisation, told to whoever listens.

Apps emit an event when something others may want to hear about happens (a response came
in, an export is ready); the webhooks app (above every app) listens and delivers them to
the organisation's subscriptions. The emitting app knows no listener: it calls `emit()`
here, in the lowest app floor, and the listeners connect to `event_emitted`.

An event carries no personal data: ids, types, counts and links only. Never a contact's
identity, an open answer or a signal's text — listeners may pass the data on as it is.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

# The event types, by the suffix of their CloudEvents type (`nl.gehoord.<type>`); the
# webhooks app names them for its screens.
EVENT_TYPES: tuple[str, ...] = (
    "response.received",
    "followup.created",
    "followup.overdue",
    "signal.received",
    "signal.deadline_near",
    "action.status_changed",
    "export.ready",
)

# Sent once the transaction that emitted the event commits; `sender` is None and
# `event` the Event.
event_emitted = Signal()


@dataclass(frozen=True)
class Event:
    organisation_id: int
    type: str
    subject: str
    data: dict[str, Any]
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    time: datetime = field(default_factory=timezone.now)


def emit(
    organisation_id: int,
    type: str,
    subject: str,
    data: dict[str, Any] | None = None,
    *,
    id: str | None = None,
) -> Event:
    """Tell the listeners about `type` in the organisation, after the current transaction
    commits (a rolled-back change never announces itself).

    `subject` names the thing the event is about (`response/123`); `id` is the event's
    idempotency key — give a stable one (`followup-overdue-12`) when the same fact may be
    noticed more than once, so receivers and the delivery log see one event."""
    if type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {type!r}")
    event = Event(organisation_id, type, subject, dict(data or {}))
    if id:
        event = Event(organisation_id, type, subject, event.data, id=id, time=event.time)
    transaction.on_commit(lambda: event_emitted.send(sender=None, event=event))
    return event
