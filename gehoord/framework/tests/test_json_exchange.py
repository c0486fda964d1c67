"""Questionnaires shared as JSON: the export follows the committed schema, an export imported
by another organisation exports the same again, and a broken document creates nothing."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.utils import translation

from gehoord.framework import service
from gehoord.framework.exchange import SCHEMA_PATH
from gehoord.framework.models import ImportReport, Question, Questionnaire
from gehoord.framework.tests.factories import install_bank

pytestmark = pytest.mark.django_db

LSS = (Path(__file__).parent / "lss" / "burgerzaken_ls6.lss").read_bytes()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def as_file(document: dict) -> bytes:
    return json.dumps(document).encode()


def test_the_schema_file_is_a_valid_json_schema():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"] == {
        "const": 1,
        "description": "The version of this document format.",
    }


def test_round_trip_between_organisations(org_a, org_b, filled, draft):
    # A hand-built draft with a condition, exported by A and imported by B.
    serious = filled["serious"]
    serious.condition_item = filled["grade"]
    serious.condition_operator, serious.condition_value = "at_most", "5"
    service.save_item_settings(serious, page_changed=False)
    exported = service.export_questionnaire(draft)
    jsonschema.validate(exported, json.loads(SCHEMA_PATH.read_text()))

    report = service.import_questionnaire(org_b, "wmo.json", as_file(exported))
    assert report.questionnaire.organisation == org_b
    again = service.export_questionnaire(service.draft_of(report.questionnaire))
    assert again == exported
    assert report.entries == []
    # B has no bank yet, so every question was added to B's bank under the same code.
    assert [q["reused"] for q in report.questions] == [False] * 4
    assert set(Question.objects.filter(organisation=org_b).values_list("code", flat=True)) == {
        i["key"] for i in exported["items"]
    }


def test_round_trip_of_an_imported_limesurvey_survey(org_a, org_b):
    install_bank(org_a)
    report = service.import_questionnaire(org_a, "b.lss", LSS)
    exported = service.export_questionnaire(service.draft_of(report.questionnaire))
    install_bank(org_b)
    second = service.import_questionnaire(org_b, "b.json", as_file(exported))
    assert service.export_questionnaire(service.draft_of(second.questionnaire)) == exported
    # B's own bank already had "Wat kan er beter?": it was reused there too.
    assert [q["item_key"] for q in second.questions if q["reused"]] == ["core_improve"]


def test_same_organisation_gets_a_new_name(org_a, draft, filled):
    exported = service.export_questionnaire(draft)
    report = service.import_questionnaire(org_a, "copy.json", as_file(exported))
    assert report.questionnaire.name == "Wmo-onderzoek (2)"
    # The bank questions of the original are the ones used.
    assert all(q["reused"] for q in report.questions)


def test_without_reuse_a_matching_bank_question_is_offered(org_a, draft, filled):
    exported = service.export_questionnaire(draft)
    report = service.import_questionnaire(org_a, "copy.json", as_file(exported), reuse_bank=False)
    grade = filled["grade"].question
    first = report.questions[0]
    assert (first["reused"], first["match"]) == (False, grade.pk)
    assert Question.objects.get(pk=first["question"]).code == f"{grade.code}-2"


def broken_documents(exported: dict) -> dict[str, tuple[bytes, str]]:
    later = json.loads(json.dumps(exported))
    later["items"][0]["condition"] = {
        "item": later["items"][-1]["key"],
        "operator": "equals",
        "value": "1",
    }
    one_option = json.loads(json.dumps(exported))
    one_option["items"][-1] = {
        **one_option["items"][-1],
        "type": "single_choice",
        "options": [{"value": "a", "nl": "Alleen"}],
    }
    twice = json.loads(json.dumps(exported))
    twice["items"][1]["key"] = twice["items"][0]["key"]
    return {
        "not JSON": (b"{nope", "not valid JSON"),
        "newer format": (as_file({**exported, "schema_version": 2}), "version 2"),
        "unknown type": (
            as_file({**exported, "items": [{**exported["items"][0], "type": "ranking"}]}),
            "does not follow the questionnaire format \\(at items/0/type\\)",
        ),
        "condition on a later question": (as_file(later), "not an earlier question"),
        "a key used twice": (as_file(twice), "used twice"),
        # Fails on the last item, after the others were made: all of it is undone.
        "invalid last question": (as_file(one_option), "at least two answer options"),
        "too large": (b" " * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
    }


def test_broken_documents_create_nothing(org_a, org_b, draft, filled):
    exported = service.export_questionnaire(draft)
    for case, (data, message) in broken_documents(exported).items():
        with pytest.raises(service.ImportFailed, match=message):
            service.import_questionnaire(org_b, "x.json", data)
        assert not Questionnaire.objects.filter(organisation=org_b).exists(), case
        assert not Question.objects.filter(organisation=org_b).exists(), case
        assert not ImportReport.objects.exists(), case
