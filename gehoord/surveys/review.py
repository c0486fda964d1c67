"""An analyst's review of doubtful open-link responses (see open_link_limits).

A doubtful response waits, out of the figures, until an analyst calls it genuine (it then
counts) or a duplicate (it never counts). The response is kept either way. Each decision
goes into the audit log; the response's `reviewed_at` makes the rollups recompute its day
(`query.days_received_since`), since surveys may not call insights.
"""

from typing import Any

from auditlog.models import LogEntry
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gehoord.tenancy.models import Organisation

from .models import Response, Review


class NotInReview(Exception):
    """The response was not doubted, so there is nothing to decide."""


def to_review(organisation: Organisation) -> QuerySet[Response]:
    """The organisation's doubted responses, those still waiting first, newest first."""
    return (
        Response.objects.for_organisation(organisation)
        .exclude(review=Review.NONE)
        .select_related("questionnaire", "version")
        .order_by("-review", "-submitted_at", "pk")  # pending, then genuine, then duplicate
    )


DECISIONS = (Review.GENUINE, Review.DUPLICATE)


@transaction.atomic
def decide(response: Response, decision: str, user: Any) -> Response:
    """Call a doubted response genuine (counted) or a duplicate (not counted)."""
    if decision not in DECISIONS:
        raise ValueError(decision)
    response = Response.objects.select_for_update().get(pk=response.pk)
    if response.review == Review.NONE:
        raise NotInReview
    before = response.review
    if before == decision:
        return response
    response.review = decision
    response.reviewed_at = timezone.now()
    response.save(update_fields=["review", "reviewed_at"])
    LogEntry.objects.log_create(
        response,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        actor=user if user and user.is_authenticated else None,
        object_repr=f"Response reviewed: {response.get_review_display()}",
        # Only the decision: the audit log keeps no copy of answers (see apps.py).
        changes={"review": [before, decision]},
    )
    return response
