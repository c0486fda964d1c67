"""LimeSurvey .lss files become draft questionnaires: questions, types, options, conditions
and languages land where they should; what does not map is reported exactly; broken files
give a clear error and create nothing."""

from pathlib import Path

import pytest
from django.utils import translation

from gehoord.framework import service
from gehoord.framework.models import ImportReport, Question, Questionnaire, VersionItem
from gehoord.framework.tests.factories import install_bank

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "lss"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def layout(report: ImportReport) -> list[tuple]:
    draft = service.draft_of(report.questionnaire)
    return [
        (
            i.question.code,
            i.type,
            i.page,
            i.position,
            i.required,
            i.condition_item.question.code if i.condition_item else None,
            i.condition_operator,
            i.condition_value,
        )
        for i in draft.items.select_related("question", "condition_item__question")
    ]


def not_imported(report: ImportReport) -> list[tuple[str, str]]:
    return [(e["question"], e["reason"]) for e in report.entries if not e["imported"]]


@pytest.fixture(autouse=True)
def english():
    # The report's reasons are written in the uploader's language; these tests read English.
    with translation.override("en"):
        yield


def test_limesurvey_6_survey_lands_as_a_draft(org_a):
    bank = install_bank(org_a)
    report = service.import_questionnaire(org_a, "burgerzaken.lss", fixture("burgerzaken_ls6.lss"))

    questionnaire = report.questionnaire
    assert questionnaire.name == "Klanttevredenheid Burgerzaken 2026"
    draft = service.draft_of(questionnaire)
    assert draft.number == 1 and not draft.is_published
    assert draft.title_en == "Customer satisfaction Civil Affairs 2026"
    assert draft.intro_nl == "Fijn dat u mee wilt doen. Het kost ongeveer vijf minuten."
    assert draft.intro_en == "Thank you for taking part. It takes about five minutes."
    assert layout(report) == [
        ("q1", "single_choice", 1, 1, True, None, "", ""),
        ("q2", "yes_no", 1, 2, False, None, "", ""),
        ("q3", "number", 1, 3, False, None, "", ""),
        ("q4_sq001", "single_choice", 2, 1, True, "q1", "equals", "A1"),
        ("q4_sq002", "single_choice", 2, 2, True, "q1", "equals", "A1"),
        ("q5_sq001", "grade", 2, 3, False, "q2", "equals", "1"),
        ("q5_sq002", "grade", 2, 4, False, "q2", "equals", "1"),
        ("q6", "multiple_choice", 2, 5, False, None, "", ""),
        ("q8", "single_choice", 2, 6, False, None, "", ""),
        # "Wat kan er  beter" matches the bank's "Wat kan er beter?": the bank question is used.
        ("core_improve", "open_text", 3, 1, False, "q3", "at_least", "60"),
        ("q10", "single_choice", 3, 2, False, "q6", "equals", "SQ002"),
        ("q11", "open_text", 3, 3, False, None, "", ""),
    ]
    items = {i.question.code: i for i in draft.items.select_related("question")}
    assert items["q1"].options == [
        {"value": "A1", "nl": "Aan de balie", "en": "At the desk"},
        {"value": "A2", "nl": "Telefonisch", "en": "By phone"},
        {"value": "A3", "nl": "Via de website", "en": "Through the website"},
    ]
    assert (
        items["q1"].help_nl == "Kies één antwoord." and items["q1"].help_en == "Choose one answer."
    )
    assert (items["q3"].min_value, items["q3"].max_value) == (0, 240)
    assert items["q4_sq002"].text_nl == (
        "Hoe eens bent u het met deze uitspraken? – De medewerker nam mij serieus."
    )
    assert items["q4_sq002"].text_en == (
        "How much do you agree with these statements? – The employee took me seriously."
    )
    assert [o["value"] for o in items["q6"].options] == ["SQ001", "SQ002", "SQ003"]
    assert [o["nl"] for o in items["q8"].options] == ["1", "2", "3", "4", "5"]
    assert items["core_improve"].question == bank["core_improve"]
    assert items["core_improve"].text_nl == "Wat kan er beter?"  # the bank's own wording
    assert not_imported(report) == [
        ("", "gehoord supports Dutch and English; these languages were not imported: de"),
        (
            "",
            "The condition on this question group (Q3 >= 10) was not imported: gehoord has "
            "conditions on questions only. Its questions are always shown.",
        ),
        (
            "INTRO",
            "Not imported: gehoord has no question of this kind (a text display without a "
            "question).",
        ),
        ("Q6", "The “Other” option with its own text was not imported."),
        ("Q7", "Not imported: gehoord has no question of this kind (ranking)."),
        (
            "Q8",
            "The condition “Q3 > 30 and Q2 == 'Y'” was not imported: gehoord can only compare "
            "the answer to one earlier question with one value. The question is always shown; "
            "set the condition again in the builder.",
        ),
        (
            "",
            "The invitation e-mail was not imported: gehoord writes its own invitations "
            "(Invitations tab). Its subject is shown here.",
        ),
    ]
    reused = [q for q in report.questions if q["reused"]]
    assert [(q["item_key"], q["question"]) for q in reused] == [("Q9", bank["core_improve"].pk)]
    # Every other question was added to the bank, once.
    assert Question.objects.filter(organisation=org_a, code__startswith="q").count() == 11


def test_limesurvey_3_file_with_inline_texts_and_no_dutch(org_a):
    report = service.import_questionnaire(
        org_a, "wmo.lss", fixture("wmo_ls3_english.lss"), reuse_bank=False
    )
    assert layout(report) == [
        ("help", "yes_no", 1, 1, True, None, "", ""),
        # The condition is kept, and the report says it must move to a later page.
        ("kind", "single_choice", 1, 2, False, "help", "equals", "1"),
        ("rate_r1", "single_choice", 1, 3, False, None, "", ""),
        ("start", "date", 1, 4, False, None, "", ""),
        ("who", "multiple_choice", 1, 5, False, None, "", ""),
    ]
    draft = service.draft_of(report.questionnaire)
    first = draft.items.get(question__code="help")
    assert first.text_nl == first.text_en == "Do you get support from the municipality?"
    assert report.questionnaire.description == "Yearly Wmo client survey."
    assert [e["question"] for e in report.entries if e["imported"]] == ["", "RATE", "KIND"]
    assert report.entries[0]["reason"].startswith("The survey has no Dutch text")
    assert not_imported(report) == [
        ("KIND", "The comment field of this list was not imported."),
        (
            "HOURS",
            "Not imported: gehoord has no question of this kind (several numbers in one question).",
        ),
        ("WHO", "The comment fields of this question were not imported."),
        (
            "WHO",
            "The condition “count(HELP) > 0” was not imported: gehoord can only compare the "
            "answer to one earlier question with one value. The question is always shown; set "
            "the condition again in the builder.",
        ),
    ]


def test_a_second_import_gets_its_own_name_and_bank_codes(org_a):
    first = service.import_questionnaire(org_a, "a.lss", fixture("wmo_ls3_english.lss"))
    second = service.import_questionnaire(org_a, "a.lss", fixture("wmo_ls3_english.lss"))
    assert first.questionnaire.name == "Wmo client survey"
    assert second.questionnaire.name == "Wmo client survey (2)"
    # Reuse finds the first import's questions in the bank.
    assert all(q["reused"] for q in second.questions)


VALID = fixture("burgerzaken_ls6.lss")
BROKEN = {
    "invalid XML": (
        b"<document><LimeSurveyDocType>Survey</LimeSurveyDocType><rows>",
        "not valid XML",
    ),
    "entity expansion": (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        b"<document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>623</DBVersion>"
        b"<x>&b;</x></document>",
        "not allowed",
    ),
    "external entity": (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<document>&x;</document>",
        "not allowed",
    ),
    "unknown version": (VALID.replace(b"<DBVersion>623<", b"<DBVersion>180<"), "DBVersion “180”"),
    "future version": (VALID.replace(b"<DBVersion>623<", b"<DBVersion>912<"), "not supported"),
    "not a survey": (
        VALID.replace(b">Survey</LimeSurveyDocType>", b">Group</LimeSurveyDocType>"),
        "not a LimeSurvey survey structure",
    ),
    "an HTML page": (b"<html><body>Not found</body></html>", "not a LimeSurvey survey"),
    "too large": (VALID + b"<!--" + b"x" * (5 * 1024 * 1024) + b"-->", "larger than 5 MB"),
    "nothing importable": (
        fixture("wmo_ls3_english.lss")
        .replace(b"CDATA[Y]]></type>", b"CDATA[R]]></type>")
        .replace(b"CDATA[O]]></type>", b"CDATA[R]]></type>")
        .replace(b"CDATA[A]]></type>", b"CDATA[R]]></type>")
        .replace(b"CDATA[D]]></type>", b"CDATA[R]]></type>")
        .replace(b"CDATA[P]]></type>", b"CDATA[R]]></type>"),
        "no questions that gehoord can import",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_gives_a_clear_error_and_creates_nothing(org_a, case):
    install_bank(org_a)
    data, message = BROKEN[case]
    questions = Question.objects.count()
    with pytest.raises(service.ImportFailed, match=message):
        service.import_questionnaire(org_a, "kapot.lss", data)
    assert Questionnaire.objects.count() == 0
    assert Question.objects.count() == questions
    assert ImportReport.objects.count() == VersionItem.objects.count() == 0


def test_the_error_is_dutch_for_a_dutch_user(org_a):
    with translation.override("nl"), pytest.raises(service.ImportFailed) as error:
        service.import_questionnaire(org_a, "x.lss", b"<html/>")
    assert "Dit is geen LimeSurvey-vragenlijst" in str(error.value)
