"""The invitation history on the contact page (a `contacts.sections` section).

Every invitation of one contact, newest first: channel, questionnaire, status, dates and,
when dispatch held it back, why (no consent, opted out, quarantine, daily maximum, no
address). One page is read in one query, whatever its length.
"""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest

from gehoord.contacts.models import Contact

from .models import Invitation

PER_PAGE = 20


def context(request: HttpRequest, contact: Contact) -> dict[str, Any]:
    invitations = (
        Invitation.objects.for_organisation(request.organisation)  # type: ignore[attr-defined]
        .filter(contact=contact)
        .select_related("rule__questionnaire", "rule__service", "event__service")
        .order_by("-due_at", "-pk")
    )
    page = Paginator(invitations, PER_PAGE).get_page(request.GET.get("page"))
    return {"page_obj": page, "invitations": page.object_list}
