"""Reads of signals, follow-ups and codes, for this app's screens and for other apps
(insights reads the counts and masked open texts from here)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from gehoord.contacts.query import mask_personal_data as mask_personal_data
from gehoord.contacts.query import masking_names as masking_names
from gehoord.tenancy.models import Membership, Organisation
from gehoord.tenancy.scoping import limit_to_member

from . import deadlines
from .erasure import comparable_phone  # noqa: F401  (the retention run compares numbers)
from .models import (
    Coding,
    FeedbackSettings,
    FollowUp,
    FollowUpStatus,
    Outcome,
    Signal,
    Theme,
)
from .query_texts import answer_themes as answer_themes
from .query_texts import mask_previews as _mask_previews
from .query_texts import masked_open_texts as masked_open_texts
from .query_texts import masked_text as masked_text
from .query_texts import personal_names as personal_names
from .retention import open_follow_up_addresses  # noqa: F401  (the retention run reads it)
from .themes import DRIVER_OF_THEME  # noqa: F401  (insights and the demo read it here)

DECIDED_ON_MERITS = (Outcome.WELL_FOUNDED, Outcome.UNFOUNDED, Outcome.PARTLY)


def signals(organisation: Organisation) -> QuerySet[Signal]:
    return Signal.objects.for_organisation(organisation).select_related(
        "service", "team", "provider"
    )


def open_signals(organisation: Organisation) -> QuerySet[Signal]:
    return signals(organisation).filter(decided_on__isnull=True)


def overdue_signals(organisation: Organisation, today: date | None = None) -> QuerySet[Signal]:
    today = today or timezone.localdate()
    return open_signals(organisation).filter(due_on__lt=today).order_by("due_on", "pk")


def warning_date(organisation: Organisation, today: date | None = None) -> date:
    """Open signals due on or before this date (and not overdue) get a warning."""
    from .service import settings_of

    today = today or timezone.localdate()
    return deadlines.add_working_days(today, settings_of(organisation).warning_working_days)


def due_soon_signals(
    organisation: Organisation, today: date | None = None, *, until: date | None = None
) -> QuerySet[Signal]:
    """Open signals due from `today` to `until` (default: `warning_date`, read here)."""
    today = today or timezone.localdate()
    return (
        open_signals(organisation)
        .filter(due_on__gte=today, due_on__lte=until or warning_date(organisation, today))
        .order_by("due_on")
    )


def signal_counts_by_month(
    organisation: Organisation, *, start: date | None = None, end: date | None = None
) -> list[dict]:
    """Per service × kind × month: signals received, decided on merits, well-founded
    (partly counts as well-founded) and % well-founded of those decided on merits.

    Rows: {"service_id", "service", "kind", "month" (date), "count", "decided",
    "well_founded", "pct_well_founded" (None when nothing decided)}.
    """
    queryset = Signal.objects.for_organisation(organisation)
    if start:
        queryset = queryset.filter(received_on__gte=start)
    if end:
        queryset = queryset.filter(received_on__lte=end)
    rows = (
        queryset.annotate(month=TruncMonth("received_on"))
        .values("service_id", "kind", "month")
        .annotate(
            service_name=F("service__name"),
            count=Count("pk"),
            decided=Count("pk", filter=Q(outcome__in=DECIDED_ON_MERITS)),
            well_founded=Count("pk", filter=Q(outcome__in=(Outcome.WELL_FOUNDED, Outcome.PARTLY))),
        )
        .order_by("month", "service_name", "kind")
    )
    result = []
    for row in rows:
        month = row["month"]
        if hasattr(month, "date"):  # some backends give a datetime
            month = month.date()
        pct = round(100 * row["well_founded"] / row["decided"], 1) if row["decided"] else None
        result.append(
            {
                "service_id": row["service_id"],
                "service": row["service_name"],
                "kind": row["kind"],
                "month": month,
                "count": row["count"],
                "decided": row["decided"],
                "well_founded": row["well_founded"],
                "pct_well_founded": pct,
            }
        )
    return result


def signal_due_date(
    kind: str,
    received_on: date,
    settings: FeedbackSettings,
    *,
    advisory_committee: bool = False,
    extended: bool = False,
) -> date | None:
    """The statutory deadline of a signal (None for kinds without one), in working days."""
    return deadlines.due_date(
        kind, received_on, settings, advisory_committee=advisory_committee, extended=extended
    )


def follow_up_due_date(created_on: date, settings: FeedbackSettings) -> date:
    return deadlines.follow_up_due(created_on, settings)


def themes(organisation: Organisation, *, active_only: bool = True) -> QuerySet[Theme]:
    queryset = Theme.objects.for_organisation(organisation)
    return queryset.filter(active=True) if active_only else queryset


def codings(organisation: Organisation) -> QuerySet[Coding]:
    return Coding.objects.for_organisation(organisation).select_related("theme")


def follow_ups(organisation: Organisation) -> QuerySet[FollowUp]:
    return FollowUp.objects.for_organisation(organisation).select_related(
        "service", "team", "owner"
    )


# Lists: the first characters of a text are read, never a whole text of thousands. Twice
# what is shown, so personal data crossing the cut is read whole and masked (mask_previews).
PREVIEW_LENGTH = 140
PREVIEW_READ = 2 * PREVIEW_LENGTH
SEARCH_LENGTH = 100
_DEADLINE_FIRST = (F("due_on").asc(nulls_last=True), "pk")


def _preview(field: str) -> Substr:
    return Substr(field, 1, PREVIEW_READ)


def mask_previews(
    rows: Iterable[Any], organisation: Organisation, *, names: frozenset[str] | None = None
) -> frozenset[str] | None:
    """Mask and shorten the `preview` of one page of `signal_list` or `follow_up_list` rows,
    in place (call it after the page is cut: it masks only those). Returns the register's
    names when it read them (or `names`), to mask the page's other texts with."""
    return _mask_previews(rows, organisation, length=PREVIEW_LENGTH, read=PREVIEW_READ, names=names)


def signal_list(
    organisation: Organisation,
    *,
    status: str = "",
    kind: str = "",
    service_id: int | None = None,
    search: str = "",
    by_deadline: bool | None = None,
    today: date | None = None,
) -> QuerySet[Signal]:
    """The signals list: status "open", "te-laat", "binnenkort" or "afgehandeld"; `search`
    in the text or reference; newest first, or by deadline (default for open signals).
    Each row carries `preview`, the start of its text, unmasked: pass the page to
    `mask_previews` before it is shown."""
    today = today or timezone.localdate()
    rows = signals(organisation)
    if status in ("open", "te-laat", "binnenkort"):
        rows = rows.filter(decided_on__isnull=True)
    if status == "te-laat":
        rows = rows.filter(due_on__lt=today)
    elif status == "binnenkort":
        rows = rows.filter(due_on__gte=today, due_on__lte=warning_date(organisation, today))
    elif status == "afgehandeld":
        rows = rows.filter(decided_on__isnull=False)
    if kind:
        rows = rows.filter(kind=kind)
    if service_id is not None:
        rows = rows.filter(service_id=service_id)
    if search := search.strip()[:SEARCH_LENGTH]:
        rows = rows.filter(Q(text__icontains=search) | Q(reference__icontains=search))
    if by_deadline is None:
        by_deadline = status in ("open", "te-laat", "binnenkort")
    order = _DEADLINE_FIRST if by_deadline else ("-received_on", "-pk")
    return rows.defer("text").annotate(preview=_preview("text")).order_by(*order)


def follow_up_list(
    organisation: Organisation,
    *,
    queue: str = "",
    team_id: int | None = None,
    owner=None,
    search: str = "",
    by_deadline: bool | None = None,
    today: date | None = None,
) -> QuerySet[FollowUp]:
    """The follow-up queue: open ones ("mijn" = of `owner`, "niet-toegewezen", "te-laat")
    or "gesloten"; `search` in the signal's text, the outcome or the response's open
    answers; by deadline (default for open ones) or newest first. Each row carries
    `preview`, the start of its signal's text, unmasked: pass the page to `mask_previews`
    (a response's is read per page: surveys.query.grades_and_snippets, which masks it)."""
    from gehoord.surveys import query as surveys_query

    today = today or timezone.localdate()
    closed = queue == "gesloten"
    rows = follow_ups(organisation)
    rows = (
        rows.filter(status=FollowUpStatus.CLOSED)
        if closed
        else rows.exclude(status=FollowUpStatus.CLOSED)
    )
    if queue == "mijn":
        rows = rows.filter(owner=owner)
    elif queue == "niet-toegewezen":
        rows = rows.filter(owner__isnull=True)
    elif queue == "te-laat":
        rows = rows.filter(due_on__lt=today)
    if team_id is not None:
        rows = rows.filter(team_id=team_id)
    if search := search.strip()[:SEARCH_LENGTH]:
        rows = rows.filter(
            Q(signal__text__icontains=search)
            | Q(outcome__icontains=search)
            | surveys_query.response_mentions(search)
        )
    if by_deadline is None:
        by_deadline = not closed
    order = _DEADLINE_FIRST if by_deadline else ("-closed_at" if closed else "-created_at", "-pk")
    return rows.annotate(preview=_preview("signal__text")).order_by(*order)


def signals_matching(
    organisation: Organisation,
    text: str,
    *,
    limit: int = 20,
    membership: Membership | None = None,
) -> QuerySet[Signal]:
    """At most `limit` signals for a picker, newest first: by number ("123" or "#123"),
    reference, service or words in the text; only those `membership` may see (its teams)."""
    text = text.strip()[:SEARCH_LENGTH]
    rows = limit_to_member(signals(organisation), membership)
    rows = rows.defer("text").order_by("-received_on", "-pk")
    if not text:
        return rows[:limit]
    number = text.removeprefix("#")
    wanted = (
        Q(reference__icontains=text) | Q(service__name__icontains=text) | Q(text__icontains=text)
    )
    if number.isdigit():
        wanted |= Q(pk=int(number))
    return rows.filter(wanted)[:limit]


def open_follow_ups(organisation: Organisation) -> QuerySet[FollowUp]:
    return follow_ups(organisation).exclude(status=FollowUpStatus.CLOSED).order_by("due_on", "pk")


def follow_ups_of_provider(organisation: Organisation, provider_id: int) -> QuerySet[FollowUp]:
    """Follow-ups of responses about one provider (for its portal: no contact details are
    read from here, only status and dates)."""
    return (
        FollowUp.objects.for_organisation(organisation)
        .filter(response__provider_id=provider_id)
        .select_related("service")
        .order_by("-created_at", "pk")
    )


def handled_in_time(
    organisation: Organisation, *, since: date | None = None, membership: Membership | None = None
) -> dict:
    """Closed follow-ups and the share closed on or before their due date (of the member's
    teams, when `membership` is limited to teams)."""
    queryset = limit_to_member(FollowUp.objects.for_organisation(organisation), membership).filter(
        status=FollowUpStatus.CLOSED
    )
    if since:
        queryset = queryset.filter(closed_at__date__gte=since)
    closed = list(queryset.values_list("closed_at", "due_on"))
    in_time = sum(1 for closed_at, due in closed if timezone.localtime(closed_at).date() <= due)
    return {
        "closed": len(closed),
        "in_time": in_time,
        "pct": round(100 * in_time / len(closed), 1) if closed else None,
    }


def signal_counts_by_theme(
    organisation: Organisation, *, start: date | None = None, end: date | None = None
) -> list[dict]:
    """Per service × theme × kind: coded signals, decided on merits, well-founded and
    % well-founded (for the triangulation view). A signal with two themes counts for both.

    Rows: {"service_id", "service", "theme_id", "theme", "theme_code", "kind", "count",
    "decided", "well_founded", "pct_well_founded"}.
    """
    queryset = Coding.objects.for_organisation(organisation).filter(
        signal__isnull=False, theme__isnull=False
    )
    if start:
        queryset = queryset.filter(signal__received_on__gte=start)
    if end:
        queryset = queryset.filter(signal__received_on__lte=end)
    rows = (
        queryset.values("signal__service_id", "theme_id", "signal__kind")
        .annotate(
            service_name=F("signal__service__name"),
            theme_name=F("theme__name"),
            code=F("theme__code"),
            count=Count("signal_id"),
            decided=Count("signal_id", filter=Q(signal__outcome__in=DECIDED_ON_MERITS)),
            well_founded=Count(
                "signal_id", filter=Q(signal__outcome__in=(Outcome.WELL_FOUNDED, Outcome.PARTLY))
            ),
        )
        .order_by("service_name", "theme_name", "signal__kind")
    )
    return [
        {
            "service_id": r["signal__service_id"],
            "service": r["service_name"],
            "theme_id": r["theme_id"],
            "theme": r["theme_name"],
            "theme_code": r["code"],
            "kind": r["signal__kind"],
            "count": r["count"],
            "decided": r["decided"],
            "well_founded": r["well_founded"],
            "pct_well_founded": (
                round(100 * r["well_founded"] / r["decided"], 1) if r["decided"] else None
            ),
        }
        for r in rows
    ]
