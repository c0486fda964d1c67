"""REST endpoints for signals: systems (e.g. a complaints register) post and read them.

Texts read through the API are masked (DESIGN §4: free text leaving the case screen)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from gehoord.catalog import query as catalog_query
from gehoord.pagination import paginate_api
from gehoord.text import PlainText

from . import query, service, tasks
from .models import TEXT_MAX_LENGTH, Outcome, SignalChannel, SignalKind, SignalSource
from .query import mask_personal_data, masking_names

router = Router(tags=["signals"])
MAX_PAGE = 500


class SignalIn(Schema):
    kind: SignalKind
    received_on: date
    text: PlainText = Field(..., min_length=1, max_length=TEXT_MAX_LENGTH)
    service: PlainText = Field("", description="service code", max_length=50)
    team: PlainText = Field("", description="team name", max_length=150)
    provider: PlainText = Field("", description="provider name", max_length=150)
    channel: SignalChannel = SignalChannel.EMAIL
    reference: PlainText = Field("", max_length=100, description="case number; never a BSN")
    outcome: Outcome | None = None
    decided_on: date | None = None
    advisory_committee: bool = False
    receipt_email: PlainText = Field(
        "",
        max_length=254,
        description="when given, the sender gets a receipt e-mail with the receipt number",
    )


class SignalOut(Schema):
    id: int
    receipt_number: str = Field(description="e.g. GH-2026-000123; empty for staff entries")
    kind: str
    received_on: date
    due_on: date | None
    service: str | None
    outcome: str
    decided_on: date | None
    text: str


class ErrorOut(Schema):
    detail: str


class SignalFilter(Schema):
    since: date | None = None
    kind: SignalKind | None = None
    offset: int = Field(0, ge=0)
    limit: int = Field(100, ge=1, le=MAX_PAGE)


def _lookup(queryset, field: str, value: str, what: str):
    if not value:
        return None
    found = queryset.filter(**{field: value}).first()
    if found is None:
        raise HttpError(422, f"unknown {what}: {value}")
    return found


def _team(request, name: str):
    """The signal's team; a key limited to teams (catalog.ApiKeyTeam) must name one of them."""
    team_ids = catalog_query.team_ids_of_key(request.auth)
    teams = catalog_query.limit_to_key(catalog_query.active_teams(request.organisation), team_ids)
    if team_ids is not None and not name:
        raise HttpError(422, "this API key is limited to teams: give the team")
    return _lookup(teams, "name", name, "team")


@router.post("/signals", response={201: SignalOut, 422: ErrorOut})
def post_signal(request, payload: SignalIn):
    organisation = request.organisation
    if payload.decided_on and payload.decided_on < payload.received_on:
        raise HttpError(422, "decided_on is before received_on")
    if payload.text.strip() == "":
        raise HttpError(422, "text is empty")
    if payload.receipt_email:
        try:
            validate_email(payload.receipt_email)
        except ValidationError:
            raise HttpError(422, "receipt_email is not an e-mail address") from None
    signal = service.record_signal(
        organisation,
        kind=payload.kind,
        text=payload.text,
        received_on=payload.received_on,
        source=SignalSource.API,
        channel=payload.channel,
        reference=payload.reference,
        service=_lookup(
            catalog_query.active_services(organisation), "code", payload.service, "service code"
        ),
        team=_team(request, payload.team),
        provider=_lookup(
            catalog_query.active_providers(organisation), "name", payload.provider, "provider"
        ),
        outcome=payload.outcome or "",
        decided_on=payload.decided_on,
        advisory_committee=payload.advisory_committee,
    )
    if payload.receipt_email:
        address = payload.receipt_email
        transaction.on_commit(lambda: tasks.send_receipt(signal.pk, address, "nl"))
    return Status(201, _out(signal, signal.text))


def _out(signal, text: str) -> dict:
    return {
        "id": signal.pk,
        "receipt_number": signal.receipt_number,
        "kind": signal.kind,
        "received_on": signal.received_on,
        "due_on": signal.due_on,
        "service": signal.service.code if signal.service else None,
        "outcome": signal.outcome,
        "decided_on": signal.decided_on,
        "text": text,
    }


@router.get("/signals", response=list[SignalOut])
def list_signals(request, response: HttpResponse, filters: Query[SignalFilter]):
    """Signals, newest first; texts with personal data masked; pages linked in the `Link`
    header. A key limited to teams sees only those teams' signals."""
    organisation = request.organisation
    team_ids = catalog_query.team_ids_of_key(request.auth)
    queryset = catalog_query.limit_to_key(query.signals(organisation), team_ids)
    queryset = queryset.order_by("-received_on", "-pk")
    if filters.since:
        queryset = queryset.filter(received_on__gte=filters.since)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    names = masking_names(organisation)
    return [
        _out(s, mask_personal_data(s.text, organisation, names=names))
        for s in paginate_api(request, response, queryset, filters.offset, filters.limit)
    ]
