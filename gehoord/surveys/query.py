"""Reads of survey links and responses for other apps."""

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from gehoord.tenancy.models import Organisation

from . import call_back
from .models import COUNTED_REVIEWS, Answer, PanelRequest, Response, SurveyToken

# Figures count a response unless it is doubted and not (yet) called genuine (review.py).
COUNTED = Q(response__review__in=COUNTED_REVIEWS)


def token_by_value(value: str) -> SurveyToken | None:
    return (
        SurveyToken.objects.select_related("questionnaire", "version", "organisation")
        .filter(token=value)
        .first()
    )


def panel_requested_token_ids(limit: int = 1000) -> list[int]:
    """Completed personal links whose resident asked to join the panel, not yet recorded."""

    return list(
        SurveyToken.objects.filter(panel_request=PanelRequest.REQUESTED)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )


def token_by_access_code(code: str) -> SurveyToken | None:
    if not code:
        return None
    return SurveyToken.objects.filter(access_code=code).first()


# The standard question whose "yes" asks the organisation to contact the resident.
CALL_BACK_QUESTION = call_back.CALL_BACK_QUESTION


def responses_by_id(ids) -> QuerySet[Response]:
    return Response.objects.filter(pk__in=ids)


def response_by_call_back_reference(reference: str) -> Response | None:
    """The response a call-back reference points to (None: forged, expired or gone)."""
    return call_back.response_by_reference(reference)


def responses(organisation: Organisation) -> QuerySet[Response]:
    return (
        Response.objects.for_organisation(organisation)
        .select_related("questionnaire", "version", "service", "provider", "team")
        .annotate(answer_count=Count("answers"))
        .order_by("-submitted_at", "pk")
    )


def response_list(
    organisation: Organisation,
    *,
    questionnaire_id: int | None = None,
    service_id: int | None = None,
    grade: int | None = None,
    has_open_text: bool | None = None,
) -> QuerySet[Response]:
    """The organisation's responses for the staff list, narrowed by the filters; unordered
    (the list pages by a cursor on submitted_at, id: `gehoord.pagination.keyset_page`).

    Cheap at millions of responses: no count of answers per response; grade and open text
    filter by an EXISTS on the answer's (response, item) index, so the newest rows are read
    from the index on (organisation, …, submitted_at, id) until a page is full.
    """
    from gehoord.framework.question_types import QuestionType

    rows = Response.objects.filter(organisation=organisation).select_related(
        "questionnaire", "version", "service"
    )
    if questionnaire_id is not None:
        rows = rows.filter(questionnaire_id=questionnaire_id)
    if service_id is not None:
        rows = rows.filter(service_id=service_id)
    if grade is not None:
        # IN, not EXISTS: a rare grade (a 1) is found through the item's index once, where
        # probing each response would read the whole organisation to fill a page.
        graded = Answer.objects.filter(
            item_id__in=_item_ids(organisation, QuestionType.GRADE), value_number=grade
        ).values("response_id")
        rows = rows.filter(pk__in=graded)
    if has_open_text is not None:
        written = Exists(
            Answer.objects.filter(
                response=OuterRef("pk"),
                item_id__in=_item_ids(organisation, QuestionType.OPEN_TEXT),
                not_applicable=False,
            ).exclude(value_text="")
        )
        rows = rows.filter(written if has_open_text else ~written)
    return rows


def _item_ids(organisation: Organisation, kind: str) -> list[int]:
    """The organisation's items of one type (dozens): a probe per response then reads the
    answer's (response, item) index once instead of joining every answer to its item."""
    from gehoord.framework.models import VersionItem

    return list(
        VersionItem.objects.filter(
            version__questionnaire__organisation=organisation, type=kind
        ).values_list("pk", flat=True)
    )


def response_mentions(text: str, response: str = "response_id") -> Exists:
    """Whether the response the outer row points to (field `response`) has an open answer
    containing `text`: probed per outer row, for lists narrower than all responses."""
    from gehoord.framework.question_types import QuestionType

    return Exists(
        Answer.objects.filter(
            response_id=OuterRef(response),
            item__type=QuestionType.OPEN_TEXT,
            value_text__icontains=text,
        )
    )


SNIPPET_LENGTH = 140


def grades_and_snippets(
    organisation: Organisation, response_ids: list, *, names: frozenset[str] | None = None
) -> dict[object, tuple[Decimal | None, str]]:
    """{response id: (grade, start of the first open answer)} for one page of the list, in
    two short queries (three when some text must be masked: the register's names, unless the
    caller passes them as `names`). The text is masked as on the response's own page."""
    from gehoord.contacts import query as contacts_query
    from gehoord.framework.models import VersionItem
    from gehoord.framework.question_types import QuestionType

    found: dict[object, tuple[Decimal | None, str]] = {}
    # The grade and open items of the page's versions first, then their answers by the
    # (response, item) index; one join would let the database start from the item type.
    versions = Response.objects.filter(pk__in=response_ids, organisation=organisation)
    items = {
        pk: (kind, page, position)
        for pk, kind, page, position in VersionItem.objects.filter(
            version_id__in=versions.values("version_id"),
            type__in=(QuestionType.GRADE, QuestionType.OPEN_TEXT),
        ).values_list("pk", "type", "page", "position")
    }
    answers = Answer.objects.filter(
        response_id__in=response_ids, item_id__in=list(items), not_applicable=False
    ).values_list("response_id", "item_id", "value_number", "value_text")
    rows = sorted(
        ((r, items[i][0], number, text, items[i][1:]) for r, i, number, text in answers),
        key=lambda row: row[4],
    )
    texts: dict[object, str] = {}
    for response_id, kind, number, text, _place in rows:
        grade, _ = found.get(response_id, (None, ""))
        if kind == QuestionType.GRADE and grade is None:
            grade = number
        elif kind == QuestionType.OPEN_TEXT and text.strip() and response_id not in texts:
            texts[response_id] = text
        found[response_id] = (grade, "")
    if texts:
        if names is None:
            names = contacts_query.masking_names(organisation)
        for response_id, text in texts.items():
            masked = " ".join(contacts_query.mask_personal_data(text, None, names=names).split())
            if len(masked) > SNIPPET_LENGTH:
                masked = masked[: SNIPPET_LENGTH - 1].rstrip() + "…"
            found[response_id] = (found[response_id][0], masked)
    return found


def answers_of(response: Response) -> list:
    return list(response.answers.select_related("item").order_by("item__page", "item__position"))


def readable_answers(response: Response, language: str = "nl") -> list[tuple[str, str]]:
    """(question text, answer in words) of a response, in questionnaire order: "Mee eens (4)",
    "Ja", an option's text — never the stored number ("4.00") a person cannot read."""
    from .answers import display

    return [(a.item.text_nl, display(a, language)) for a in answers_of(response)]


def answers_for_rollup(organisation_id: int, types: tuple[str, ...]) -> QuerySet[Answer]:
    """Numeric (or not-applicable) answers of the given item types, for rollups."""
    return Answer.objects.filter(
        COUNTED, response__organisation_id=organisation_id, item__type__in=types
    ).filter(Q(value_number__isnull=False) | Q(not_applicable=True))


def days_received_since(organisation: Organisation, since: datetime) -> list[tuple[int, date]]:
    """(questionnaire id, local day submitted) of responses received from `since` on,
    or reviewed since then (a review decides whether the response counts)."""
    day = TruncDate("submitted_at", tzinfo=timezone.get_current_timezone())
    return list(
        Response.objects.filter(organisation=organisation)
        .filter(Q(received_at__gte=since) | Q(reviewed_at__gte=since))
        .annotate(day=day)
        .values_list("questionnaire_id", "day")
        .distinct()
        .order_by()
    )


def organisations_with_responses() -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=Response.objects.values("organisation_id").distinct())


def answer_values(
    organisation: Organisation, question_ids: list[int], start: datetime, end: datetime, **segment
) -> QuerySet:
    """(response id, question id, number) of numeric answers submitted in [start, end).

    `segment` narrows by response attributes (service_id=…, provider_id=…); for analyses
    that need respondent-level rows, such as key drivers.
    """
    return (
        Answer.objects.filter(
            COUNTED,
            response__organisation=organisation,
            question_id__in=question_ids,
            response__submitted_at__gte=start,
            response__submitted_at__lt=end,
            value_number__isnull=False,
            **{f"response__{k}": v for k, v in segment.items()},
        )
        .values_list("response_id", "question_id", "value_number")
        .order_by()
    )


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

    # The organisation's open items first (dozens): their answers are the organisation's
    # (an answer belongs to an item of its response's questionnaire), read by the item's
    # index instead of probing every response of the organisation.
    return (
        Answer.objects.filter(
            item_id__in=_item_ids(organisation, QuestionType.OPEN_TEXT), not_applicable=False
        )
        .exclude(value_text="")
        .select_related("question", "response")
        .order_by("-response__submitted_at", "pk")
    )


# Reads for exports of individual responses. An export may cover millions of answers, so
# nothing here loads a whole selection, and nothing holds a read open while the export
# writes its progress: responses are read one keyset batch at a time, each batch a query
# of its own (on SQLite a cursor left open across a write fails with "database is locked"
# as soon as a respondent has written in between), and their answers one batch at a time.

EXPORT_FIELDS = (
    "id",
    "questionnaire__name",
    "version__number",
    "submitted_at",
    "channel",
    "language",
    "service__name",
    "provider__name",
    "team__name",
    "district",
    "age_band",
    "invitation_channel",
)


def responses_for_export(
    organisation: Organisation,
    start: datetime,
    end: datetime,
    *,
    questionnaire_id: int | None = None,
    service_id: int | None = None,
    provider_id: int | None = None,
    team_id: int | None = None,
    channel: str = "",
    received_until: datetime | None = None,
) -> QuerySet[Response]:
    """The organisation's responses submitted in [start, end), narrowed by the filters.

    `received_until` fixes the selection at a moment: an export reads it in many short
    queries while residents keep answering, and every query must see the same responses.
    """
    rows = Response.objects.filter(
        organisation=organisation, submitted_at__gte=start, submitted_at__lt=end
    )
    if received_until is not None:
        rows = rows.filter(received_at__lte=received_until)
    for name, value in (
        ("questionnaire_id", questionnaire_id),
        ("service_id", service_id),
        ("provider_id", provider_id),
        ("team_id", team_id),
    ):
        if value is not None:
            rows = rows.filter(**{name: value})
    if channel:
        rows = rows.filter(channel=channel)
    return rows


def answered_questions(responses: QuerySet[Response]) -> list[int]:
    """Ids of the bank questions answered in `responses`, in questionnaire order."""
    rows = (
        Answer.objects.filter(response__in=responses)
        .values("question_id")
        .annotate(page=Min("item__page"), position=Min("item__position"))
        .order_by("page", "position", "question_id")
    )
    return [row["question_id"] for row in rows]


def value_counts(responses: QuerySet[Response], field: str) -> dict:
    """How many responses carry each value of one response attribute (say `district`)."""
    return dict(responses.values_list(field).annotate(count=Count("pk")).order_by())


def response_batches(
    responses: QuerySet[Response], size: int = 2000
) -> Iterator[list[tuple[dict, dict[int, tuple]]]]:
    """Batches of (response fields, {question id: answer}) in the order submitted.

    An answer is (number, text, date, choices, not applicable). Two short queries per
    batch: the next `size` responses after the last one seen (keyset on submitted_at, id),
    then the answers of those responses. Responses that arrive meanwhile with a later
    moment are included unless the selection was fixed (`received_until`).
    """
    ordered = responses.order_by("submitted_at", "pk").values(*EXPORT_FIELDS)
    after: tuple | None = None
    while True:
        page = ordered
        if after is not None:
            moment, pk = after
            page = ordered.filter(Q(submitted_at__gt=moment) | Q(submitted_at=moment, pk__gt=pk))
        batch = list(page[:size])
        if not batch:
            return
        after = (batch[-1]["submitted_at"], batch[-1]["id"])
        answers: dict = {row["id"]: {} for row in batch}
        for response_id, question_id, *value in (
            Answer.objects.filter(response_id__in=list(answers))
            .values_list(
                "response_id",
                "question_id",
                "value_number",
                "value_text",
                "value_date",
                "value_choices",
                "not_applicable",
            )
            .order_by()
        ):
            answers[response_id][question_id] = tuple(value)
        yield [(row, answers[row["id"]]) for row in batch]
        if len(batch) < size:  # the last batch: no need to ask for an empty one
            return
