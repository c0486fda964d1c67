"""Questionnaires in and out: the JSON document (schemas/questionnaire-v1.schema.json) and
making a draft questionnaire from one, whether it came from a JSON export or a LimeSurvey
file (lss.py). Creating is one transaction: a file that fails creates nothing."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import jsonschema
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gehoord.tenancy.models import Organisation

from .lss import MAX_LSS_BYTES, LssError, ReportEntry, read_lss
from .models import (
    ImportReport,
    ImportSource,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    VersionItem,
)
from .validation import validate_question_content

__all__ = ["MAX_LSS_BYTES", "ImportFailed", "export_version", "import_file"]

SCHEMA_PATH = Path(__file__).parent / "schemas" / "questionnaire-v1.schema.json"
MAX_JSON_BYTES = 2 * 1024 * 1024
ITEM_FIELDS = ("type", "text_nl", "text_en", "help_nl", "help_en", "options")


class ImportFailed(ValueError):
    """The file cannot be imported; nothing was created. The message is for the uploader."""


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def export_version(version: QuestionnaireVersion) -> dict:
    """One version as a schema-v1 document (keys are the bank questions' codes)."""
    questionnaire = version.questionnaire
    items = list(version.items.select_related("question", "condition_item__question"))
    return {
        "schema_version": 1,
        "questionnaire": {
            "name": questionnaire.name,
            "description": questionnaire.description,
            "purpose": questionnaire.purpose,
            "legal_basis": questionnaire.legal_basis,
        },
        "version": {
            "title_nl": version.title_nl,
            "title_en": version.title_en,
            "intro_nl": version.intro_nl,
            "intro_en": version.intro_en,
        },
        "items": [
            {
                "key": item.question.code,
                **{name: getattr(item, name) for name in ITEM_FIELDS},
                "min_value": item.min_value,
                "max_value": item.max_value,
                "page": item.page,
                "required": item.required,
                "condition": {
                    "item": item.condition_item.question.code,
                    "operator": item.condition_operator,
                    "value": item.condition_value,
                }
                if item.condition_item
                else None,
            }
            for item in items
        ],
    }


def read_json(data: bytes) -> dict:
    if len(data) > MAX_JSON_BYTES:
        raise ImportFailed(
            _("The file is larger than %(size)d MB.") % {"size": MAX_JSON_BYTES // (1024 * 1024)}
        )
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFailed(_("The file is not valid JSON: %(error)s") % {"error": error}) from error
    if isinstance(document, dict) and document.get("schema_version") not in (None, 1):
        raise ImportFailed(
            _(
                "This file uses version %(version)s of the questionnaire format; "
                "this gehoord reads version 1."
            )
            % {"version": str(document.get("schema_version"))[:20]}
        )
    try:
        jsonschema.validate(document, schema())
    except jsonschema.ValidationError as error:
        where = "/".join(str(p) for p in error.absolute_path) or "—"
        raise ImportFailed(
            _("The file does not follow the questionnaire format (at %(where)s): %(error)s")
            % {"where": where, "error": error.message[:300]}
        ) from error
    return document


def _normalised(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def matching_bank_question(organisation: Organisation, item: dict) -> Question | None:
    """A bank question with the same type and (normalised) Dutch wording, if any."""
    wanted = _normalised(item["text_nl"])
    for question in Question.objects.for_organisation(organisation).filter(
        type=item["type"], archived_at__isnull=True
    ):
        if _normalised(question.text_nl) == wanted:
            return question
    return None


def _free_code(organisation: Organisation, key: str, taken: set[str]) -> str:
    base = (slugify(key) or "vraag")[:50]
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    taken.add(code)
    return code


def _free_name(organisation: Organisation, name: str) -> str:
    existing = set(
        Questionnaire.objects.for_organisation(organisation).values_list("name", flat=True)
    )
    candidate, n = name[:150], 1
    while candidate in existing:
        n += 1
        suffix = f" ({n})"
        candidate = name[: 150 - len(suffix)] + suffix
    return candidate


def _check_document(document: dict) -> None:
    """What the schema cannot say: unique keys, conditions on earlier items, valid content."""
    keys: list[str] = []
    for item in document["items"]:
        if item["key"] in keys:
            raise ImportFailed(_("The key “%(key)s” is used twice.") % {"key": item["key"]})
        condition = item.get("condition")
        if condition and condition["item"] not in keys:
            raise ImportFailed(
                _(
                    "The condition of “%(key)s” refers to “%(other)s”, "
                    "which is not an earlier question."
                )
                % {"key": item["key"], "other": condition["item"]}
            )
        keys.append(item["key"])


@transaction.atomic
def create_from_document(
    organisation: Organisation,
    document: dict,
    *,
    source: str,
    filename: str = "",
    report: list[ReportEntry] | None = None,
    reuse_bank: bool = True,
) -> ImportReport:
    """A new questionnaire whose first draft holds the document's items; its report."""
    _check_document(document)
    meta = document["questionnaire"]
    questionnaire = Questionnaire.objects.create(
        organisation=organisation,
        name=_free_name(organisation, meta["name"]),
        description=meta.get("description", ""),
        purpose=meta.get("purpose", "")[:300],
        legal_basis=meta.get("legal_basis", "public_task"),
    )
    texts = document["version"]
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=1,
        title_nl=texts["title_nl"][:200],
        title_en=texts.get("title_en", "")[:200],
        intro_nl=texts.get("intro_nl", ""),
        intro_en=texts.get("intro_en", ""),
    )
    taken = set(Question.objects.for_organisation(organisation).values_list("code", flat=True))
    made: dict[str, VersionItem] = {}
    used: list[dict] = []
    positions: dict[int, int] = {}
    for entry in document["items"]:
        content = {
            "type": entry["type"],
            "text_nl": entry["text_nl"],
            "text_en": entry.get("text_en", ""),
            "help_nl": entry.get("help_nl", "")[:500],
            "help_en": entry.get("help_en", "")[:500],
            "options": [
                {"value": o["value"], "nl": o["nl"], "en": o.get("en", "")}
                for o in entry.get("options", [])
            ],
            "min_value": entry.get("min_value"),
            "max_value": entry.get("max_value"),
        }
        bank = matching_bank_question(organisation, entry) if reuse_bank else None
        if bank is not None and any(u["question"] == bank.pk for u in used):
            bank = None  # a questionnaire holds a bank question once
        if bank is None:
            match = None if reuse_bank else matching_bank_question(organisation, entry)
            bank = Question(
                organisation=organisation,
                code=_free_code(organisation, entry["key"], taken),
                **content,
            )
            try:
                validate_question_content(bank)
            except ValidationError as error:
                raise ImportFailed(
                    _("Question “%(key)s”: %(error)s")
                    % {"key": entry["key"], "error": " ".join(error.messages)}
                ) from error
            bank.save()
            used.append(
                {
                    "item_key": entry["key"],
                    "question": bank.pk,
                    "reused": False,
                    "match": match.pk if match else None,
                }
            )
        else:
            content = {f: getattr(bank, f) for f in Question.CONTENT_FIELDS}
            used.append({"item_key": entry["key"], "question": bank.pk, "reused": True})
        page = entry["page"]
        positions[page] = positions.get(page, 0) + 1
        condition = entry.get("condition")
        made[entry["key"]] = VersionItem.objects.create(
            version=version,
            question=bank,
            page=page,
            position=positions[page],
            required=entry.get("required", False),
            condition_item=made[condition["item"]] if condition else None,
            condition_operator=condition["operator"] if condition else "",
            condition_value=condition["value"] if condition else "",
            **content,
        )
    return ImportReport.objects.create(
        organisation=organisation,
        questionnaire=questionnaire,
        source=source,
        filename=filename[:200],
        entries=[e.as_dict() for e in report or []],
        questions=used,
    )


def import_file(
    organisation: Organisation, filename: str, data: bytes, reuse_bank: bool = True
) -> ImportReport:
    """A .lss or .json file as a new draft questionnaire; raises ImportFailed, creating nothing."""
    if filename.lower().endswith(".json"):
        return create_from_document(
            organisation,
            read_json(data),
            source=ImportSource.JSON,
            filename=filename,
            reuse_bank=reuse_bank,
        )
    try:
        result = read_lss(data)
    except LssError as error:
        raise ImportFailed(str(error)) from error
    if not result.document["items"]:
        raise ImportFailed(_("The survey has no questions that gehoord can import."))
    try:
        jsonschema.validate(result.document, schema())
    except jsonschema.ValidationError as error:
        raise ImportFailed(
            _("The survey could not be converted: %(error)s") % {"error": error.message[:300]}
        ) from error
    return create_from_document(
        organisation,
        result.document,
        source=ImportSource.LIMESURVEY,
        filename=filename,
        report=result.report,
        reuse_bank=reuse_bank,
    )
