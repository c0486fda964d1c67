"""Outreach's part of a subject access export: the contact's service events and invitations.

Receiver of `contacts.service.subject_access_requested` (connected in apps.py).
"""

from typing import Any

from django.utils.translation import gettext as _

from .models import Invitation, ServiceEvent


def outreach_sections(sender: Any, *, contact: Any, **_kwargs: Any) -> list[dict]:
    events = ServiceEvent.objects.filter(contact_id=contact.pk).select_related(
        "service", "provider", "team"
    )
    invitations = Invitation.objects.filter(contact_id=contact.pk).select_related(
        "rule__service", "event__service", "rule__questionnaire"
    )
    return [
        {
            "key": "service_events",
            "title": _("Services you received"),
            "order": 40,
            "columns": [
                {"key": "service", "label": _("Service")},
                {"key": "kind", "label": _("What happened")},
                {"key": "date", "label": _("Date")},
                {"key": "provider", "label": _("Provider")},
                {"key": "team", "label": _("Team")},
                {"key": "source", "label": _("How we heard of it")},
            ],
            "rows": [
                {
                    "service": event.service.name,
                    "kind": event.get_kind_display(),
                    "date": event.occurred_on,
                    "provider": event.provider.name if event.provider else None,
                    "team": event.team.name if event.team else None,
                    "source": event.get_source_display(),
                }
                for event in events.order_by("occurred_on", "pk")
            ],
        },
        {
            "key": "invitations",
            "title": _("Invitations to questionnaires"),
            "order": 50,
            "columns": [
                {"key": "questionnaire", "label": _("Questionnaire")},
                {"key": "service", "label": _("Service")},
                {"key": "status", "label": _("Status")},
                {"key": "channel", "label": _("Channel")},
                {"key": "due_at", "label": _("Planned for")},
                {"key": "sent_at", "label": _("Sent")},
                {"key": "reminded_at", "label": _("Reminder sent")},
                {"key": "reason", "label": _("Note")},
            ],
            "rows": [
                {
                    "questionnaire": invitation.rule.questionnaire.name,
                    "service": invitation.service.name,
                    "status": invitation.get_status_display(),
                    "channel": invitation.get_channel_display(),
                    "due_at": invitation.due_at,
                    "sent_at": invitation.sent_at,
                    "reminded_at": invitation.reminded_at,
                    "reason": invitation.reason,
                }
                for invitation in invitations.order_by("due_at", "pk")
            ],
        },
    ]
