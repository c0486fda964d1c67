"""Feedback's part of a subject access export: follow-ups and signals about the contact.

A follow-up is not linked to the register; it holds the contact details as typed, so it is
found the way erasure finds it (the same e-mail address or phone number). A signal belongs
to the contact when its follow-up does, or when its text names them (their full name, e-mail
address or mobile number, found as erasure would redact it). Receiver of
`contacts.service.subject_access_requested` (connected in apps.py).
"""

from typing import Any

from django.utils.translation import gettext as _

from .erasure import matching_follow_ups
from .models import FollowUp, Signal


def _mentions(details: Any, *texts: str) -> bool:
    return details.pattern is not None and any(
        text and details.pattern.search(text) for text in texts
    )


def feedback_sections(sender: Any, *, contact: Any, details: Any, **_kwargs: Any) -> list[dict]:
    follow_up_ids = matching_follow_ups(contact.organisation_id, contact.email, contact.mobile)
    follow_ups = list(
        FollowUp.objects.filter(pk__in=follow_up_ids)
        .select_related("service")
        .order_by("created_at", "pk")
    )
    linked = {f.signal_id for f in follow_ups if f.signal_id}
    signals = [
        signal
        for signal in Signal.objects.filter(organisation_id=contact.organisation_id)
        .select_related("service")
        .order_by("received_on", "pk")
        .iterator(chunk_size=2000)
        if signal.pk in linked or _mentions(details, signal.text, signal.reference)
    ]
    return [
        {
            "key": "follow_ups",
            "title": _("Follow-ups and call-backs"),
            "order": 60,
            "columns": [
                {"key": "reason", "label": _("Reason")},
                {"key": "service", "label": _("Service")},
                {"key": "status", "label": _("Status")},
                {"key": "created_at", "label": _("Started")},
                {"key": "closed_at", "label": _("Closed")},
                {"key": "contact_name", "label": _("Name")},
                {"key": "contact_email", "label": _("E-mail address")},
                {"key": "contact_phone", "label": _("Phone number")},
                {"key": "consent_at", "label": _("Consent to contact")},
                {"key": "outcome", "label": _("Outcome")},
                {"key": "message_back", "label": _("Message to you")},
            ],
            "rows": [
                {
                    "reason": f.get_reason_display(),
                    "service": f.service.name if f.service else None,
                    "status": f.get_status_display(),
                    "created_at": f.created_at,
                    "closed_at": f.closed_at,
                    "contact_name": f.contact_name,
                    "contact_email": f.contact_email,
                    "contact_phone": f.contact_phone,
                    "consent_at": f.consent_at,
                    "outcome": f.outcome,
                    "message_back": f.message_back,
                }
                for f in follow_ups
            ],
        },
        {
            "key": "signals",
            "title": _("Complaints, objections and other signals"),
            "order": 70,
            "columns": [
                {"key": "kind", "label": _("Kind")},
                {"key": "received_on", "label": _("Received on")},
                {"key": "service", "label": _("Service")},
                {"key": "text", "label": _("Text")},
                {"key": "reference", "label": _("Reference")},
                {"key": "decided_on", "label": _("Decision date")},
                {"key": "outcome", "label": _("Outcome")},
            ],
            "rows": [
                {
                    "kind": s.get_kind_display(),
                    "received_on": s.received_on,
                    "service": s.service.name if s.service else None,
                    "text": s.text,
                    "reference": s.reference,
                    "decided_on": s.decided_on,
                    "outcome": s.get_outcome_display(),
                }
                for s in signals
            ],
        },
    ]
