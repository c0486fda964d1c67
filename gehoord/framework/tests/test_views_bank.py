"""Staff screens of the framework: questionnaires, the builder, the preview and the bank."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from gehoord.catalog.tests.factories import make_service, make_stage
from gehoord.framework import service
from gehoord.framework.models import (
    Question,
)
from gehoord.framework.question_types import QuestionType
from gehoord.framework.tests.factories import make_question

from .helpers import page_of

pytestmark = pytest.mark.django_db

# Question bank ----------------------------------------------------------------------------


def test_bank_list_filters(analyst, bank):
    url = reverse("framework:question_list")
    page = page_of(analyst.get(url))
    assert "Ik werd snel geholpen." in page and "Wat ging goed?" in page
    wmo = page_of(analyst.get(url + "?set=wmo"))
    assert "Ik werd snel geholpen." in wmo and "Wat ging goed?" not in wmo
    open_ = page_of(analyst.get(url + "?type=open_text"))
    assert "Wat ging goed?" in open_ and "Ik werd snel geholpen." not in open_
    found = page_of(analyst.get(url + "?q=serieus"))
    assert "De medewerker nam mij serieus." in found and "Wat ging goed?" not in found
    own = page_of(analyst.get(url + "?set=eigen"))
    assert "Geen vragen gevonden" in own


def test_bank_list_query_count_does_not_grow_with_rows(analyst, org_a, bank):
    url = reverse("framework:question_list")
    with CaptureQueriesContext(connection) as few:
        assert analyst.get(url).status_code == 200
    indicator, driver = bank["wmo_02_snel_geholpen"].indicator, bank["wmo_02_snel_geholpen"].driver
    for i in range(10):
        make_question(
            org_a,
            f"extra-{i}",
            QuestionType.GRADE,
            f"Vraag {i}?",
            indicator=indicator,
            driver=driver,
        )
    with CaptureQueriesContext(connection) as many:
        assert analyst.get(url).status_code == 200
    assert len(many) == len(few)


def test_bank_create_choice_question(analyst, org_a):
    response = analyst.post(
        reverse("framework:question_create"),
        {
            "type": "single_choice",
            "code": "kanaal",
            "text_nl": "Hoe nam u contact op?",
            "options": "balie | Aan de balie | At the desk\n\ntelefoon | Telefoon\n",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(code="kanaal")
    assert question.organisation == org_a
    assert question.options == [
        {"value": "balie", "nl": "Aan de balie", "en": "At the desk"},
        {"value": "telefoon", "nl": "Telefoon"},
    ]
    edit = page_of(analyst.get(reverse("framework:question_update", args=[question.pk])))
    assert "balie | Aan de balie | At the desk" in edit


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "single_choice", "options": "alleen een regel zonder streep"}, "Regel 1"),
        ({"type": "single_choice", "options": "ja | Ja"}, "minstens twee antwoorden"),
        ({"type": "single_choice", "options": "a | Een\na | Twee"}, "eigen waarde"),
        ({"type": "open_text", "options": "a | Een\nb | Twee"}, "Alleen keuzevragen"),
        ({"type": "number", "min_value": "10", "max_value": "1"}, "niet lager zijn"),
        ({"type": "grade", "min_value": "1"}, "Alleen getalvragen"),
    ],
)
def test_bank_question_with_invalid_content_stores_nothing(analyst, data, message):
    response = analyst.post(
        reverse("framework:question_create"), {"code": "nieuw", "text_nl": "Een vraag?", **data}
    )
    assert response.status_code == 200
    page = page_of(response)
    assert 'class="error-summary"' in page and message in page
    assert Question.objects.count() == 0


def test_bank_options_message_is_not_repeated(analyst):
    response = analyst.post(
        reverse("framework:question_create"),
        {"code": "nieuw", "text_nl": "Een vraag?", "type": "single_choice", "options": "x"},
    )
    assert "minstens twee antwoorden" not in page_of(response)


def test_bank_foreign_indicator_and_driver_are_refused(analyst, org_a, org_b):
    service.install_defaults(org_b)
    foreign = Question.objects.get(organisation=org_b, code="wmo_02_snel_geholpen")
    for field, value in (("indicator", foreign.indicator_id), ("driver", foreign.driver_id)):
        response = analyst.post(
            reverse("framework:question_create"),
            {"code": "nieuw", "text_nl": "Een vraag?", "type": "grade", field: value},
        )
        assert response.status_code == 200 and 'class="error-summary"' in page_of(response)
    assert not Question.objects.filter(organisation=org_a).exists()


def test_bank_type_is_locked_once_published(analyst, draft, bank):
    grade = bank["core_grade"]
    service.add_question(draft, grade)
    service.publish(draft)
    url = reverse("framework:question_update", args=[grade.pk])
    assert "Maak een nieuwe vraag" in page_of(analyst.get(url))
    response = analyst.post(
        url, {"type": "agreement", "code": grade.code, "text_nl": "Welk rapportcijfer geeft u ons?"}
    )
    assert response.status_code == 302
    grade.refresh_from_db()
    assert grade.type == QuestionType.GRADE and grade.text_nl == "Welk rapportcijfer geeft u ons?"


def test_bank_archive_and_restore(analyst, questionnaire, bank):
    grade = bank["core_grade"]
    analyst.post(reverse("framework:question_archive", args=[grade.pk]))
    grade.refresh_from_db()
    assert grade.archived_at is not None
    assert "Welk rapportcijfer" not in page_of(analyst.get(reverse("framework:question_list")))
    builder = page_of(analyst.get(reverse("framework:builder", args=[questionnaire.pk])))
    assert f'value="{grade.pk}"' not in builder
    analyst.post(reverse("framework:question_restore", args=[grade.pk]))
    grade.refresh_from_db()
    assert grade.archived_at is None


def test_edit_keeps_an_archived_service_and_stage_selectable(analyst, org_a, questionnaire):
    from gehoord.catalog import service as catalog_service

    old = make_service(org_a, "Oude dienst")
    stage = make_stage(org_a, "Oude fase", journey="Oude reis")
    journey = stage.journey
    questionnaire.services.add(old)
    questionnaire.stage = stage
    questionnaire.save()
    catalog_service.archive(old)
    catalog_service.archive(journey)
    url = reverse("framework:questionnaire_update", args=[questionnaire.pk])
    response = analyst.post(
        url, {"name": questionnaire.name, "services": [old.pk], "stage": stage.pk}
    )
    assert response.status_code == 302
    assert page_of(analyst.get(reverse("framework:questionnaire_create"))).count("Oude") == 0


def test_english_interface(analyst, questionnaire, filled):
    analyst.post(reverse("set_language"), {"language": "en"})
    page = page_of(analyst.get(reverse("framework:builder", args=[questionnaire.pk])))
    assert "Draft: version 1" in page and "Question from the question bank" in page
    # Question texts stay as written: the builder shows the Dutch text residents get first.
    assert filled["grade"].text_nl in page


# Readability tips (gehoord.framework.readability) ---------------------------------------

HARD_TEXT = (
    "Teneinde de doelmatigheid van de dienstverlening ten aanzien van de "
    "maatschappelijke ondersteuning adequaat te kunnen evalueren, wordt door de "
    "gemeente verzocht om onderstaande vragenlijst, welke door uw contactpersoon werd "
    "aangereikt, zorgvuldig, nauwkeurig en volledig in te vullen en te retourneren."
)


@pytest.fixture
def hard_findings():
    readability = pytest.importorskip("gehoord.framework.readability")
    with translation.override("nl"):  # as the staff pages show them
        findings = readability.check_text(HARD_TEXT, "nl")
    assert findings, "the checker should flag this long, formal sentence"
    return findings


def test_readability_tips_on_the_question_form_never_block(analyst, org_a, hard_findings):
    from django.utils.html import escape

    response = analyst.post(
        reverse("framework:question_create"),
        {"type": "open_text", "code": "moeilijk", "text_nl": HARD_TEXT},
    )
    question = Question.objects.get(code="moeilijk")
    # Saved anyway, and back on the form so the tips can be acted on.
    assert response["Location"] == reverse("framework:question_update", args=[question.pk])
    page = page_of(analyst.get(response["Location"]))
    assert "is misschien moeilijk te lezen" in page
    assert escape(str(hard_findings[0].message)) in page
    assert 'aria-describedby="id_text_nl_helptext taaltips"' in page
    # An invalid form shows the tips of the text as typed, beside the error.
    response = analyst.post(
        reverse("framework:question_create"),
        {"type": "open_text", "code": "", "text_nl": HARD_TEXT},
    )
    assert 'class="error-summary"' in page_of(response) and 'class="readability"' in page_of(
        response
    )


def test_readability_tips_in_the_builder(analyst, org_a, questionnaire, draft, hard_findings):
    question = make_question(org_a, "moeilijk", QuestionType.OPEN_TEXT, HARD_TEXT)
    service.add_question(draft, question)
    page = page_of(analyst.get(reverse("framework:builder", args=[questionnaire.pk])))
    assert 'class="readability"' in page and "Taaltip (B1):" in page


def test_plain_text_has_no_tips(analyst, org_a, questionnaire, draft, bank, hard_findings):
    service.add_question(draft, bank["core_went_well"])
    page = page_of(analyst.get(reverse("framework:builder", args=[questionnaire.pk])))
    assert 'class="readability"' not in page
