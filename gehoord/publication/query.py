"""Reads for the public site, the provider portal and the contract report.

Every figure comes from `insights` as a `Figure`, so suppression is decided there; these
reads only choose which figures to show and in what order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gehoord.catalog import query as catalog_query
from gehoord.catalog.models import Provider, Service
from gehoord.framework import query as framework_query
from gehoord.insights import query as insights
from gehoord.insights.query import Figure, Period, QuestionFigure
from gehoord.tenancy.models import Organisation

from .models import AccessibilityStatement, DigestSubscription, PublicationSettings

SORT_KEYS = ("naam", "cijfer")

# The youth-care guard: a fixed setting, shown on the publication screens. Every path that
# leaves the organisation's own staff (public page, embed, contract report, provider
# portal) reads provider results through `service_results`, which leaves these out.
YOUTH_GUARD_SETTING = _("Youth care (Jeugdwet): results per provider only for internal use")
YOUTH_GUARD_EXPLANATION = _(
    "The Jeugdwet (art. 2.10) does not allow the results of the client survey to be used to "
    "compare providers for purchasing. So answers to a questionnaire with the youth-care "
    "standard questions never appear per provider on the public page, in the embedded "
    "results, in the contract report or in the provider portal. They are shown per provider "
    "only on the internal results screens, for the quality dialogue with the provider."
)


def guarded_questionnaires(organisation: Organisation) -> frozenset[int]:
    """Questionnaires whose provider-level results may not leave the organisation."""
    return frozenset(framework_query.youth_care_questionnaire_ids(organisation))


def settings_of(organisation: Organisation) -> PublicationSettings:
    found = PublicationSettings.objects.for_organisation(organisation).first()
    return found or PublicationSettings(organisation=organisation)


def published_services(organisation: Organisation) -> list[Service]:
    """The services shown on the public site; none while publication is switched off."""
    current = settings_of(organisation)
    if not current.enabled or current.pk is None:
        return []
    return list(current.services.filter(archived_at__isnull=True).order_by("name"))


def published_service(organisation: Organisation, code: str) -> Service | None:
    for service in published_services(organisation):
        if service_key(service) == code:
            return service
    return None


def service_key(service: Service) -> str:
    """What names a service in a public address: its code, or its id when it has none."""
    return service.code or str(service.pk)


@dataclass
class ProviderRow:
    provider_id: int
    name: str
    grade: Figure
    items: list[Figure | None]
    strengths: list[QuestionFigure] = field(default_factory=list)
    weaknesses: list[QuestionFigure] = field(default_factory=list)
    # Whether the provider may see its area grade and its test against the rest of the
    # area: not when the rest is one provider or too few responses (insights.disclosure).
    rest_shown: bool = False


@dataclass
class ServiceResults:
    period: Period
    grade_question: QuestionFigure | None
    area_grade: Figure | None
    area_grade_unweighted: Figure | None
    items: list[QuestionFigure]  # the area's figure of each selected item, in order
    providers: list[ProviderRow]


def _no_figure(kind: str) -> Figure:
    return Figure(kind, 0, None, None, None, suppressed=True)


def service_results(
    organisation: Organisation,
    service: Service,
    *,
    item_ids: list[int] | None = None,
    sort: str = "naam",
    period: Period | None = None,
    guarded: frozenset[int] | None = None,
) -> ServiceResults:
    """Each provider's grade and selected items beside the area, in the asked order.

    Providers with no grade shown (too few responses) sort last when sorting by grade, so
    the order itself reveals nothing about them. `guarded`: the organisation's
    `guarded_questionnaires`, when the caller already has them.
    """
    period = period or insights.rolling_window()
    if guarded is None:
        guarded = guarded_questionnaires(organisation)
    names = dict(catalog_query.active_providers(organisation).values_list("pk", "name"))
    comparison = insights.provider_comparison(organisation, service.pk, period, names, guarded)
    grade_question = next(
        (q for q in comparison.questions if q.indicator == insights.GRADE_INDICATOR), None
    )
    wanted = item_ids or []
    by_id = {q.question_id: q for q in comparison.questions}
    items = [by_id[i] for i in wanted if i in by_id]
    rows = []
    for provider in comparison.providers:
        if provider.provider_id not in names:
            continue
        own_grade = provider.figures.get(grade_question.question_id) if grade_question else None
        rows.append(
            ProviderRow(
                provider.provider_id,
                provider.name,
                own_grade.main if own_grade else _no_figure(insights.MEAN),
                [
                    provider.figures[i.question_id].main
                    if i.question_id in provider.figures
                    else None
                    for i in items
                ],
                provider.strengths,
                provider.weaknesses,
                own_grade.rest_may_be_shown if own_grade else False,
            )
        )
    if sort == "cijfer":
        rows.sort(key=lambda r: (not r.grade.shown, -(r.grade.value or 0), r.name))
    else:
        rows.sort(key=lambda r: r.name.lower())
    return ServiceResults(
        period,
        grade_question,
        grade_question.main if grade_question else None,
        comparison.unweighted.get(grade_question.question_id) if grade_question else None,
        items,
        rows,
    )


def public_results(
    organisation: Organisation, service: Service, sort: str = "naam"
) -> ServiceResults:
    current = settings_of(organisation)
    item_ids = list(current.selected_questions.order_by("code").values_list("pk", flat=True))
    return service_results(organisation, service, item_ids=item_ids, sort=sort)


def contract_report(organisation: Organisation, service: Service) -> ServiceResults:
    return service_results(organisation, service, sort="cijfer")


# The provider portal --------------------------------------------------------------------


@dataclass
class PortalService:
    service: Service
    row: ProviderRow | None
    area_grade: Figure | None
    trend: list[insights.PortalMonth]


def _portal_row(row: ProviderRow | None) -> ProviderRow | None:
    """The provider's own row for its portal. The provider knows its own figures, so a
    test against the rest of the area would tell it about the rest: strengths and
    weaknesses only on questions where the rest may be shown."""
    if row is None:
        return None
    row.strengths = [f for f in row.strengths if f.rest_may_be_shown]
    row.weaknesses = [f for f in row.weaknesses if f.rest_may_be_shown]
    return row


def portal(organisation: Organisation, provider: Provider) -> list[PortalService]:
    """Per service the provider delivers: its grade against the area, the monthly trend
    of both, and its strengths and weaknesses; the area only where it does not show the
    provider a single competitor or too few responses (`insights.portal_trend`)."""
    grade = insights.GRADE_INDICATOR
    guarded = guarded_questionnaires(organisation)  # once, not per service
    result = []
    for service in provider.services.filter(archived_at__isnull=True).order_by("name"):
        results = service_results(organisation, service, guarded=guarded)
        row = _portal_row(
            next((r for r in results.providers if r.provider_id == provider.pk), None)
        )
        area_grade = results.area_grade if row and row.rest_shown else None
        if results.area_grade is not None and area_grade is None:
            area_grade = insights.hidden_figure(results.area_grade)
        trend = insights.portal_trend(
            organisation,
            service.pk,
            provider.pk,
            grade,
            exclude_questionnaire_ids=guarded,
        )
        result.append(PortalService(service, row, area_grade, trend))
    return result


def subscriptions(organisation: Organisation) -> QuerySet[DigestSubscription]:
    return DigestSubscription.objects.for_organisation(organisation).select_related("user", "team")


def subscription_of(organisation: Organisation, user) -> DigestSubscription | None:
    return subscriptions(organisation).filter(user=user).first()


def accessibility_statement(organisation: Organisation) -> AccessibilityStatement | None:
    """The organisation's saved accessibility statement, if it made one."""
    return AccessibilityStatement.objects.for_organisation(organisation).first()


def organisations_with_accessibility_statement() -> list[Organisation]:
    """Organisations that published a statement, for the platform's own statement page."""
    return [
        statement.organisation
        for statement in AccessibilityStatement.objects.select_related("organisation").order_by(
            "organisation__name"
        )
    ]
