"""How stored answers are shown to staff."""


def test_answers_are_displayed_as_people_read_them(questionnaire, org_a):
    from gehoord.surveys import service
    from gehoord.surveys.answers import display

    items = questionnaire.items
    response = service.record_interview(
        org_a,
        questionnaire.version,
        {
            str(items["grade"].pk): 8,
            str(items["effort"].pk): "4",
            str(items["channel"].pk): "balie",
            str(items["topics"].pk): ["geld", "zorg"],
            str(items["follow_up"].pk): 0,
            str(items["date"].pk): "2026-10-01",
            str(items["why_not"].pk): "Geen tijd",
        },
        channel="phone",
    )
    shown = {
        a.question.code: display(a) for a in response.answers.select_related("item", "question")
    }
    assert shown["core_grade"] == "8"
    assert shown["core_effort"] == "Mee eens (4)"
    assert shown["kanaal"] == "Aan de balie"
    assert shown["onderwerpen"] == "Geld, Zorg"
    assert shown["core_follow_up"] == "Nee"
    assert shown["datum"] == "01-10-2026"
    assert display(response.answers.get(question__code="core_effort"), "en") == "Agree (4)"
