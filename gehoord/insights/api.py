"""REST endpoints for figures (the same numbers, n and suppression as the screens), and for
individual responses (pseudonymous, protected like the responses export)."""

from dataclasses import replace
from itertools import islice
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from gehoord.catalog import query as catalog_query
from gehoord.framework import query as framework_query
from gehoord.pagination import link_header
from gehoord.text import PlainText

from . import benchmarks, metrics, periods
from .exports.responses import responses_table
from .exports.tables import ExportRefused

router = Router(tags=["figures"])


class FigureOut(Schema):
    n: int | None = Field(description="null when suppressed: a hidden figure has no n")
    value: float | None = Field(
        description="null when suppressed; rounded as on screen (1 decimal, percentages whole)"
    )
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    suppression: str | None = Field(
        None,
        description="why it is hidden: too_few (n below the minimum) or complementary "
        "(shown, it would let a hidden figure be worked out from the total)",
    )
    verdict: str | None = Field(
        None,
        description="against the period before: clearly_higher, "
        "clearly_lower, no_clear_difference or not_testable",
    )


class QuestionOut(Schema):
    question: str = Field(description="bank question code")
    text: str
    type: str
    mean: FigureOut
    share: FigureOut = Field(description="% agree / yes / grade 6 or more, of valid answers")
    not_applicable: int | None = Field(description="null when the figure is suppressed")


class FiguresOut(Schema):
    period: str
    start: str
    end: str
    minimum_n: int
    questions: list[QuestionOut]


class FigureQuery(Schema):
    period: PlainText = Field("venster", description="venster, YYYY-MM or YYYY-Kq")
    service: PlainText = Field("", description="service code", max_length=50)
    provider: int | None = None
    team: int | None = None
    channel: PlainText = Field("", max_length=20)


def _filters(request, params: FigureQuery) -> metrics.Filters:
    organisation = request.organisation
    service_id = None
    if params.service:
        service = catalog_query.active_services(organisation).filter(code=params.service).first()
        if service is None:
            raise HttpError(422, f"unknown service code: {params.service}")
        service_id = service.pk
    team_ids = catalog_query.team_ids_of_key(request.auth)
    team = params.team
    if team_ids is not None and team is None:
        # A key limited to teams reads one of its teams, never the whole organisation.
        if len(team_ids) > 1:
            raise HttpError(422, "this API key is limited to teams: give the team")
        [team] = team_ids
    teams = catalog_query.limit_to_key(catalog_query.active_teams(organisation), team_ids)
    for name, queryset, value in (
        ("provider", catalog_query.active_providers(organisation), params.provider),
        ("team", teams, team),
    ):
        if value is not None and not queryset.filter(pk=value).exists():
            raise HttpError(422, f"unknown {name}: {value}")
    return metrics.Filters(
        service_id=service_id,
        provider_id=params.provider,
        team_id=team,
        channel=params.channel,
    )


@router.get("/figures", response=FiguresOut)
def figures(request, params: Query[FigureQuery]):
    """Every question's figures for a period and filters (read from the rollups). A key
    limited to teams reads one of its teams (`team`; needed when it has more than one)."""
    organisation = request.organisation
    period = periods.parse(params.period)
    result = metrics.question_figures(
        organisation, period, _filters(request, params), against=metrics.previous_period(period)
    )
    return {
        "period": period.key,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "minimum_n": organisation.minimum_n,
        "questions": [
            {
                "question": f.code,
                "text": f.text,
                "type": f.type,
                "mean": f.mean.as_dict(),
                "share": f.share.as_dict(),
                "not_applicable": f.not_applicable,
            }
            for f in result
        ],
    }


class ProviderOut(Schema):
    provider: int
    name: str
    questions: dict[str, FigureOut] = Field(
        description="by question code; verdict is against the rest of the area, which "
        "includes hidden providers; a provider is also hidden when, shown, it would let "
        "a hidden provider be worked out from the area"
    )


class ProvidersOut(Schema):
    service: str
    period: str
    area: dict[str, FigureOut]
    providers: list[ProviderOut]


@router.get("/figures/providers", response=ProvidersOut)
def providers(request, service: PlainText, period: PlainText = "venster"):
    """Each provider of a service beside the area (all providers together). Not for a key
    limited to teams: the comparison covers the whole organisation."""
    organisation = request.organisation
    if catalog_query.team_ids_of_key(request.auth) is not None:
        raise HttpError(403, "this API key is limited to teams; the comparison covers all")
    service_obj = catalog_query.active_services(organisation).filter(code=service).first()
    if service_obj is None:
        raise HttpError(422, f"unknown service code: {service}")
    names = dict(catalog_query.active_providers(organisation).values_list("pk", "name"))
    chosen = periods.parse(period)
    comparison = benchmarks.provider_comparison(organisation, service_obj.pk, chosen, names)
    return {
        "service": service,
        "period": chosen.key,
        "area": {f.code: f.main.as_dict() for f in comparison.questions},
        "providers": [
            {
                "provider": p.provider_id,
                "name": p.name,
                "questions": {f.code: f.main.as_dict() for f in p.figures.values()},
            }
            for p in comparison.providers
        ],
    }


# Individual responses: pseudonymous and protected like the export (exports/responses.py).
# A selection below the organisation's minimum n gives no rows at all; the rows are
# k-anonymous over their attributes (generalised or left out over the whole selection before
# a page is cut); open answers are masked. A response never carries identity (DESIGN §4).
# Its own router: the key needs the "responses" scope, not "figures".
responses_router = Router(tags=["responses"])
MAX_RESPONSES_PAGE = 500


class ResponseQuery(FigureQuery):
    questionnaire: int = Field(..., description="questionnaire id (see /questionnaires)")
    offset: int = Field(0, ge=0)
    limit: int = Field(100, ge=1, le=MAX_RESPONSES_PAGE)


class ColumnOut(Schema):
    name: str
    label: str


class ResponsesOut(Schema):
    questionnaire: int
    period: str
    minimum_n: int
    suppressed: bool = Field(description="true when the selection is below the minimum n")
    reason: str | None = Field(None, description="why no rows are given (Dutch)")
    columns: list[ColumnOut]
    rows: list[dict[str, Any]] = Field(
        description="one per response, by column name; attributes may be generalised "
        "(months for days, 'overig' for small districts) or empty, open answers masked"
    )
    protection: dict[str, Any] = Field(
        description="what was done: k, rows suppressed or left out, generalised columns"
    )


@responses_router.get("/responses", response=ResponsesOut)
def list_responses(request: HttpRequest, response: HttpResponse, params: Query[ResponseQuery]):
    """Pseudonymous responses of one questionnaire in a period, with the export's protection.
    Not for a key limited to teams: like the export, the selection is the whole organisation's."""
    organisation = request.organisation  # type: ignore[attr-defined]
    if catalog_query.team_ids_of_key(request.auth) is not None:  # type: ignore[attr-defined]
        raise HttpError(403, "this API key is limited to teams; responses cover all teams")
    if not framework_query.questionnaires(organisation).filter(pk=params.questionnaire).exists():
        raise HttpError(404, f"unknown questionnaire: {params.questionnaire}")
    try:
        period = periods.parse(params.period)
    except ValueError:
        raise HttpError(422, f"unknown period: {params.period}") from None
    filters = replace(_filters(request, params), questionnaire_id=params.questionnaire)
    body: dict[str, Any] = {
        "questionnaire": params.questionnaire,
        "period": period.key,
        "minimum_n": organisation.minimum_n,
        "suppressed": False,
        "columns": [],
        "rows": [],
        "protection": {},
    }
    try:
        table = responses_table(organisation, period, filters, lambda done, total: None)
    except ExportRefused as refusal:
        response["Link"] = link_header(
            request.build_absolute_uri(request.path), request.GET, 0, params.limit, False
        )
        return {**body, "suppressed": True, "reason": str(refusal)}
    names = [column.name for column in table.columns]
    rows = iter(table.rows)
    page = list(islice(rows, params.offset, params.offset + params.limit + 1))
    has_next = len(page) > params.limit
    response["Link"] = link_header(
        request.build_absolute_uri(request.path),
        request.GET,
        params.offset,
        params.limit,
        has_next,
    )
    for _rest in rows:  # the protection report is complete once every row was read
        pass
    return {
        **body,
        "columns": [{"name": c.name, "label": str(c.label)} for c in table.columns],
        "rows": [dict(zip(names, row, strict=True)) for row in page[: params.limit]],
        "protection": table.report or {},
    }
