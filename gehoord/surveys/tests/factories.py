"""A published questionnaire with every question type and a condition, for survey tests."""

from gehoord.catalog.models import Service
from gehoord.framework import service as framework_service
from gehoord.framework.models import ConditionOperator, Question
from gehoord.framework.question_types import QuestionType


def bank_question(organisation, code, type_, text_nl, text_en="", **extra):
    return Question.objects.create(organisation=organisation, code=code, type=type_,
                                   text_nl=text_nl, text_en=text_en, **extra)


def build_questionnaire(org_a):
    """Three pages: grade + effort; choices + follow-up; open, number, date and a question
    shown only when the resident does not want to be contacted."""
    framework_service.install_defaults(org_a)
    bank = {q.code: q for q in Question.objects.filter(organisation=org_a)}
    extra = {
        "channel": bank_question(org_a, "kanaal", QuestionType.SINGLE_CHOICE,
                                 "Hoe nam u contact op?", "How did you contact us?",
                                 options=[
                                     {"value": "balie", "nl": "Aan de balie", "en": "At the desk"},
                                     {"value": "telefoon", "nl": "Telefoon", "en": "Phone"}]),
        "topics": bank_question(org_a, "onderwerpen", QuestionType.MULTIPLE_CHOICE,
                                "Waarover ging het?", "What was it about?",
                                options=[{"value": "geld", "nl": "Geld", "en": "Money"},
                                         {"value": "werk", "nl": "Werk", "en": "Work"},
                                         {"value": "zorg", "nl": "Zorg", "en": "Care"}]),
        "visits": bank_question(org_a, "bezoeken", QuestionType.NUMBER,
                                "Hoe vaak was u er?", "How often were you there?",
                                min_value=0, max_value=50),
        "date": bank_question(org_a, "datum", QuestionType.DATE, "Wanneer was u er?",
                              "When were you there?"),
        "why_not": bank_question(org_a, "waarom_niet", QuestionType.OPEN_TEXT,
                                 "Waarom wilt u geen contact?", "Why not?"),
    }
    service = Service.objects.create(organisation=org_a, name="Bijstand")
    questionnaire = framework_service.create_questionnaire(
        org_a, "Klantonderzoek bijstand", title_nl="Hoe was het?", services=[service],
        open_link_enabled=True)
    version = framework_service.draft_of(questionnaire)
    version.title_en = "How was it?"
    version.save()
    add = framework_service.add_question
    items = {
        "grade": add(version, bank["core_grade"], page=1, required=True),
        "effort": add(version, bank["core_effort"], page=1),
        "channel": add(version, extra["channel"], page=2),
        "topics": add(version, extra["topics"], page=2),
        "follow_up": add(version, bank["core_follow_up"], page=2, required=True),
        "improve": add(version, bank["core_improve"], page=3),
        "visits": add(version, extra["visits"], page=3),
        "date": add(version, extra["date"], page=3),
        "why_not": add(version, extra["why_not"], page=3, required=True),
    }
    why_not = items["why_not"]
    why_not.condition_item = items["follow_up"]
    why_not.condition_operator = ConditionOperator.EQUALS
    why_not.condition_value = "0"
    why_not.save()
    questionnaire.version = framework_service.publish(version)
    questionnaire.items = {key: item.__class__.objects.get(pk=item.pk)
                           for key, item in items.items()}
    questionnaire.service = service
    return questionnaire
