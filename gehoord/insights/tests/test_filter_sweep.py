"""Every filter of the results overview narrows every figure on it.

Raw rows (responses and invitations with explicit dates and segments) are built with the
factories; then, for every filter and pairs of filters, each figure the overview shows
(headline grade and its monthly trend, the grade and an agreement item per question,
the response rate, the segment table by each attribute) is compared with the same
figure computed directly from those rows.
"""

import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import mean

import pytest
from django.urls import reverse
from django.utils import timezone

from gehoord.catalog.tests.factories import make_provider, make_service, make_team
from gehoord.contacts.tests.factories import make_contact
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.insights import periods, rollups
from gehoord.insights.models import SegmentDimension
from gehoord.outreach.models import InvitationStatus
from gehoord.outreach.tests.factories import make_event, make_invitation, make_rule
from gehoord.surveys import service as survey_service

pytestmark = pytest.mark.django_db

FILTERS = ("vragenlijst", "dienst", "aanbieder", "team", "kanaal")
DELIVERED = {"sent", "reminded", "responded", "expired"}


@dataclass
class Raw:
    day: date
    questionnaire: int
    service: int
    provider: int | None
    team: int | None
    channel: str
    district: str
    age_band: str
    invitation_channel: str
    grade: int | None
    effort: int | str  # 1–5 or "na"


@dataclass
class RawInvitation:
    sent: date
    questionnaire: int
    service: int
    provider: int | None
    team: int | None
    status: str


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 30)))


@pytest.fixture
def world(org_a):
    """Two services with their own questionnaire, two providers, two teams; 160 responses
    over the last 14 months and 120 invitations, all drawn with a fixed seed."""
    org_a.minimum_n = 1  # every figure is shown, so each can be compared
    org_a.save()
    draw = random.Random(13)
    services = [make_service(org_a, "Paspoort"), make_service(org_a, "Bijstand")]
    providers = [make_provider(org_a, "Zorg Plus"), make_provider(org_a, "Thuiszorg Oost")]
    teams = [make_team(org_a, "KCC"), make_team(org_a, "Werk en Inkomen")]
    questionnaires = [
        published_questionnaire(org_a, f"Vragenlijst {s.name}", codes=("core_grade", "core_effort"))
        for s in services
    ]
    today = periods.today()
    responses: list[Raw] = []
    for _ in range(160):
        pick = draw.randrange(2)
        raw = Raw(
            day=today - timedelta(days=draw.randrange(0, 420)),
            questionnaire=questionnaires[pick].pk,
            service=services[pick].pk,
            provider=draw.choice([None, *(p.pk for p in providers)]),
            team=draw.choice([None, *(t.pk for t in teams)]),
            channel=draw.choice(["web", "web", "phone"]),
            district=draw.choice(["Noord", "Zuid", ""]),
            age_band=draw.choice(["18-34", "50-64", "80+"]),
            invitation_channel=draw.choice(["email", "sms", ""]),
            grade=draw.choice([None, *range(1, 11)]),
            effort=draw.choice([1, 2, 3, 4, 5, "na"]),
        )
        responses.append(raw)
        items = questionnaires[pick].items
        answers = {str(items["core_effort"].pk): raw.effort}
        if raw.grade is not None:
            answers[str(items["core_grade"].pk)] = raw.grade
        survey_service.import_responses(
            questionnaires[pick].version,
            [
                {
                    "answers": answers,
                    "submitted_at": moment(raw.day),
                    "channel": raw.channel,
                    "service_id": raw.service,
                    "provider_id": raw.provider,
                    "team_id": raw.team,
                    "district": raw.district,
                    "age_band": raw.age_band,
                    "invitation_channel": raw.invitation_channel,
                }
            ],
        )
    rules = [make_rule(s, q) for s, q in zip(services, questionnaires, strict=True)]
    invitations: list[RawInvitation] = []
    for index in range(120):
        pick = draw.randrange(2)
        panel = index % 10 == 0  # a panel invitation has no event: no provider or team
        provider = None if panel else draw.choice([None, *(p.pk for p in providers)])
        team = None if panel else draw.choice([None, *(t.pk for t in teams)])
        sent = today - timedelta(days=draw.randrange(0, 300))
        status = draw.choice(["sent", "responded", "responded", "expired", "failed"])
        contact = make_contact(org_a, f"Inwoner {index}")
        event = (
            None
            if panel
            else make_event(services[pick], contact, sent, provider_id=provider, team_id=team)
        )
        make_invitation(
            rules[pick], contact, event, sent_at=moment(sent), status=InvitationStatus(status)
        )
        invitations.append(
            RawInvitation(sent, questionnaires[pick].pk, services[pick].pk, provider, team, status)
        )
    rollups.rebuild(org_a)
    return {
        "responses": responses,
        "invitations": invitations,
        "values": {
            "vragenlijst": [q.pk for q in questionnaires],
            "dienst": [s.pk for s in services],
            "aanbieder": [p.pk for p in providers],
            "team": [t.pk for t in teams],
            "kanaal": ["web", "phone"],
        },
    }


def selections(values: dict) -> list[dict]:
    """No filter, each value of each filter, and each pair of filters."""
    result = [{}]
    result += [{name: value} for name in FILTERS for value in values[name]]
    for first, second in itertools.combinations(FILTERS, 2):
        result += [
            {first: values[first][0], second: values[second][0]},
            {first: values[first][1], second: values[second][0]},
        ]
    return result


FIELD_OF = {
    "vragenlijst": "questionnaire",
    "dienst": "service",
    "aanbieder": "provider",
    "team": "team",
    "kanaal": "channel",
}


def matching(rows, selection: dict, start: date, end: date, on: str = "day"):
    return [
        row
        for row in rows
        if start <= getattr(row, on) <= end
        and all(
            getattr(row, FIELD_OF[name]) == value
            for name, value in selection.items()
            if hasattr(row, FIELD_OF[name])
        )
    ]


def grade_of(rows) -> tuple[float | None, int]:
    grades = [r.grade for r in rows if r.grade is not None]
    return (mean(grades) if grades else None), len(grades)


def agreement_of(rows) -> tuple[float | None, int]:
    valid = [r.effort for r in rows if r.effort != "na"]
    favourable = sum(1 for e in valid if e >= 4)
    return (100 * favourable / len(valid) if valid else None), len(valid)


def expected_rate(invitations, selection: dict, start: date, end: date):
    if selection.get("kanaal", "web") != "web":
        return None, 0  # invitations are answered on the web only
    rows = matching(
        invitations, {k: v for k, v in selection.items() if k != "kanaal"}, start, end, "sent"
    )
    delivered = [i for i in rows if i.status in DELIVERED]
    answered = sum(1 for i in delivered if i.status == "responded")
    return (100 * answered / len(delivered) if delivered else None), len(delivered)


def assert_figure(figure, expected: tuple[float | None, int], label: str) -> None:
    value, n = expected
    # The count behind the figure; a hidden figure shows no n (insights.disclosure).
    assert figure._n == n, label
    assert figure.n == (None if not figure.shown else n), label
    if n and figure.shown:
        assert figure.value == pytest.approx(value), label


def test_every_filter_narrows_every_figure_of_the_overview(client_a, world):
    window = periods.rolling_window()
    start, end = window.start, window.end
    assert any(r.day < start for r in world["responses"])  # some fall outside the window
    for selection in selections(world["values"]):
        label = f"filters {selection}"
        params = {"periode": "venster", **selection}
        page = client_a.get(reverse("insights:overview"), params)
        assert page.status_code == 200, label
        context = page.context
        rows = matching(world["responses"], selection, start, end)

        grade = next((h for h in context["headlines"] if h.indicator == "overall_grade"), None)
        by_code = {f.code: f for f in context["figures"]}
        if not grade_of(rows)[1]:  # nothing to show: neither headline nor question
            assert grade is None and "core_grade" not in by_code, label
        else:
            assert_figure(grade.figure, grade_of(rows), f"headline grade, {label}")
            for month, figure in grade.trend:
                month_rows = matching(
                    world["responses"], selection, month, periods.month_end(month)
                )
                assert_figure(figure, grade_of(month_rows), f"trend {month}, {label}")
            assert_figure(by_code["core_grade"].mean, grade_of(rows), f"grade, {label}")
        if agreement_of(rows)[1]:
            assert_figure(by_code["core_effort"].share, agreement_of(rows), f"effort, {label}")

        assert_figure(
            context["response_rate"],
            expected_rate(world["invitations"], selection, start, end),
            f"response rate, {label}",
        )
        hint = "Uitnodigingen worden op internet beantwoord"  # no rate for phone answers
        assert (hint in page.content.decode()) == (selection.get("kanaal") == "phone"), label

        for dimension in SegmentDimension.values:
            segments = client_a.get(
                reverse("insights:overview"), {**params, "indeling": dimension}
            ).context["segments"]
            shown = {value: figure for value, figure, _share in segments}
            values = {getattr(r, dimension) for r in rows if r.grade is not None}
            assert set(shown) == values, f"segments by {dimension}, {label}"
            for value in values:
                expected = grade_of([r for r in rows if getattr(r, dimension) == value])
                assert_figure(shown[value], expected, f"{dimension}={value!r}, {label}")


def test_drivers_honour_the_period_and_every_filter(demo_org):
    """The driver analysis counts exactly the complete responses of the selection asked for,
    computed here straight from the answers (issue #17: it used to ignore every filter)."""
    from collections import defaultdict

    from gehoord.framework import query as framework_query
    from gehoord.insights import driver_analysis
    from gehoord.insights.metrics import Filters
    from gehoord.surveys.models import Answer, Response

    grade_ids = set(framework_query.questions_measuring(demo_org, "overall_grade"))
    driver_of = framework_query.agreement_driver_questions(demo_org)
    drivers = set(driver_of.values())
    first = Response.objects.filter(organisation=demo_org).order_by("pk").first()
    last_quarter = periods.add_months(periods.today(), -3)
    quarter = periods.quarter(last_quarter.year, (last_quarter.month - 1) // 3 + 1)
    selections_ = [
        (periods.rolling_window(), Filters()),
        (quarter, Filters()),
        (periods.rolling_window(), Filters(questionnaire_id=first.questionnaire_id)),
        (periods.rolling_window(), Filters(service_id=first.service_id)),
        (periods.rolling_window(), Filters(provider_id=first.provider_id)),
        (periods.rolling_window(), Filters(team_id=first.team_id)),
        (periods.rolling_window(), Filters(channel="phone")),
    ]
    counts = set()
    for period, filters in selections_:
        start, end = periods.day_bounds(period.start, period.end)
        answers = filters.apply(
            Response.objects.filter(
                organisation=demo_org, submitted_at__gte=start, submitted_at__lt=end
            )
        ).values_list("pk", flat=True)
        seen = defaultdict(set)
        for response, question in Answer.objects.filter(
            response__in=list(answers),
            question_id__in=grade_ids | set(driver_of),
            value_number__isnull=False,
        ).values_list("response_id", "question_id"):
            seen[response].add("grade" if question in grade_ids else driver_of[question])
        present = set().union(*seen.values()) if seen else set()
        assert present <= drivers | {"grade"}
        complete = sum(1 for columns in seen.values() if columns >= present)
        analysis = driver_analysis.presented(demo_org, period=period, filters=filters)["analysis"]
        label = f"{period.key} {filters}"
        assert analysis.period_start == period.start and analysis.period_end == period.end, label
        if not analysis.problem:
            assert analysis.n == complete, label
        counts.add(complete)
    assert len(counts) > 2  # the filters really narrow the rows
