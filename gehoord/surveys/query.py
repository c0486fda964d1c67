"""Reads of survey links and responses for other apps."""

from django.db.models import Count, QuerySet

from gehoord.tenancy.models import Organisation

from .models import Response, SurveyToken


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
