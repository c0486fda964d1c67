"""Use cases of the measurement framework: the question bank and versioned questionnaires."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gehoord.tenancy.models import Organisation

from . import exchange
from .models import (
    Driver,
    ImportReport,
    Indicator,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    VersionItem,
    VersionStatus,
)
from .question_types import QuestionType
from .standard_sets import CORRECTED_WORDING, DRIVERS, INDICATORS, STANDARD_SETS
from .validation import validate_question_content


@dataclass(frozen=True)
class InstalledDefaults:
    """How many rows `install_defaults` added (0 each when all were there already)."""

    indicators: int
    drivers: int
    questions: int


@transaction.atomic
def install_defaults(organisation: Organisation) -> InstalledDefaults:
    """Load the framework's indicators, drivers and standard question sets (DESIGN §7) into
    an organisation's question bank. Idempotent, and never changes an edited question: the
    one way every organisation gets them (`gehoord organisation create`, the demo)."""
    added = {"indicators": 0, "drivers": 0, "questions": 0}
    indicators = {}
    for code, nl, en in INDICATORS:
        indicators[code], created = Indicator.objects.get_or_create(
            organisation=organisation, code=code, defaults={"name_nl": nl, "name_en": en}
        )
        added["indicators"] += created
    drivers = {}
    for code, nl, en, principle in DRIVERS:
        drivers[code], created = Driver.objects.get_or_create(
            organisation=organisation,
            code=code,
            defaults={"name_nl": nl, "name_en": en, "principle": principle},
        )
        added["drivers"] += created
    for set_name, questions in STANDARD_SETS.items():
        for q in questions:
            _question, created = Question.objects.get_or_create(
                organisation=organisation,
                code=q.code,
                defaults={
                    "type": q.type,
                    "text_nl": q.text_nl,
                    "text_en": q.text_en,
                    "standard_set": set_name,
                    "indicator": indicators.get(q.indicator),
                    "driver": drivers.get(q.driver),
                },
            )
            added["questions"] += created
            old = CORRECTED_WORDING.get(q.code)
            if not created and old is not None and _question.text_nl == old:
                # An untouched copy of a wording since corrected at the source.
                _question.text_nl, _question.text_en = q.text_nl, q.text_en
                _question.save(update_fields=["text_nl", "text_en"])
    return InstalledDefaults(**added)


@transaction.atomic
def create_questionnaire(
    organisation: Organisation, name: str, title_nl: str = "", title_en: str = "", **fields
) -> Questionnaire:
    """A questionnaire with an empty first draft."""
    services = fields.pop("services", None)
    questionnaire = Questionnaire.objects.create(organisation=organisation, name=name, **fields)
    if services:
        questionnaire.services.set(services)
    QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=1, title_nl=title_nl or name, title_en=title_en
    )
    return questionnaire


def draft_of(questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    return questionnaire.versions.filter(status=VersionStatus.DRAFT).first()


@transaction.atomic
def start_new_draft(questionnaire: Questionnaire) -> QuestionnaireVersion:
    """The open draft, or a new one copied from the latest published version.

    Editing never touches a published version: it always happens in this draft.
    """
    Questionnaire.objects.select_for_update().filter(pk=questionnaire.pk).first()
    existing = draft_of(questionnaire)
    if existing:
        return existing
    latest = questionnaire.versions.order_by("-number").first()
    number = (questionnaire.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=number,
        title_nl=latest.title_nl if latest else questionnaire.name,
        title_en=latest.title_en if latest else "",
        intro_nl=latest.intro_nl if latest else "",
        intro_en=latest.intro_en if latest else "",
    )
    if latest:
        copies = {}
        for item in latest.items.order_by("page", "position", "pk"):
            old_pk, old_condition = item.pk, item.condition_item_id
            item.pk = None
            item.version = draft
            item.condition_item = copies.get(old_condition)
            item.save()
            copies[old_pk] = item
    return draft


def _require_draft(version: QuestionnaireVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("A published version cannot be changed."))


def _copy_content(question: Question) -> dict:
    return {field: getattr(question, field) for field in Question.CONTENT_FIELDS}


@transaction.atomic
def add_question(
    version: QuestionnaireVersion,
    question: Question,
    page: int | None = None,
    required: bool = False,
) -> VersionItem:
    """Place a bank question at the end of `page` (default: the last page) of a draft."""
    _require_draft(version)
    if question.organisation_id != version.questionnaire.organisation_id:
        raise ValidationError(_("This question belongs to another organisation."))
    if version.items.filter(question=question).exists():
        raise ValidationError(_("This question is already in the questionnaire."))
    last_page = version.items.aggregate(p=Max("page"))["p"] or 1
    page = page or last_page
    position = (version.items.filter(page=page).aggregate(p=Max("position"))["p"] or 0) + 1
    return VersionItem.objects.create(
        version=version,
        question=question,
        page=page,
        position=position,
        required=required,
        **_copy_content(question),
    )


@transaction.atomic
def move_item(item: VersionItem, direction: int) -> None:
    """Swap an item with its neighbour (direction -1 up, +1 down) across pages too."""
    _require_draft(item.version)
    items = list(item.version.items.order_by("page", "position", "pk"))
    index = items.index(item)
    other_index = index + direction
    if not 0 <= other_index < len(items):
        return
    other = items[other_index]
    if other.page != item.page:
        # Moving past a page boundary puts the item at the edge of the neighbouring page:
        # only its page changes, its place in the order stays. (The list holds its own
        # instance of the item, so the page is set on that one.)
        items[index].page = other.page
    else:
        items[index], items[other_index] = other, items[index]
    renumber(items)


def renumber(items: list[VersionItem]) -> None:
    positions: dict[int, int] = {}
    for item in items:
        positions[item.page] = positions.get(item.page, 0) + 1
        item.position = positions[item.page]
        item.save(update_fields=["page", "position"])


@transaction.atomic
def set_required(item: VersionItem, required: bool) -> VersionItem:
    _require_draft(item.version)
    item.required = required
    item.save(update_fields=["required"])
    return item


@transaction.atomic
def save_item_settings(item: VersionItem, page_changed: bool) -> VersionItem:
    """Save an item's page and condition (already set on `item`, e.g. by a form).

    A question moved to another page goes to the end of that page; positions are then
    renumbered so every page counts 1, 2, 3…
    """
    _require_draft(item.version)
    if page_changed:
        last = (
            VersionItem.objects.filter(version_id=item.version_id, page=item.page)
            .exclude(pk=item.pk)
            .aggregate(last=Max("position"))["last"]
        )
        item.position = (last or 0) + 1
    item.save()
    renumber(list(item.version.items.order_by("page", "position", "pk")))
    return item


@transaction.atomic
def remove_item(item: VersionItem) -> None:
    _require_draft(item.version)
    item.dependent_items.update(condition_item=None, condition_operator="", condition_value="")
    item.delete()


def publication_problems(version: QuestionnaireVersion) -> list[str]:
    """What stands in the way of publishing; an empty list means it can be published."""
    problems = []
    items = list(version.items.select_related("question"))
    if not items:
        problems.append(_("Add at least one question."))
    if not any(i.type == QuestionType.GRADE for i in items):
        problems.append(_("Add the overall grade question (1–10)."))
    by_pk = {i.pk: i for i in items}
    for item in items:
        condition = by_pk.get(item.condition_item_id)
        if item.condition_item_id and condition is None:
            problems.append(_("A condition refers to a question that is no longer there."))
        elif condition and condition.page >= item.page:
            problems.append(
                _(
                    "“%(question)s” depends on a question on the same or a later "
                    "page; move it to a later page."
                )
                % {"question": item.text_nl}
            )
    return problems


def translation_gaps(
    version: QuestionnaireVersion, items: list[VersionItem] | None = None
) -> list[str]:
    """What a resident who chooses English would still read in Dutch. Warnings only: a
    questionnaire may be published in Dutch alone, but the builder says so beforehand."""
    gaps = []
    if not version.title_en.strip():
        gaps.append(
            _("The English title is empty: residents who choose English see the Dutch title.")
        )
    if version.intro_nl.strip() and not version.intro_en.strip():
        gaps.append(
            _("The English introduction is empty: residents who choose English see the Dutch one.")
        )
    items = list(version.items.all()) if items is None else items
    untranslated = [i.text_nl for i in items if not i.text_en.strip()]
    if untranslated:
        gaps.append(
            ngettext(
                "%(count)d question has no English text and is shown in Dutch: %(questions)s",
                "%(count)d questions have no English text and are shown in Dutch: %(questions)s",
                len(untranslated),
            )
            % {"count": len(untranslated), "questions": "; ".join(untranslated)}
        )
    return gaps


@transaction.atomic
def publish(version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Freeze a draft: its question texts are refreshed from the bank one last time."""
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    _require_draft(version)
    for item in version.items.select_related("question"):
        for field, value in _copy_content(item.question).items():
            setattr(item, field, value)
        validate_question_content(item)
        item.save()
    # Judge what will be published (the refreshed copies); raising undoes the refresh.
    problems = publication_problems(version)
    if problems:
        raise ValidationError(problems)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.save(_publishing=True)
    return version


def latest_published(questionnaire: Questionnaire) -> QuestionnaireVersion | None:
    return questionnaire.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()


# Importing and exporting questionnaires (exchange.py, lss.py).
MAX_IMPORT_BYTES = exchange.MAX_LSS_BYTES
ImportFailed = exchange.ImportFailed


def import_questionnaire(
    organisation: Organisation, filename: str, data: bytes, reuse_bank: bool = True
) -> ImportReport:
    """A LimeSurvey .lss or gehoord .json file as a new questionnaire with a draft, and the
    report of what did not map. Raises ImportFailed (nothing created) for a broken file."""
    return exchange.import_file(organisation, filename, data, reuse_bank=reuse_bank)


def export_questionnaire(version: QuestionnaireVersion) -> dict:
    """One version as a document of schemas/questionnaire-v1.schema.json."""
    return exchange.export_version(version)
