"""Reading a LimeSurvey survey structure (.lss) into gehoord's questionnaire document.

A .lss file is XML: a <document> with a <LimeSurveyDocType> of "Survey", a <DBVersion>, and
one element per database table (questions, subquestions, answers, question_l10ns …), each
holding <rows><row> with one child per column. Versions before LimeSurvey 4 keep the texts
in the question and answer rows themselves (with a language column); later versions keep
them in separate *_l10ns tables. Both are read.

The result is the same document as a JSON export (exchange.py, schema v1) plus a report:
whatever does not map onto gehoord is listed per question with the reason, never dropped
silently. Nothing here touches the database.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .lss_conditions import convert_relevance
from .question_types import QuestionType

MAX_LSS_BYTES = 5 * 1024 * 1024
# DBVersion 3xx: LimeSurvey 3 (texts inline); 4xx–6xx: LimeSurvey 4, 5 and 6 (l10ns tables).
SUPPORTED_DB_VERSIONS = range(300, 700)
SUPPORTED_LANGUAGES = ("nl", "en")

CHOICE_LETTERS = {"L", "!", "O"}
TEXT_LETTERS = {"S", "T", "U"}
ARRAY_LETTERS = {"F", "A", "B", "H", "E", "C"}
UNMAPPABLE = {
    "X": gettext_lazy("a text display without a question"),
    "R": gettext_lazy("ranking"),
    "K": gettext_lazy("several numbers in one question"),
    "Q": gettext_lazy("several short texts in one question"),
    ":": gettext_lazy("an array of numbers"),
    ";": gettext_lazy("an array of texts"),
    "1": gettext_lazy("an array with two scales"),
    "|": gettext_lazy("a file upload"),
    "*": gettext_lazy("an equation"),
    "I": gettext_lazy("a language switch"),
    "G": gettext_lazy("gender"),
}


class LssError(ValueError):
    """The file cannot be imported at all; the message is for the person who uploaded it."""


@dataclass
class ReportEntry:
    question: str  # the LimeSurvey question code (title), or "" for the survey itself
    text: str
    reason: str
    imported: bool  # False when the question (or this part of it) was left out

    def as_dict(self) -> dict:
        return {
            "question": self.question,
            "text": self.text,
            "reason": self.reason,
            "imported": self.imported,
        }


@dataclass
class LssResult:
    document: dict
    report: list[ReportEntry] = field(default_factory=list)


def _clean(text: str | None) -> str:
    text = strip_tags(normalize_newlines(text or "")).replace("&nbsp;", " ")
    return re.sub(r"[ \t]+", " ", text).strip()


def _table(root: Element, name: str) -> list[dict[str, str]]:
    section = root.find(name)
    if section is None:
        return []
    rows = section.find("rows")
    if rows is None:
        return []
    return [{col.tag: (col.text or "") for col in row} for row in rows.findall("row")]


def parse_root(data: bytes) -> Element:
    if len(data) > MAX_LSS_BYTES:
        raise LssError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_LSS_BYTES // (1024 * 1024)}
        )
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise LssError(_("The file contains XML that is not allowed (a DTD or entities).")) from (
            error
        )
    except Exception as error:  # ParseError and encoding errors alike
        raise LssError(_("The file is not valid XML: %(error)s") % {"error": error}) from error
    if root.tag != "document" or (root.findtext("LimeSurveyDocType") or "").strip() != "Survey":
        raise LssError(_("This is not a LimeSurvey survey structure (.lss) file."))
    version_text = (root.findtext("DBVersion") or "").strip()
    if not version_text.isdigit() or int(version_text) not in SUPPORTED_DB_VERSIONS:
        raise LssError(
            _(
                "This LimeSurvey version (DBVersion “%(version)s”) is not supported; "
                "export the survey from LimeSurvey 3, 4, 5 or 6."
            )
            % {"version": version_text[:20]}
        )
    return root


class _Texts:
    """Texts per (id, language), from the l10ns table or, before LimeSurvey 4, the rows."""

    def __init__(self, rows: list[dict], key: str, columns: tuple[str, ...]):
        self.by_key: dict[tuple[str, str], dict[str, str]] = {}
        for row in rows:
            if row.get("language"):
                self.by_key[(row.get(key, ""), row["language"])] = {
                    c: _clean(row.get(c)) for c in columns
                }

    def get(self, key: str, language: str, column: str) -> str:
        return self.by_key.get((key, language), {}).get(column, "")


def read_lss(data: bytes) -> LssResult:
    root = parse_root(data)
    report: list[ReportEntry] = []
    surveys = _table(root, "surveys")
    base = (surveys[0].get("language") if surveys else "") or ""
    extra = (surveys[0].get("additional_languages") if surveys else "") or ""
    languages = [lang for lang in [base, *extra.split()] if lang]
    if not languages:
        languages = [el.text or "" for el in root.iterfind("languages/language")]
    if not languages:
        raise LssError(_("The survey has no language."))
    dutch = "nl" if "nl" in languages else ("nl-informal" if "nl-informal" in languages else "")
    primary = dutch or base or languages[0]
    english = "en" if "en" in languages else ""
    others = [lang for lang in languages if lang not in {primary, english}]
    if not dutch:
        report.append(
            ReportEntry(
                "",
                "",
                _(
                    "The survey has no Dutch text; the texts in “%(language)s” are imported as "
                    "the Dutch texts. Check and translate them."
                )
                % {"language": primary},
                True,
            )
        )
    if others:
        report.append(
            ReportEntry(
                "",
                "",
                _("gehoord supports Dutch and English; these languages were not imported: %(l)s")
                % {"l": ", ".join(others)},
                False,
            )
        )

    questions = _table(root, "questions")
    subquestions = _table(root, "subquestions") + [
        q for q in questions if q.get("parent_qid", "0") not in ("", "0")
    ]
    questions = [q for q in questions if q.get("parent_qid", "0") in ("", "0")]
    q_texts = _Texts(
        _table(root, "question_l10ns") or questions + subquestions, "qid", ("question", "help")
    )
    answers = _table(root, "answers")
    a_l10ns = _table(root, "answer_l10ns") or _table(root, "answers_l10ns")
    a_texts = _Texts(a_l10ns or answers, "aid" if a_l10ns else "qid_code", ("answer",))
    if not a_l10ns:  # LimeSurvey 3: key the inline answer texts by question and code
        for row in answers:
            a_texts.by_key[(f"{row.get('qid')}:{row.get('code')}", row.get("language", ""))] = {
                "answer": _clean(row.get("answer"))
            }
    groups = {g.get("gid", ""): g for g in _table(root, "groups")}
    g_texts = _Texts(_table(root, "group_l10ns") or list(groups.values()), "gid", ("group_name",))
    attributes: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _table(root, "question_attributes"):
        attributes[row.get("qid", "")][row.get("attribute", "")] = row.get("value", "")
    settings = {
        row.get("surveyls_language"): row for row in _table(root, "surveys_languagesettings")
    }

    def title(language: str) -> str:
        return _clean(settings.get(language, {}).get("surveyls_title"))

    def text(row: dict, language: str, column: str = "question") -> str:
        return q_texts.get(row.get("qid", ""), language, column)

    def options_of(question: dict) -> list[dict]:
        rows = sorted(
            (a for a in answers if a.get("qid") == question.get("qid")),
            key=lambda a: (a.get("scale_id", "0"), int(a.get("sortorder") or 0)),
        )
        seen: dict[str, dict] = {}
        for a in rows:
            if a.get("scale_id", "0") not in ("", "0") or a.get("code") in seen:
                continue
            key = a.get("aid") if a_l10ns else f"{a.get('qid')}:{a.get('code')}"
            seen[a["code"]] = {
                "value": a["code"],
                "nl": a_texts.get(key or "", primary, "answer") or a["code"],
                "en": a_texts.get(key or "", english, "answer") if english else "",
            }
        return list(seen.values())

    def subs_of(question: dict) -> list[dict]:
        return sorted(
            (
                s
                for s in subquestions
                if s.get("parent_qid") == question.get("qid")
                and s.get("scale_id", "0") in ("", "0")
            ),
            key=lambda s: int(s.get("question_order") or 0),
        )

    ordered_groups = sorted(groups.values(), key=lambda g: int(g.get("group_order") or 0))
    page_of = {g.get("gid"): index for index, g in enumerate(ordered_groups, start=1)}
    items: list[dict] = []
    # LimeSurvey variable names (Q1, Q2_SQ001) → the item key used for conditions.
    variables: dict[str, dict] = {}
    pending_conditions: list[tuple[dict, str, str, str]] = []
    for group in ordered_groups:
        relevance = (group.get("grelevance") or "").strip()
        if relevance not in ("", "1"):
            report.append(
                ReportEntry(
                    "",
                    g_texts.get(group.get("gid", ""), primary, "group_name"),
                    _(
                        "The condition on this question group (%(expr)s) was not imported: "
                        "gehoord has conditions on questions only. Its questions are always "
                        "shown."
                    )
                    % {"expr": relevance},
                    False,
                )
            )
    for question in sorted(
        questions,
        key=lambda q: (page_of.get(q.get("gid"), 0), int(q.get("question_order") or 0)),
    ):
        letter = question.get("type", "")
        code = question.get("title", "")
        base_text = text(question, primary)
        page = page_of.get(question.get("gid"), 1)

        def note(reason: str, imported: bool = True, code: str = code, t: str = base_text) -> None:
            report.append(ReportEntry(code, t, reason, imported))

        common = {
            "page": page,
            "required": question.get("mandatory") == "Y",
            "help_nl": text(question, primary, "help")[:500],
            "help_en": text(question, english, "help")[:500] if english else "",
            "min_value": None,
            "max_value": None,
            "options": [],
            "condition": None,
        }
        made: list[dict] = []
        if letter in UNMAPPABLE or letter not in (
            CHOICE_LETTERS | TEXT_LETTERS | ARRAY_LETTERS | {"Y", "N", "M", "P", "5", "D"}
        ):
            kind = str(UNMAPPABLE.get(letter, "")) or _("an unknown type “%(letter)s”") % {
                "letter": letter
            }
            note(
                _("Not imported: gehoord has no question of this kind (%(kind)s).")
                % {"kind": kind},
                imported=False,
            )
            continue
        if letter in ARRAY_LETTERS:
            subs = subs_of(question)
            if letter in {"H", "E", "C"}:
                note(
                    _("Not imported: gehoord has no array of this kind (type “%(letter)s”).")
                    % {"letter": letter},
                    imported=False,
                )
                continue
            if letter == "B":
                kind, options = QuestionType.GRADE, []
            elif letter == "A":
                kind = QuestionType.SINGLE_CHOICE
                options = [{"value": str(n), "nl": str(n), "en": str(n)} for n in range(1, 6)]
            else:
                kind, options = QuestionType.SINGLE_CHOICE, options_of(question)
            if not subs:
                note(_("Not imported: the array has no rows."), imported=False)
                continue
            note(
                ngettext(
                    "The array was split into %(count)d separate question, one per row.",
                    "The array was split into %(count)d separate questions, one per row.",
                    len(subs),
                )
                % {"count": len(subs)}
            )
            for sub in subs:
                sub_code = f"{code}_{sub.get('title', '')}"
                made.append(
                    {
                        **common,
                        "key": sub_code,
                        "type": kind,
                        "text_nl": f"{base_text} – {text(sub, primary)}".strip(" –"),
                        "text_en": (
                            f"{text(question, english)} – {text(sub, english)}".strip(" –")
                            if english
                            else ""
                        ),
                        "options": options,
                    }
                )
                variables[sub_code] = made[-1]
        else:
            item = {
                **common,
                "key": code,
                "text_nl": base_text,
                "text_en": text(question, english) if english else "",
            }
            if letter in CHOICE_LETTERS:
                item["type"] = QuestionType.SINGLE_CHOICE
                item["options"] = options_of(question)
                if letter == "O":
                    note(_("The comment field of this list was not imported."), imported=False)
            elif letter == "5":
                item["type"] = QuestionType.SINGLE_CHOICE
                item["options"] = [
                    {"value": str(n), "nl": str(n), "en": str(n)} for n in range(1, 6)
                ]
            elif letter in {"M", "P"}:
                item["type"] = QuestionType.MULTIPLE_CHOICE
                item["options"] = [
                    {
                        "value": s.get("title", ""),
                        "nl": text(s, primary) or s.get("title", ""),
                        "en": text(s, english) if english else "",
                    }
                    for s in subs_of(question)
                ]
                if letter == "P":
                    note(_("The comment fields of this question were not imported."), False)
            elif letter == "Y":
                item["type"] = QuestionType.YES_NO
            elif letter == "N":
                item["type"] = QuestionType.NUMBER
                attrs = attributes.get(question.get("qid", ""), {})
                for attr, target in (
                    ("min_num_value_n", "min_value"),
                    ("max_num_value_n", "max_value"),
                ):
                    value = (attrs.get(attr) or "").strip()
                    if re.fullmatch(r"-?\d+", value):
                        item[target] = int(value)
                    elif value:
                        note(
                            _("The limit “%(value)s” is not a whole number and was not imported.")
                            % {"value": value},
                            False,
                        )
            elif letter == "D":
                item["type"] = QuestionType.DATE
            else:
                item["type"] = QuestionType.OPEN_TEXT
            if question.get("other") == "Y" and letter in CHOICE_LETTERS | {"M", "P"}:
                note(_("The “Other” option with its own text was not imported."), False)
            if item["type"] in {QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE} and (
                len(item["options"]) < 2
            ):
                note(_("Not imported: a choice question needs at least two answers."), False)
                continue
            made.append(item)
            variables[code] = item
        relevance = (question.get("relevance") or "").strip()
        for item in made:
            if not item["text_nl"]:
                note(_("Not imported: the question has no text in the imported language."), False)
                variables.pop(item["key"], None)
                continue
            items.append(item)
            if relevance not in ("", "1"):
                pending_conditions.append((item, relevance, code, base_text))

    for item, relevance, code, base_text in pending_conditions:
        converted = convert_relevance(relevance, variables)
        if converted.reason:
            report.append(ReportEntry(code, base_text, converted.reason, False))
            continue
        item["condition"] = converted.condition
        source = variables[converted.condition["item"]]
        if source is item or items.index(source) > items.index(item):
            item["condition"] = None
            report.append(
                ReportEntry(
                    code,
                    base_text,
                    _("The condition “%(expr)s” refers to a later question and was not imported.")
                    % {"expr": relevance},
                    False,
                )
            )
        elif source["page"] >= item["page"]:
            report.append(
                ReportEntry(
                    code,
                    base_text,
                    _(
                        "The condition refers to a question on the same or a later page; move "
                        "this question to a later page before publishing."
                    ),
                    True,
                )
            )

    invitation = settings.get(primary, {})
    if _clean(invitation.get("surveyls_email_invite")):
        report.append(
            ReportEntry(
                "",
                _clean(invitation.get("surveyls_email_invite_subj")),
                _(
                    "The invitation e-mail was not imported: gehoord writes its own "
                    "invitations (Invitations tab). Its subject is shown here."
                ),
                False,
            )
        )
    name = title(primary) or _("LimeSurvey import")
    document = {
        "schema_version": 1,
        "questionnaire": {
            "name": name[:150],
            "description": _clean(settings.get(primary, {}).get("surveyls_description")),
            "purpose": "",
            "legal_basis": "public_task",
        },
        "version": {
            "title_nl": name[:200],
            "title_en": title(english)[:200] if english else "",
            "intro_nl": _clean(settings.get(primary, {}).get("surveyls_welcometext")),
            "intro_en": _clean(settings.get(english, {}).get("surveyls_welcometext"))
            if english
            else "",
        },
        "items": items,
    }
    return LssResult(document, report)
