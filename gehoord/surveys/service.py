"""Use cases of the surveys app: survey links, answering page by page, submitting.

Submitting is idempotent: the token row is locked, and a completed token never yields a
second response, whether by a double click, a replayed POST or two tabs.
"""

import secrets
import uuid
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.framework import query as framework_query
from gehoord.framework import service as framework_service
from gehoord.framework.models import Questionnaire, QuestionnaireVersion, VersionItem
from gehoord.tenancy import events
from gehoord.tenancy.models import Organisation

from . import call_back, open_link_limits, review
from .answers import answer_row, is_answered
from .conditions import visible_items
from .models import (
    Answer,
    Channel,
    EntryKey,
    PanelRequest,
    Response,
    Review,
    ReviewReason,
    SurveyToken,
    TokenStatus,
)
from .retention import blank_open_answers as blank_open_answers
from .review import NotInReview as NotInReview


class SurveyUnavailable(Exception):
    """The questionnaire behind a link cannot be answered (nothing published)."""


class AlreadyRecorded(Exception):
    """The answers of this interviewer form were stored already (its key is claimed)."""


def issue_token(
    questionnaire: Questionnaire,
    *,
    segment: dict[str, Any] | None = None,
    expires_at: datetime | None = None,
    language: str = "nl",
    from_open_link: bool = False,
    version: QuestionnaireVersion | None = None,
) -> SurveyToken:
    """A personal link to answer `questionnaire` once (used by outreach for invitations).

    Without `version`, the first visit fixes the latest published one (see begin)."""
    return SurveyToken.objects.create(
        organisation_id=questionnaire.organisation_id,
        questionnaire=questionnaire,
        version=version,
        expires_at=expires_at,
        language=language,
        from_open_link=from_open_link,
        **(segment or {}),
    )


ACCESS_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I/L to mix up
ACCESS_CODE_LENGTH = 10


def normalise_access_code(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def give_access_code(token: SurveyToken) -> str:
    """A short code for a letter; unique, random, easy to type."""
    if token.access_code:
        return token.access_code
    while True:
        code = "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))
        if not SurveyToken.objects.filter(access_code=code).exists():
            break
    token.access_code = code
    token.save(update_fields=["access_code"])
    return code


def start_open_link(
    questionnaire: Questionnaire,
    language: str = "nl",
    version: QuestionnaireVersion | None = None,
) -> SurveyToken:
    """A fresh anonymous link for someone who arrived by the questionnaire's open link;
    `version` is the published version the start page showed (saves the first page a
    lookup)."""
    services = list(questionnaire.services.all()[:2])
    segment = {"service": services[0]} if len(services) == 1 else {}
    return issue_token(
        questionnaire, segment=segment, language=language, from_open_link=True, version=version
    )


def is_expired(token: SurveyToken) -> bool:
    return token.expires_at is not None and token.expires_at <= timezone.now()


def begin(token: SurveyToken) -> QuestionnaireVersion:
    """Fix the version a token answers (the latest published one at the first visit) and
    set it on `token`.

    Without a lock: the update only fixes a version when none is fixed yet, so of two
    first visits at once the second finds the first's version and answers that one."""
    if token.version_id is not None:
        return token.version
    version = framework_service.latest_published(token.questionnaire)
    if version is None:
        raise SurveyUnavailable
    fixed = SurveyToken.objects.filter(pk=token.pk, version__isnull=True).update(version=version)
    if fixed:
        token.version = version
    else:
        token.refresh_from_db(fields=["version"])
    return token.version


def set_language(token: SurveyToken, language: str) -> None:
    if token.status == TokenStatus.COMPLETED:
        return  # a completed token keeps no language (see forget)
    if language in ("nl", "en") and token.language != language:
        token.language = language
        token.save(update_fields=["language"])


def items_of(token: SurveyToken) -> list[VersionItem]:
    return framework_query.items_of(token.version)


def next_page(items: list[VersionItem], answers: dict, after: int, step: int) -> int | None:
    """The next page (step +1) or previous page (step -1) that has a visible question."""
    pages = sorted({i.page for i in visible_items(items, answers)})
    candidates = [p for p in pages if (p > after if step > 0 else p < after)]
    if not candidates:
        return None
    return candidates[0] if step > 0 else candidates[-1]


@transaction.atomic
def save_page(token: SurveyToken, page: int, values: dict[str, Any]) -> SurveyToken:
    """Keep the answers of one page in the token's draft (for save & resume)."""
    token = SurveyToken.objects.select_for_update().get(pk=token.pk)
    if token.status == TokenStatus.COMPLETED:
        return token
    draft = dict(token.draft)
    draft.update(values)
    token.draft = draft
    token.page = page
    token.status = TokenStatus.IN_PROGRESS
    token.save(update_fields=["draft", "page", "status"])
    return token


def missing_required(items: list[VersionItem], answers: dict) -> list[VersionItem]:
    return [
        i
        for i in visible_items(items, answers)
        if i.required and not is_answered(answers.get(str(i.pk)))
    ]


def _store_response(
    organisation_id: int,
    version: QuestionnaireVersion,
    items: list[VersionItem],
    answers: dict,
    *,
    channel: str,
    language: str,
    segment: dict[str, Any],
    review: dict[str, Any] | None = None,
) -> Response:
    response = Response.objects.create(
        organisation_id=organisation_id,
        questionnaire_id=version.questionnaire_id,
        version=version,
        channel=channel,
        language=language,
        submitted_at=timezone.now(),
        **segment,
        **(review or {}),
    )
    # Only answers to questions the resident actually saw count.
    Answer.objects.bulk_create(
        answer_row(response, item, answers[str(item.pk)])
        for item in visible_items(items, answers)
        if is_answered(answers.get(str(item.pk)))
    )
    # Ids only: never the answers (see gehoord/tenancy/events.py).
    events.emit(
        organisation_id,
        "response.received",
        f"response/{response.pk}",
        {
            "response": str(response.pk),
            "questionnaire": version.questionnaire_id,
            "version": version.pk,
            "channel": channel,
            "in_review": bool(review),
        },
    )
    return response


def segment_of(token: SurveyToken) -> dict[str, Any]:
    return {field: getattr(token, field) for field in SurveyToken.SEGMENT_FIELDS}


def _doubt(token: SurveyToken, visitor: str, over_limit: bool) -> dict[str, Any]:
    """Why an open-link response is doubted (review fields), or {} when it is not."""
    earlier = open_link_limits.earlier_with_same_answers(visitor, token.draft)
    # The cache may remember a response whose transaction rolled back: only a stored one.
    if earlier and Response.objects.filter(pk=earlier, questionnaire=token.questionnaire_id):
        return {
            "review": Review.PENDING,
            "review_reason": ReviewReason.SAME_ANSWERS,
            "duplicate_of_id": earlier,
        }
    if over_limit:
        return {"review": Review.PENDING, "review_reason": ReviewReason.OVER_LIMIT}
    return {}


@transaction.atomic
def submit(
    token: SurveyToken,
    *,
    values: dict[str, Any] | None = None,
    visitor: str = "",
    over_limit: bool = False,
) -> Response | None:
    """Turn a finished token into a Response; None when it was already submitted.

    `values` are the answers of the last page, added to the draft under the same lock (one
    write instead of a save and a submit). For an open link, `visitor`
    (open_link_limits.visitor) and `over_limit` say whether to doubt the response: it is
    then stored for review, never refused or dropped. The response carries
    `call_back_reference` (see remember_call_back_offer)."""
    loaded_version = token.version if token.version_id is not None else None
    token = SurveyToken.objects.select_for_update().get(pk=token.pk)
    if token.status == TokenStatus.COMPLETED:
        return None
    if loaded_version is not None and loaded_version.pk == token.version_id:
        token.version = loaded_version  # a fixed version never changes: no second read
    if values:
        token.draft = {**token.draft, **values}
    items = framework_query.items_of(token.version)
    if missing_required(items, token.draft):
        raise ValidationError(_("Not all required questions have been answered."))
    doubted = token.from_open_link and visitor
    answers = dict(token.draft)
    response = _store_response(
        token.organisation_id,
        token.version,
        items,
        answers,
        channel=Channel.WEB,
        language=token.language,
        segment=segment_of(token),
        review=_doubt(token, visitor, over_limit) if doubted else None,
    )
    if doubted:
        open_link_limits.remember_answers(visitor, answers, str(response.pk))
    forget(token)
    response.call_back_reference = call_back.reference_from_answers(response, items, answers)
    return response


# What a completed token is left with: its status (to refuse a second response) and what
# it had at the invitation (link, letter code, expiry). Whatever the response also holds
# would let its invitation, and so its contact, be found back.
FORGOTTEN: dict[str, Any] = {
    **{name: None if name.endswith("_id") else "" for name in SurveyToken.SEGMENT_FIELDS},
    "version_id": None,
    "language": "",
    "page": 1,
    "draft": {},  # answers now live only in the response, never beside the token
}


def forget(token: SurveyToken) -> None:
    """Mark `token` completed and blank all it shares with its response (DESIGN.md §4)."""
    token.status = TokenStatus.COMPLETED
    for field, value in FORGOTTEN.items():
        setattr(token, field, value)
    token.save(update_fields=["status", *FORGOTTEN])


@transaction.atomic
def record_interview(
    organisation: Organisation,
    version: QuestionnaireVersion,
    answers: dict[str, Any],
    *,
    channel: str,
    language: str = "nl",
    segment: dict[str, Any] | None = None,
    entry_key: uuid.UUID | None = None,
) -> Response:
    """Store answers an interviewer entered from a phone call, paper form or desk visit.

    `entry_key` is the form's own key: the first transaction to claim it stores the
    answers, any other raises AlreadyRecorded. On PostgreSQL a second insert of the key
    waits for the first transaction and fails once it commits (or goes ahead if it rolled
    back); SQLite runs write transactions one after the other (IMMEDIATE).
    """
    if version.questionnaire.organisation_id != organisation.pk or not version.is_published:
        raise ValidationError(_("This questionnaire cannot be used here."))
    if channel not in (Channel.PHONE, Channel.PAPER, Channel.DESK):
        raise ValidationError(_("Choose how the answers were given."))
    items = framework_query.items_of(version)
    if missing_required(items, answers):
        raise ValidationError(_("Not all required questions have been answered."))
    if entry_key is not None:
        try:
            with transaction.atomic():
                EntryKey.objects.create(organisation=organisation, key=entry_key)
        except IntegrityError:
            raise AlreadyRecorded from None
    return _store_response(
        organisation.pk,
        version,
        items,
        answers,
        channel=channel,
        language=language,
        segment=segment or {},
    )


def import_responses(
    version: QuestionnaireVersion, records: list[dict[str, Any]], batch_size: int = 2000
) -> int:
    """Store many finished responses at once (history from an earlier tool, demo data).

    Each record: {"answers": {item_id: draft value}, "submitted_at": datetime, and
    optionally "id", "channel", "language" and segment fields}. Answers follow the same
    typing and condition rules as a resident's. Runs in one transaction: all or nothing.
    """
    items = framework_query.items_of(version)
    organisation_id = version.questionnaire.organisation_id
    with transaction.atomic():
        for start in range(0, len(records), batch_size):
            batch = records[start : start + batch_size]
            responses = []
            for record in batch:
                extra = {k: v for k, v in record.items() if k not in ("answers", "id")}
                extra.setdefault("channel", Channel.WEB)
                response = Response(
                    organisation_id=organisation_id,
                    version=version,
                    questionnaire_id=version.questionnaire_id,
                    **extra,
                )
                if record.get("id"):
                    response.id = record["id"]
                responses.append(response)
            Response.objects.bulk_create(responses)
            Answer.objects.bulk_create(
                (
                    answer_row(response, item, record["answers"][str(item.pk)])
                    for response, record in zip(responses, batch, strict=True)
                    for item in visible_items(items, record["answers"])
                    if is_answered(record["answers"].get(str(item.pk)))
                ),
                batch_size=5000,
            )
    return len(records)


def forget_call_back_offer(page: HttpResponse) -> None:
    """The resident gave contact details (or the link was used): `page` tells the browser
    to forget the offer, so the thank-you page stops asking for them."""
    call_back.forget_offer(page)


def remember_call_back_offer(page: HttpResponse, response: Response) -> None:
    """After a submit: `page` keeps the offer to give contact details in this browser when
    the resident asked for contact, and drops an earlier survey's offer otherwise."""
    reference = getattr(response, "call_back_reference", None)
    if reference is None and not hasattr(response, "call_back_reference"):
        reference = call_back.reference_for(response)
    call_back.remember_offer(page, reference)


def call_back_offer(request: HttpRequest) -> str | None:
    return call_back.offer_of(request)


def call_back_reference(response: Response) -> str | None:
    """A signed reference with which the resident who just asked to be contacted can give
    contact details (on the feedback app's page); None when they did not ask."""
    return call_back.reference_for(response)


def may_ask_panel(token: SurveyToken) -> bool:
    """Only a completed personal link has a contact behind it to ask."""
    return token.status == TokenStatus.COMPLETED and not token.from_open_link


def request_panel(token: SurveyToken) -> bool:
    """The resident behind a completed personal link wants to join the panel.

    Only the link is marked, with no time: the response is never touched, and outreach
    records the consent for the invitation's contact later, in its own run (see
    `outreach.panel_requests`)."""
    if not may_ask_panel(token):
        return False
    SurveyToken.objects.filter(pk=token.pk, panel_request=PanelRequest.NONE).update(
        panel_request=PanelRequest.REQUESTED
    )
    return True


def mark_panel_requests_recorded(token_ids: list[int]) -> int:
    return SurveyToken.objects.filter(
        pk__in=token_ids, panel_request=PanelRequest.REQUESTED
    ).update(panel_request=PanelRequest.RECORDED)


def decide_review(response: Response, decision: str, user: Any) -> Response:
    """An analyst calls a doubted open-link response genuine or a duplicate (review.py)."""
    return review.decide(response, decision, user)
