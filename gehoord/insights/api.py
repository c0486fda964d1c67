"""REST endpoints for figures: the same numbers, n and suppression as the screens."""

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from gehoord.catalog import query as catalog_query
from gehoord.text import PlainText

from . import benchmarks, metrics, periods

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
