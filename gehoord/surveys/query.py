"""Reads of survey links and responses for other apps."""

from django.db.models import Count, QuerySet

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
