"""Reads of the measurement framework for other apps."""

from functools import lru_cache

from django.db.models import Count, Q, QuerySet

from gehoord.tenancy.models import Organisation

from .models import Question, Questionnaire, QuestionnaireVersion, VersionItem, VersionStatus
from .question_types import QuestionType
from .standard_sets import STANDARD_SET_LABELS, WMO, YOUTH_SETS

# The standard set keys other apps ask for (the statutory survey).
WMO_SET = WMO
YOUTH_SET_KEYS = YOUTH_SETS


def questionnaires(organisation: Organisation) -> QuerySet[Questionnaire]:
    return (
        Questionnaire.objects.for_organisation(organisation)
        .annotate(
            published_count=Count("versions", filter=Q(versions__status=VersionStatus.PUBLISHED))
        )
        .prefetch_related("services")
        .order_by("name", "pk")  # aggregation drops Meta.ordering; paging needs an order
    )


def bank(organisation: Organisation) -> QuerySet[Question]:
    return Question.objects.for_organisation(organisation).filter(archived_at__isnull=True)


def items_of(version: QuestionnaireVersion) -> list[VersionItem]:
    """The items of a version in resident order, with their bank question loaded.

    A published version never changes (VersionItem.save refuses it), so its items are
    read once per process: every page a resident opens needs them. Callers must not
    change the items they get; the list itself is theirs."""
    if version.status == VersionStatus.DRAFT:
        return list(_ordered_items(version.pk))
    return list(_published_items(version.pk))


def _ordered_items(version_id: int) -> QuerySet[VersionItem]:
    return (
        VersionItem.objects.filter(version_id=version_id)
        .select_related("question")
        .order_by("page", "position", "pk")
    )


# A few hundred versions are answered at a time at most; older ones drop out.
@lru_cache(maxsize=512)
def _published_items(version_id: int) -> tuple[VersionItem, ...]:
    return tuple(_ordered_items(version_id))


def forget_cached_items() -> None:
    """Empty the per-process cache of published items (tests roll back, and SQLite then
    hands out the same ids to other versions)."""
    _published_items.cache_clear()


def published_versions(organisation: Organisation) -> QuerySet[QuestionnaireVersion]:
    return QuestionnaireVersion.objects.filter(
        questionnaire__organisation=organisation, status=VersionStatus.PUBLISHED
    ).select_related("questionnaire")


def questionnaire_by_open_link(token: str) -> Questionnaire | None:
    return (
        Questionnaire.objects.filter(
            open_link_token=token, open_link_enabled=True, archived_at__isnull=True
        )
        .select_related("organisation")
        .first()
    )


def questions_by_id(ids) -> dict[int, Question]:
    """Bank questions with their indicator and driver, for labelling figures."""
    return Question.objects.select_related("indicator", "driver").in_bulk(list(ids))


def questions_measuring(organisation: Organisation, indicator_code: str) -> list[int]:
    """Ids of the organisation's bank questions that measure one indicator."""
    return list(
        Question.objects.filter(
            organisation=organisation, indicator__code=indicator_code
        ).values_list("pk", flat=True)
    )


def agreement_driver_questions(organisation: Organisation) -> dict[int, str]:
    """Bank question id → driver code, for the 5-point agreement questions that measure a
    driver (a yes/no question on another scale would distort a driver's column)."""
    return dict(
        Question.objects.filter(
            organisation=organisation, driver__isnull=False, type=QuestionType.AGREEMENT
        ).values_list("pk", "driver__code")
    )


def driver_names(organisation: Organisation) -> dict[str, str]:
    from .models import Driver

    return dict(Driver.objects.filter(organisation=organisation).values_list("code", "name_nl"))


def questions_by_indicator(organisation: Organisation, codes) -> dict[str, list[int]]:
    """Indicator code → ids of the organisation's bank questions that measure it."""
    result: dict[str, list[int]] = {}
    for pk, code in Question.objects.filter(
        organisation=organisation, indicator__code__in=list(codes)
    ).values_list("pk", "indicator__code"):
        result.setdefault(code, []).append(pk)
    return result


def standard_set_label(key: str) -> str:
    """The name people read for a question's standard set ("Kernvragen", "Eigen vragen")."""
    return str(STANDARD_SET_LABELS.get(key, STANDARD_SET_LABELS[""]))


def standard_questions(organisation: Organisation, set_keys) -> list[Question]:
    """The organisation's bank questions of the given standard sets, in code order."""
    return list(
        Question.objects.for_organisation(organisation)
        .filter(standard_set__in=list(set_keys))
        .order_by("code")
    )


def youth_care_questionnaire_ids(organisation: Organisation) -> set[int]:
    """Questionnaires that ask a Jeugdwet standard item in any version: their results per
    provider may not leave the organisation (Jeugdwet art. 2.10, see `YOUTH_SETS`)."""
    return set(
        VersionItem.objects.filter(
            version__questionnaire__organisation=organisation,
            question__standard_set__in=list(YOUTH_SETS),
        ).values_list("version__questionnaire_id", flat=True)
    )


def import_report_questions(report) -> list[dict]:
    """The questions an import placed, with their bank question and whether it was reused."""
    bank_questions = Question.objects.for_organisation(report.organisation).in_bulk(
        [q["question"] for q in report.questions]
        + [q["match"] for q in report.questions if q.get("match")]
    )
    return [
        {**q, "bank": bank_questions[q["question"]], "match": bank_questions.get(q.get("match"))}
        for q in report.questions
        if q["question"] in bank_questions
    ]
