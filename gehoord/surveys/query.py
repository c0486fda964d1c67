"""Reads of survey links and responses for other apps."""

from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from gehoord.tenancy.models import Organisation

from .models import Answer, Response, SurveyToken


def token_by_value(value: str) -> SurveyToken | None:
    return (SurveyToken.objects.select_related("questionnaire", "version", "organisation")
            .filter(token=value).first())


def token_by_access_code(code: str) -> SurveyToken | None:
    if not code:
        return None
    return SurveyToken.objects.filter(access_code=code).first()


def responses(organisation: Organisation) -> QuerySet[Response]:
    return (Response.objects.for_organisation(organisation)
            .select_related("questionnaire", "version", "service", "provider", "team")
            .annotate(answer_count=Count("answers"))
            .order_by("-submitted_at", "pk"))


def answers_of(response: Response) -> list:
    return list(response.answers.select_related("item").order_by("item__page", "item__position"))


def answers_for_rollup(organisation_id: int, types: tuple[str, ...]) -> QuerySet[Answer]:
    """Numeric (or not-applicable) answers of the given item types, for rollups."""
    return Answer.objects.filter(response__organisation_id=organisation_id,
                                 item__type__in=types).filter(
        Q(value_number__isnull=False) | Q(not_applicable=True))


def days_received_since(organisation: Organisation, since: datetime) -> list[tuple[int, date]]:
    """(questionnaire id, local day submitted) of responses received from `since` on."""
    day = TruncDate("submitted_at", tzinfo=timezone.get_current_timezone())
    return list(Response.objects.filter(organisation=organisation, received_at__gte=since)
                .annotate(day=day).values_list("questionnaire_id", "day").distinct()
                .order_by())


def organisations_with_responses() -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=Response.objects.values("organisation_id").distinct())


def answer_values(organisation: Organisation, question_ids: list[int], start: datetime,
                  end: datetime, **segment) -> QuerySet:
    """(response id, question id, number) of numeric answers submitted in [start, end).

    `segment` narrows by response attributes (service_id=…, provider_id=…); for analyses
    that need respondent-level rows, such as key drivers.
    """
    return (Answer.objects.filter(response__organisation=organisation,
                                  question_id__in=question_ids,
                                  response__submitted_at__gte=start,
                                  response__submitted_at__lt=end,
                                  value_number__isnull=False,
                                  **{f"response__{k}": v for k, v in segment.items()})
            .values_list("response_id", "question_id", "value_number").order_by())


def received_between(start, end) -> QuerySet[Response]:
    """Responses that reached us in (start, end], for pick-ups by later floors."""
    queryset = Response.objects.filter(received_at__lte=end)
    if start is not None:
        queryset = queryset.filter(received_at__gt=start)
    return queryset


def answers_of_responses(response_ids, *, item_types=(), question_codes=()) -> QuerySet[Answer]:
    """Answers of the given responses to items of these types or bank questions."""
    from django.db.models import Q

    wanted = Q(pk__in=[])
    if item_types:
        wanted |= Q(item__type__in=item_types)
    if question_codes:
        wanted |= Q(question__code__in=question_codes)
    return Answer.objects.filter(wanted, response_id__in=response_ids)


def open_answers(organisation: Organisation) -> QuerySet[Answer]:
    """Non-empty answers to open questions, newest first (for coding and text analysis)."""
    from gehoord.framework.question_types import QuestionType

    return (Answer.objects.filter(response__organisation=organisation,
                                  item__type=QuestionType.OPEN_TEXT, not_applicable=False)
            .exclude(value_text="").select_related("question", "response")
            .order_by("-response__submitted_at", "pk"))
