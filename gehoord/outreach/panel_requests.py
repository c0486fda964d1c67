"""Panel consent from "Wilt u vaker meedenken?" at the end of a survey (issue 14).

A resident who answered through a personal link and said yes is known only by that link
(surveys marks it, nothing else). Outreach knows the link's invitation and so its contact:
each dispatch run records the panel consent for those contacts, and surveys marks the
links as recorded.

The response is never involved: it keeps no key to the link, the invitation or the
contact, and the consent is not written at the moment of answering. So that the consent's
time cannot be laid beside a response's time either, it is recorded as given on the day
(00:00 local time) of the run, not at a moment. The trade-off: on a day with only one
response through a personal link, the day alone still narrows it down to that response;
the consent itself says only "joined the panel through a survey on this day".
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import ConsentSource, LegalBasis, Purpose
from gehoord.surveys import query as surveys_query
from gehoord.surveys import service as survey_service

from .models import Invitation


@transaction.atomic
def record_panel_requests(now: datetime) -> int:
    """Give panel consent for the contacts of links whose resident asked; returns how
    many links were handled."""
    token_ids = surveys_query.panel_requested_token_ids()
    if not token_ids:
        return 0
    day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    for invitation in Invitation.objects.filter(token_id__in=token_ids).select_related("contact"):
        contacts_service.give_consent(
            invitation.contact,
            Purpose.PANEL,
            legal_basis=LegalBasis.CONSENT,
            source=ConsentSource.SURVEY,
            given_at=day,
        )
    return survey_service.mark_panel_requests_recorded(token_ids)
