"""Open answers as they leave the case screen: masked texts, and the theme codes on them.

Read through `feedback.query`, which re-exports these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from gehoord.contacts.query import mask_personal_data, masking_names
from gehoord.tenancy.models import Organisation

from .models import Coding


def masked_open_texts(
    organisation: Organisation,
    *,
    start: date | None = None,
    end: date | None = None,
    question_codes: tuple[str, ...] = (),
    service_id: int | None = None,
    provider_id: int | None = None,
    team_id: int | None = None,
    names: frozenset[str] | None = None,
    newest: int | None = None,
) -> Iterator[dict]:
    """Open answers with personal data masked, oldest first, streamed; with `newest`, only
    that many of the most recent, newest first (only those are masked).

    Pass `names` (from `personal_names`) when calling this several times for one
    organisation, so the contact register is read once.

    Yields {"answer_id", "response_id", "question_code", "submitted_at", "service_id",
    "provider_id", "team_id", "text"}.
    """
    from gehoord.surveys import query as surveys_query

    if names is None:
        names = masking_names(organisation)
    answers = surveys_query.open_answers(organisation).order_by("response__submitted_at", "pk")
    if start:
        answers = answers.filter(response__submitted_at__date__gte=start)
    if end:
        answers = answers.filter(response__submitted_at__date__lte=end)
    if question_codes:
        answers = answers.filter(question__code__in=question_codes)
    if service_id is not None:
        answers = answers.filter(response__service_id=service_id)
    if provider_id is not None:
        answers = answers.filter(response__provider_id=provider_id)
    if team_id is not None:
        answers = answers.filter(response__team_id=team_id)
    if newest is not None:
        answers = answers.order_by("-response__submitted_at", "-pk")[:newest]
    rows = answers.values(
        "pk",
        "response_id",
        "question__code",
        "response__submitted_at",
        "response__service_id",
        "response__provider_id",
        "response__team_id",
        "value_text",
    )
    for row in rows.iterator(chunk_size=2000):
        yield {
            "answer_id": row["pk"],
            "response_id": row["response_id"],
            "question_code": row["question__code"],
            "submitted_at": row["response__submitted_at"],
            "service_id": row["response__service_id"],
            "provider_id": row["response__provider_id"],
            "team_id": row["response__team_id"],
            "text": mask_personal_data(row["value_text"], organisation, names=names),
        }


def personal_names(organisation: Organisation) -> frozenset[str]:
    """The contact register's full names that masking hides. Read them once and pass them as
    `names` when masking the texts of one organisation several times."""
    return masking_names(organisation)


def masked_text(
    text: str, organisation: Organisation, *, names: frozenset[str] | None = None
) -> str:
    """One free text with personal data masked, as `masked_open_texts` masks each text
    (for an export that reads the answers itself); pass `names` for many texts."""
    return mask_personal_data(text, organisation, names=names)


def mask_previews(
    rows: Iterable[Any],
    organisation: Organisation,
    *,
    length: int,
    read: int,
    names: frozenset[str] | None = None,
) -> frozenset[str] | None:
    """Mask, then shorten to `length` characters, the `preview` of each row of one page of a
    list, in place. A preview is the first `read` characters of a text (more than `length`, so
    an e-mail address or name that crosses `length` is masked whole); when the text went on,
    its last word, perhaps cut off, is dropped before masking. The register's names are read
    once, and only when a row has text; they are returned (or `names`) for the page's other
    texts."""
    with_text = [row for row in rows if row.preview]
    if not with_text:
        return names
    if names is None:
        names = masking_names(organisation)
    for row in with_text:
        text, cut = row.preview, len(row.preview) >= read
        if cut and " " in text.strip():  # the text went on: its last word may be a part
            text = text[: text.rstrip().rfind(" ")]
        masked = " ".join(mask_personal_data(text, organisation, names=names).split())
        if cut or len(masked) > length:
            masked = masked[: length - 1].rstrip() + "…"
        row.preview = masked
    return names


def answer_themes(
    organisation: Organisation,
    *,
    start: date | None = None,
    end: date | None = None,
    question_codes: tuple[str, ...] = (),
    service_id: int | None = None,
) -> Iterator[tuple[int, str]]:
    """(answer id, theme code) for every theme code on an open answer, streamed.

    The filters match those of `masked_open_texts`, so a caller reads only the codes of
    the answers it analyses rather than every coding ever made.
    """
    rows = Coding.objects.for_organisation(organisation).filter(
        answer__isnull=False, theme__isnull=False
    )
    if start:
        rows = rows.filter(answer__response__submitted_at__date__gte=start)
    if end:
        rows = rows.filter(answer__response__submitted_at__date__lte=end)
    if question_codes:
        rows = rows.filter(answer__question__code__in=question_codes)
    if service_id is not None:
        rows = rows.filter(answer__response__service_id=service_id)
    rows = rows.values_list("answer_id", "theme__code").order_by("answer_id")
    yield from rows.iterator(chunk_size=5000)
