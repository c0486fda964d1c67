"""Use cases of framework/service.py: versioning, the builder operations and the defaults."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from gehoord.framework import service
from gehoord.framework.models import (
    ConditionOperator,
    Driver,
    Indicator,
    PublishedVersionError,
    Question,
    QuestionnaireVersion,
    VersionItem,
    VersionStatus,
)
from gehoord.framework.question_types import QuestionType
from gehoord.framework.standard_sets import CORE, HUMAN_DIMENSION, WMO
from gehoord.framework.tests.factories import make_question

pytestmark = pytest.mark.django_db

# DESIGN.md §7, copied by hand so a changed standard set fails this test.
WMO_ITEMS = [
    "Ik wist waar ik moest zijn met mijn hulpvraag.",
    "Ik werd snel geholpen.",
    "De medewerker nam mij serieus.",
    "De medewerker en ik hebben in het gesprek samen naar oplossingen gezocht.",
    "Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner?",
    "Ik vind de kwaliteit van de ondersteuning die ik krijg goed.",
    "De ondersteuning die ik krijg past bij mijn hulpvraag.",
    "Door de ondersteuning die ik krijg kan ik beter de dingen doen die ik wil.",
    "Door de ondersteuning die ik krijg kan ik mij beter redden.",
    "Door de ondersteuning die ik krijg heb ik een betere kwaliteit van leven.",
]
HUMAN_DIMENSION_ITEMS = [
    "Ik voel me gelijkwaardig behandeld.",
    "Werk en Inkomen behandelt mij als mens en niet als nummer.",
    "Ik heb vertrouwen in de dienstverlening van de gemeente.",
    "Ik voel me persoonlijk en respectvol behandeld.",
    "Er wordt rekening gehouden met wat er in mijn leven speelt.",
]


@pytest.fixture
def bank(org_a):
    service.install_defaults(org_a)
    return {q.code: q for q in Question.objects.filter(organisation=org_a)}


@pytest.fixture
def draft(org_a):
    questionnaire = service.create_questionnaire(org_a, "Wmo-onderzoek")
    return service.draft_of(questionnaire)


def texts(version):
    return [i.text_nl for i in version.items.order_by("page", "position", "pk")]


def layout(version):
    return [
        (i.question.code, i.page, i.position)
        for i in version.items.select_related("question").order_by("page", "position")
    ]


def publishable(draft, bank):
    service.add_question(draft, bank["core_grade"], page=1)
    service.add_question(draft, bank["wmo_01_wist_waar"], page=1)
    service.add_question(draft, bank["wmo_02_snel_geholpen"], page=2)
    return service.publish(draft)


# Defaults ---------------------------------------------------------------------------------


def test_install_defaults_is_idempotent_and_keeps_edits(org_a, bank):
    counts = (Indicator.objects.count(), Driver.objects.count(), Question.objects.count())
    edited = bank["core_grade"]
    edited.text_nl = "Welk cijfer geeft u ons?"
    edited.save()
    service.install_defaults(org_a)
    assert (Indicator.objects.count(), Driver.objects.count(), Question.objects.count()) == counts
    edited.refresh_from_db()
    assert edited.text_nl == "Welk cijfer geeft u ons?"


def test_install_defaults_per_organisation(org_a, org_b, bank):
    service.install_defaults(org_b)
    assert Question.objects.filter(organisation=org_b).count() == len(bank)


def test_standard_sets_word_for_word(bank):
    wmo = Question.objects.filter(standard_set=WMO).order_by("code")
    assert [q.text_nl for q in wmo] == WMO_ITEMS
    assert [q.type for q in wmo] == [QuestionType.AGREEMENT] * 4 + [QuestionType.YES_NO] + [
        QuestionType.AGREEMENT
    ] * 5
    human = Question.objects.filter(standard_set=HUMAN_DIMENSION)
    assert sorted(q.text_nl for q in human) == sorted(HUMAN_DIMENSION_ITEMS)
    assert {q.type for q in human} == {QuestionType.AGREEMENT}
    core = {q.code: q for q in Question.objects.filter(standard_set=CORE)}
    assert core["core_grade"].type == QuestionType.GRADE
    assert core["core_grade"].text_nl.startswith("Welk rapportcijfer geeft u ")
    assert core["core_effort"].text_nl.startswith("Het kostte mij weinig moeite om ")
    assert core["core_improve"].text_nl == "Wat kan er beter?"
    assert core["core_went_well"].text_nl == "Wat ging goed?"
    assert core["core_follow_up"].text_nl == (
        "Wilt u dat wij contact met u opnemen over uw antwoorden?"
    )
    assert core["core_grade"].indicator.code == "overall_grade"


# Published versions never change ------------------------------------------------------------


def test_published_version_cannot_be_saved_or_deleted(draft, bank):
    version = publishable(draft, bank)
    version.title_nl = "Anders"
    with pytest.raises(PublishedVersionError):
        version.save()
    with pytest.raises(PublishedVersionError):
        version.delete()
    item = version.items.first()
    item.text_nl = "Anders"
    with pytest.raises(PublishedVersionError):
        item.save()
    with pytest.raises(PublishedVersionError):
        item.delete()
    version.refresh_from_db()
    assert version.title_nl == "Wmo-onderzoek" and version.items.count() == 3


def test_service_refuses_to_change_a_published_version(draft, bank):
    version = publishable(draft, bank)
    item = version.items.order_by("page", "position").last()
    before = layout(version)
    for change in (
        lambda: service.add_question(version, bank["wmo_03_serieus"]),
        lambda: service.move_item(item, -1),
        lambda: service.remove_item(item),
        lambda: service.publish(version),
    ):
        with pytest.raises(ValidationError):
            change()
    assert layout(version) == before


# Drafts -----------------------------------------------------------------------------------


def test_create_questionnaire_starts_with_an_empty_draft(org_a):
    questionnaire = service.create_questionnaire(org_a, "Paspoort", open_link_enabled=True)
    draft = service.draft_of(questionnaire)
    assert draft.number == 1 and draft.title_nl == "Paspoort" and draft.items.count() == 0
    assert questionnaire.open_link_enabled
    # The audit trail records the version, without the meaningless reverse `items` field.
    logged = LogEntry.objects.get_for_object(draft).get()
    assert "title_nl" in logged.changes_dict and "items" not in logged.changes_dict


def test_start_new_draft_returns_the_open_draft(draft):
    assert service.start_new_draft(draft.questionnaire) == draft


def test_start_new_draft_copies_items_and_conditions(draft, bank):
    service.add_question(draft, bank["core_grade"], page=1, required=True)
    follow_up = service.add_question(draft, bank["core_follow_up"], page=1)
    why = service.add_question(draft, bank["core_improve"], page=2)
    why.condition_item = follow_up
    why.condition_operator = ConditionOperator.EQUALS
    why.condition_value = "1"
    why.save()
    draft.title_en = "Survey"
    draft.intro_nl = "Fijn dat u meedoet."
    draft.save()
    published = service.publish(draft)

    new = service.start_new_draft(published.questionnaire)
    assert new.number == 2 and new.status == VersionStatus.DRAFT
    assert (new.title_nl, new.title_en, new.intro_nl) == (
        "Wmo-onderzoek",
        "Survey",
        "Fijn dat u meedoet.",
    )
    assert layout(new) == layout(published)
    assert set(new.items.values_list("pk", flat=True)).isdisjoint(
        published.items.values_list("pk", flat=True)
    )
    copied_why = new.items.get(question=bank["core_improve"])
    # The condition points at the copy in the new draft, not at the published item.
    assert copied_why.condition_item.version == new
    assert copied_why.condition_item.question == bank["core_follow_up"]
    assert (copied_why.condition_operator, copied_why.condition_value) == ("equals", "1")
    assert new.items.get(question=bank["core_grade"]).required


def test_add_question_refuses_foreign_question_and_duplicates(draft, bank, org_b):
    foreign = make_question(org_b, "vreemd", QuestionType.OPEN_TEXT, "Vreemde vraag?")
    with pytest.raises(ValidationError, match="andere organisatie|another organisation"):
        service.add_question(draft, foreign)
    service.add_question(draft, bank["core_grade"])
    with pytest.raises(ValidationError):
        service.add_question(draft, bank["core_grade"])
    assert draft.items.count() == 1


def test_add_question_copies_content_and_appends_to_page(draft, bank):
    first = service.add_question(draft, bank["core_grade"])
    assert (first.page, first.position) == (1, 1)
    assert first.text_nl == bank["core_grade"].text_nl and first.type == QuestionType.GRADE
    service.add_question(draft, bank["wmo_01_wist_waar"], page=2)
    last = service.add_question(draft, bank["wmo_02_snel_geholpen"])  # default: last page
    assert (last.page, last.position) == (2, 2)


@pytest.fixture
def two_pages(draft, bank):
    for code, page in (
        ("core_grade", 1),
        ("wmo_01_wist_waar", 1),
        ("wmo_02_snel_geholpen", 2),
        ("wmo_03_serieus", 2),
    ):
        service.add_question(draft, bank[code], page=page)
    return draft


def test_move_item_within_a_page(two_pages):
    item = two_pages.items.get(question__code="wmo_01_wist_waar")
    service.move_item(item, -1)
    assert layout(two_pages)[:2] == [("wmo_01_wist_waar", 1, 1), ("core_grade", 1, 2)]


def test_move_item_up_across_pages_lands_at_the_end_of_the_earlier_page(two_pages):
    item = two_pages.items.get(question__code="wmo_02_snel_geholpen")
    service.move_item(item, -1)
    assert layout(two_pages) == [
        ("core_grade", 1, 1),
        ("wmo_01_wist_waar", 1, 2),
        ("wmo_02_snel_geholpen", 1, 3),
        ("wmo_03_serieus", 2, 1),
    ]


def test_move_item_down_across_pages_lands_at_the_start_of_the_later_page(two_pages):
    item = two_pages.items.get(question__code="wmo_01_wist_waar")
    service.move_item(item, 1)
    assert layout(two_pages) == [
        ("core_grade", 1, 1),
        ("wmo_01_wist_waar", 2, 1),
        ("wmo_02_snel_geholpen", 2, 2),
        ("wmo_03_serieus", 2, 3),
    ]


def test_move_item_at_the_edges_does_nothing(two_pages):
    before = layout(two_pages)
    service.move_item(two_pages.items.get(question__code="core_grade"), -1)
    service.move_item(two_pages.items.get(question__code="wmo_03_serieus"), 1)
    assert layout(two_pages) == before


def test_remove_item_clears_conditions_that_depend_on_it(two_pages):
    grade = two_pages.items.get(question__code="core_grade")
    dependent = two_pages.items.get(question__code="wmo_03_serieus")
    dependent.condition_item = grade
    dependent.condition_operator = ConditionOperator.AT_MOST
    dependent.condition_value = "5"
    dependent.save()
    service.remove_item(grade)
    dependent.refresh_from_db()
    assert (dependent.condition_item, dependent.condition_operator, dependent.condition_value) == (
        None,
        "",
        "",
    )


# Publishing -------------------------------------------------------------------------------


def test_publication_problems(draft, bank):
    assert len(service.publication_problems(draft)) == 2  # no questions, no grade
    service.add_question(draft, bank["wmo_01_wist_waar"], page=1)
    assert len(service.publication_problems(draft)) == 1  # still no grade
    grade = service.add_question(draft, bank["core_grade"], page=1)
    assert service.publication_problems(draft) == []
    dependent = draft.items.get(question__code="wmo_01_wist_waar")
    dependent.condition_item = grade
    dependent.condition_operator = ConditionOperator.AT_MOST
    dependent.condition_value = "5"
    dependent.save()
    [problem] = service.publication_problems(draft)
    assert dependent.text_nl in problem


def test_publish_refuses_a_version_with_problems(draft, bank):
    service.add_question(draft, bank["wmo_01_wist_waar"])
    with pytest.raises(ValidationError):
        service.publish(draft)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT and draft.published_at is None


def test_publish_freezes_the_bank_text_of_that_moment(draft, bank):
    grade = bank["core_grade"]
    service.add_question(draft, grade)
    grade.text_nl = "Welk rapportcijfer geeft u ons loket?"
    grade.help_nl = "1 is heel slecht, 10 is uitstekend."
    grade.save()
    version = service.publish(draft)
    assert version.status == VersionStatus.PUBLISHED and version.published_at
    item = version.items.get()
    assert (item.text_nl, item.help_nl) == (grade.text_nl, grade.help_nl)
    # Editing the bank afterwards never reaches the published version.
    grade.text_nl = "Nog een andere tekst?"
    grade.save()
    item.refresh_from_db()
    assert item.text_nl == "Welk rapportcijfer geeft u ons loket?"


def test_publish_checks_the_refreshed_bank_content(draft, bank):
    """The problems are judged on what will be published, not on the older copy."""
    grade = bank["core_grade"]
    service.add_question(draft, grade)
    grade.type = QuestionType.AGREEMENT  # the bank question is no longer a grade
    grade.save()
    with pytest.raises(ValidationError):
        service.publish(draft)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    assert draft.items.get().type == QuestionType.GRADE  # nothing half-done


def test_one_draft_per_questionnaire(draft, bank):
    publishable(draft, bank)
    second = service.start_new_draft(draft.questionnaire)
    assert service.start_new_draft(draft.questionnaire) == second
    assert (
        QuestionnaireVersion.objects.filter(
            questionnaire=draft.questionnaire, status=VersionStatus.DRAFT
        ).count()
        == 1
    )


def test_latest_published(draft, bank):
    assert service.latest_published(draft.questionnaire) is None
    first = publishable(draft, bank)
    second = service.publish(service.start_new_draft(draft.questionnaire))
    assert service.latest_published(draft.questionnaire) == second != first
    assert VersionItem.objects.filter(version=second).count() == 3
