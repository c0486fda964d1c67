"""REST endpoints for improvement actions: what is being done, by status and due date.

Descriptions are masked like every free text leaving the screens; owners are not named."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from gehoord.catalog import query as catalog_query
from gehoord.feedback import query as feedback_query
from gehoord.pagination import paginate_api

from . import query
from .models import Status

router = Router(tags=["actions"])
MAX_PAGE = 500


class ActionOut(Schema):
    id: int
    title: str
    description: str = Field(description="personal data masked")
    status: str
    due_on: date | None
    done_on: date | None
    blocked: bool
    team: str | None
    provider: str | None
    indicator: str | None = Field(description="code of the indicator it should move")
    created_on: date


class ActionQuery(Schema):
    status: Status | None = None
    offset: int = Field(0, ge=0)
    limit: int = Field(100, ge=1, le=MAX_PAGE)


def _out(action, names) -> dict:
    organisation = action.organisation
    return {
        "id": action.pk,
        "title": feedback_query.mask_personal_data(action.title, organisation, names=names),
        "description": feedback_query.mask_personal_data(
            action.description, organisation, names=names
        ),
        "status": action.status,
        "due_on": action.due_on,
        "done_on": action.done_on,
        "blocked": action.blocked,
        "team": action.team.name if action.team else None,
        "provider": action.provider.name if action.provider else None,
        "indicator": action.indicator.code if action.indicator else None,
        "created_on": action.created_at.date(),
    }


def _actions(request: HttpRequest):
    """The organisation's actions; a key limited to teams sees only those teams' actions."""
    organisation = request.organisation  # type: ignore[attr-defined]
    team_ids = catalog_query.team_ids_of_key(request.auth)  # type: ignore[attr-defined]
    actions = catalog_query.limit_to_key(query.actions(organisation), team_ids)
    return actions.select_related("provider", "organisation")


@router.get("/actions", response=list[ActionOut])
def list_actions(request: HttpRequest, response: HttpResponse, filters: Query[ActionQuery]):
    """Improvement actions, newest first; pages linked in the `Link` header."""
    rows = _actions(request).order_by("-created_at", "-pk")
    if filters.status:
        rows = rows.filter(status=filters.status)
    names = feedback_query.masking_names(request.organisation)  # type: ignore[attr-defined]
    page = paginate_api(request, response, rows, filters.offset, filters.limit)
    return [_out(action, names) for action in page]


@router.get("/actions/{action_id}", response=ActionOut)
def get_action(request: HttpRequest, action_id: int):
    action = _actions(request).filter(pk=action_id).first()
    if action is None:
        raise HttpError(404, f"unknown action: {action_id}")
    return _out(action, feedback_query.masking_names(request.organisation))  # type: ignore[attr-defined]
