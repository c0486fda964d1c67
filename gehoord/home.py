"""The home page: what changed and what needs the member, per role.

Each block is shown only when the member's role may open the screen it links to (the same
`role_has` the views ask), and reads through the other apps' query modules only. Every
block costs a fixed number of queries, whatever the number of records behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .catalog import query as catalog_query
from .feedback import query as feedback_query
from .health import last_heartbeat, stuck_tasks
from .improvement import query as improvement_query
from .improvement.models import FINISHED
from .insights import query as insights_query
from .tenancy.models import Membership
from .tenancy.roles import Capability, role_has
from .tenancy.scoping import limit_to_member

# Actions are "due" when their due date falls within this many days.
ACTIONS_DUE_WITHIN = timedelta(days=14)
# The worker counts as stopped when it has not beaten for this long (it beats every minute).
WORKER_SILENT_AFTER = timedelta(minutes=10)
EXPORTS_SHOWN = 5


@dataclass(frozen=True)
class Line:
    """One thing to look at: a count (or a word), what it is, and the screen that handles it."""

    label: str
    url: str
    count: int | None = None
    urgent: bool = False


@dataclass(frozen=True)
class Change:
    label: str
    value: str
    interval: str
    verdict: str
    verdict_words: str
    url: str


@dataclass
class Block:
    key: str
    title: str
    url: str
    link_text: str
    empty: str
    lines: list[Line] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    note: str = ""

    @property
    def shown_lines(self) -> list[Line]:
        """The lines worth reading: a count of zero is left out (the empty state says it)."""
        return [line for line in self.lines if line.count != 0]

    @property
    def is_empty(self) -> bool:
        return not self.changes and not self.shown_lines


def blocks(membership: Membership, user_id: int | None, today: date | None = None) -> list[Block]:
    """The home's blocks for `membership`, in the order a member reads them."""
    today = today or timezone.localdate()
    role = membership.role
    organisation = membership.organisation
    result = []
    # The changes are figures of the whole organisation: not for a member limited to teams.
    if role_has(role, Capability.VIEW_INSIGHTS) and not catalog_query.is_team_limited(membership):
        result.append(_changes(organisation))
    follow_ups = role_has(role, Capability.HANDLE_FOLLOW_UPS)
    signals = role_has(role, Capability.VIEW_SIGNALS)
    # "Soon" is the organisation's warning term for signals, used for follow-ups as well.
    soon = feedback_query.warning_date(organisation, today) if follow_ups or signals else today
    if follow_ups:
        result.append(_follow_ups(membership, user_id, today, soon))
    if signals:
        result.append(_signals(membership, today, soon))
    if role_has(role, Capability.VIEW_IMPROVEMENT):
        result.append(_actions(membership, user_id, today))
    if role_has(role, Capability.EXPORT_DATA):
        result.append(_exports(organisation, user_id))
    if role_has(role, Capability.MANAGE_ORGANISATION):
        result.append(_health())
    return result


def _changes(organisation) -> Block:
    """The key figures whose change against the period before is clear after controlling
    the false-discovery rate over all of them (insights' own verdicts)."""
    period = insights_query.rolling_window()
    url = reverse("insights:overview")
    changes = [
        Change(
            label=str(headline.label),
            value=headline.figure.display,
            interval=headline.figure.interval,
            verdict=headline.figure.verdict,
            verdict_words=headline.figure.verdict_words,
            url=url,
        )
        for headline in insights_query.headlines(organisation, period, insights_query.Filters())
        if headline.figure.verdict in ("clearly_higher", "clearly_lower")
    ]
    return Block(
        key="changes",
        title=_("Clear changes"),
        url=url,
        link_text=_("All results"),
        empty=_("No key figure differs clearly from the period before."),
        changes=changes,
        note=_("%(period)s, compared with the same length of time before.")
        % {"period": period.label},
    )


def _follow_ups(membership: Membership, user_id: int | None, today: date, soon: date) -> Block:
    url = reverse("feedback:followup_list")
    open_ones = feedback_query.open_follow_ups(membership.organisation)
    counts = limit_to_member(open_ones, membership).aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
        mine=Count("pk", filter=Q(owner_id=user_id)),
        unassigned=Count("pk", filter=Q(owner__isnull=True)),
    )
    return Block(
        key="follow_ups",
        title=_("Follow-ups"),
        url=url,
        link_text=_("All follow-ups"),
        empty=_("No follow-up is overdue or due soon."),
        lines=[
            Line(_("overdue"), f"{url}?filter=te-laat", counts["overdue"], urgent=True),
            Line(_("due soon"), url, counts["due"]),
            Line(_("assigned to you"), f"{url}?filter=mijn", counts["mine"]),
            Line(_("not assigned"), f"{url}?filter=niet-toegewezen", counts["unassigned"]),
        ],
    )


def _signals(membership: Membership, today: date, soon: date) -> Block:
    url = reverse("feedback:signal_list")
    open_ones = feedback_query.open_signals(membership.organisation)
    counts = limit_to_member(open_ones, membership).aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
    )
    return Block(
        key="signals",
        title=_("Signals"),
        url=url,
        link_text=_("All signals"),
        empty=_("No signal is past or near its deadline."),
        lines=[
            Line(_("past their deadline"), f"{url}?status=te-laat", counts["overdue"], urgent=True),
            Line(_("deadline soon"), f"{url}?status=binnenkort", counts["due"]),
        ],
    )


def _actions(membership: Membership, user_id: int | None, today: date) -> Block:
    url = reverse("improvement:action_list")
    counts = (
        limit_to_member(improvement_query.actions(membership.organisation), membership)
        .exclude(status__in=FINISHED)
        .aggregate(
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            due=Count("pk", filter=Q(due_on__gte=today, due_on__lte=today + ACTIONS_DUE_WITHIN)),
            mine=Count("pk", filter=Q(owner_id=user_id, due_on__lte=today + ACTIONS_DUE_WITHIN)),
            blocked=Count("pk", filter=Q(blocked=True)),
        )
    )
    return Block(
        key="actions",
        title=_("Improvement actions"),
        url=url,
        link_text=_("All actions"),
        empty=_("No action is overdue or due in the next two weeks."),
        lines=[
            Line(_("past their due date"), url, counts["overdue"], urgent=True),
            Line(_("due in the next two weeks"), url, counts["due"]),
            Line(_("of those, yours"), url, counts["mine"]),
            Line(_("blocked"), f"{url}?geblokkeerd=1", counts["blocked"]),
        ],
    )


def _exports(organisation, user_id: int | None) -> Block:
    url = reverse("insights:exports")
    jobs = list(insights_query.ready_exports(organisation, user_id)[:EXPORTS_SHOWN])
    return Block(
        key="exports",
        title=_("Your exports"),
        url=url,
        link_text=_("All exports"),
        empty=_("You have no finished export waiting."),
        lines=[
            Line(
                job.filename or job.get_kind_display(),
                reverse("insights:export_detail", args=[job.pk]),
            )
            for job in jobs
        ],
    )


def _health() -> Block:
    beat = last_heartbeat()
    stuck = stuck_tasks()
    now = timezone.now()
    lines = []
    if beat is None or now - beat > WORKER_SILENT_AFTER:
        lines.append(Line(_worker_silent(beat), reverse("health"), urgent=True))
    for name in stuck:
        lines.append(
            Line(_("Periodic task “%(name)s” is stuck") % {"name": name}, reverse("health"), 1)
        )
    return Block(
        key="health",
        title=_("Background work"),
        url=reverse("health"),
        link_text=_("Health check"),
        empty=_("The worker runs and every periodic task completes on time."),
        lines=lines,
    )


def _worker_silent(beat: datetime | None) -> str:
    if beat is None:
        return _("The worker has not reported yet")
    return _("The worker last reported at %(moment)s") % {
        "moment": timezone.localtime(beat).strftime("%d-%m-%Y %H:%M")
    }
