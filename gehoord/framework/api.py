"""REST endpoints for questionnaires: the list, and one questionnaire's published version as
a document of the exchange schema (schemas/questionnaire-v1.schema.json)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from gehoord.pagination import paginate_api

from . import query, service
from .models import QuestionnaireVersion, VersionStatus

router = Router(tags=["questionnaires"])
MAX_PAGE = 500


class QuestionnaireOut(Schema):
    id: int
    name: str
    description: str
    services: list[str] = Field(description="service codes")
    published_versions: int


class PageQuery(Schema):
    offset: int = Field(0, ge=0)
    limit: int = Field(100, ge=1, le=MAX_PAGE)


@router.get("/questionnaires", response=list[QuestionnaireOut])
def list_questionnaires(request: HttpRequest, response: HttpResponse, page: Query[PageQuery]):
    """The organisation's questionnaires by name; pages linked in the `Link` header."""
    rows = query.questionnaires(request.organisation)  # type: ignore[attr-defined]
    return [
        {
            "id": q.pk,
            "name": q.name,
            "description": q.description,
            "services": sorted(s.code for s in q.services.all()),
            "published_versions": q.published_count,
        }
        for q in paginate_api(request, response, rows, page.offset, page.limit)
    ]


@router.get("/questionnaires/{questionnaire_id}", response=dict[str, Any])
def get_questionnaire(request: HttpRequest, questionnaire_id: int):
    """The latest published version as an exchange document (questions, options,
    conditions, languages); 404 when there is none."""
    version = (
        QuestionnaireVersion.objects.filter(
            questionnaire__organisation=request.organisation,  # type: ignore[attr-defined]
            questionnaire_id=questionnaire_id,
            status=VersionStatus.PUBLISHED,
        )
        .select_related("questionnaire")
        .order_by("-number")
        .first()
    )
    if version is None:
        raise HttpError(404, f"no published questionnaire {questionnaire_id}")
    return service.export_questionnaire(version)
