"""The monthly digest: key figures of the past month, the best and worst quotes, and new and
finished improvement actions; as e-mail and as PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from gehoord.catalog.models import Team
from gehoord.feedback import query as feedback_query
from gehoord.framework import query as framework_query
from gehoord.improvement import query as improvement_query
from gehoord.insights import query as insights
from gehoord.insights.query import Filters, Headline, Period
from gehoord.surveys import query as surveys_query
from gehoord.tenancy.models import Organisation

QUOTES_EACH = 3


@dataclass
class Quote:
    text: str
    grade: int


@dataclass
class Digest:
    organisation: Organisation
    team: Team | None
    period: Period
    headlines: list[Headline]
    best: list[Quote] = field(default_factory=list)
    worst: list[Quote] = field(default_factory=list)
    actions_new: list = field(default_factory=list)
    actions_done: list = field(default_factory=list)

    @property
    def title(self) -> str:
        scope = self.team.name if self.team else self.organisation.name
        return _("Monthly digest %(scope)s, %(period)s") % {
            "scope": scope,
            "period": self.period.label,
        }


def past_month(today: date | None = None) -> Period:
    first = insights.month_start(today or insights.today())
    previous = insights.add_months(first, -1)
    return insights.month(previous.year, previous.month)


def _quotes(
    organisation: Organisation, period: Period, team: Team | None
) -> tuple[list[Quote], list[Quote]]:
    """Open answers picked by the grade given in the same response; masked on the way out.

    Only when the month has enough responses: with a handful, a quote could point at one
    resident.
    """
    start, end = period.bounds
    grade_ids = framework_query.questions_measuring(organisation, insights.GRADE_INDICATOR)
    segment = {"team_id": team.pk} if team else {}
    grades = {
        response_id: int(value)
        for response_id, _q, value in surveys_query.answer_values(
            organisation, grade_ids, start, end, **segment
        )
    }
    if len(grades) < organisation.minimum_n:
        return [], []
    texts = [
        Quote(row["text"], grades[row["response_id"]])
        for row in feedback_query.masked_open_texts(
            organisation, start=period.start, end=period.end, team_id=team.pk if team else None
        )
        if row["response_id"] in grades
    ]
    ranked = sorted(texts, key=lambda q: q.grade)
    worst = [q for q in ranked[:QUOTES_EACH] if q.grade <= 5]
    best = [q for q in reversed(ranked[-QUOTES_EACH:]) if q.grade >= 8]
    return best, worst


def build(
    organisation: Organisation, team: Team | None = None, period: Period | None = None
) -> Digest:
    period = period or past_month()
    filters = Filters(team_id=team.pk if team else None)
    digest = Digest(organisation, team, period, insights.headlines(organisation, period, filters))
    digest.best, digest.worst = _quotes(organisation, period, team)
    digest.actions_new, digest.actions_done = improvement_query.actions_for_digest(
        organisation, period.start, period.end, team
    )
    return digest


def render_html(digest: Digest, *, for_pdf: bool = False) -> str:
    return render_to_string("publication/email/digest.html", {"digest": digest, "for_pdf": for_pdf})


def render_pdf(digest: Digest) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(digest, for_pdf=True)).write_pdf()


@dataclass(frozen=True)
class Email:
    """A digest as it goes out. Every subscriber of the same organisation and team gets the
    same text, so it is built and rendered once and sent to each of them."""

    subject: str
    text: str
    html: str


def render_email(organisation: Organisation, team: Team | None, period: Period) -> Email:
    with translation.override("nl"):
        digest = build(organisation, team, period)
        return Email(
            digest.title,
            render_to_string("publication/email/digest.txt", {"digest": digest}),
            render_html(digest),
        )


def send(email: Email, address: str) -> None:
    message = EmailMultiAlternatives(email.subject, email.text, None, [address])
    message.attach_alternative(email.html, "text/html")
    message.send()
