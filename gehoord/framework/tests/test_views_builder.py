"""Staff screens of the framework: questionnaires, the builder, the preview and the bank."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.framework import service
from gehoord.framework.models import (
    ConditionOperator,
    QuestionnaireVersion,
    VersionItem,
    VersionStatus,
)
from gehoord.framework.question_types import QuestionType
from gehoord.framework.tests.factories import make_question

from .helpers import HTMX, layout, page_of

pytestmark = pytest.mark.django_db

# Builder ----------------------------------------------------------------------------------


def test_builder_shows_items_by_page_and_problems(analyst, questionnaire, filled):
    page = page_of(analyst.get(reverse("framework:builder", args=[questionnaire.pk])))
    assert "Concept: versie 1" in page
    assert page.index("Pagina 1") < page.index(filled["quick"].text_nl) < page.index("Pagina 2")
    assert 'Omhoog<span class="visually-hidden">: Ik werd snel geholpen.</span>' in page
    assert "Deze versie is klaar om te publiceren." in page and "Publiceren</button>" in page
    filled["grade"].delete()
    page = page_of(analyst.get(reverse("framework:builder", args=[questionnaire.pk])))
    assert "Nog niet klaar om te publiceren" in page
    assert "Voeg de vraag naar het rapportcijfer (1–10) toe." in page


def test_builder_without_draft_offers_a_new_version(analyst, questionnaire, draft, filled):
    service.publish(draft)
    url = reverse("framework:builder", args=[questionnaire.pk])
    page = page_of(analyst.get(url))
    assert "Versie 1 (gepubliceerd)" in page and "Nieuwe versie maken" in page
    assert reverse("framework:item_up", args=[filled["quick"].pk]) not in page
    response = analyst.post(reverse("framework:new_draft", args=[questionnaire.pk]))
    assert response.status_code == 302
    new = service.draft_of(questionnaire)
    assert new.number == 2 and new.items.count() == 4


def test_builder_query_count_does_not_grow_with_items(analyst, org_a, questionnaire, draft):
    url = reverse("framework:builder", args=[questionnaire.pk])

    def fill(start, count):
        for i in range(start, start + count):
            question = make_question(org_a, f"vraag-{i}", QuestionType.AGREEMENT, f"Stelling {i}.")
            item = service.add_question(draft, question, page=1 + i % 3)
            if i % 3:
                first = draft.items.filter(page=1).first()
                item.condition_item = first
                item.condition_operator = ConditionOperator.AT_LEAST
                item.condition_value = "4"
                item.save()

    fill(0, 3)
    with CaptureQueriesContext(connection) as few:
        assert analyst.get(url).status_code == 200
    fill(3, 12)
    with CaptureQueriesContext(connection) as many:
        assert analyst.get(url).status_code == 200
    assert len(many) == len(few)


def test_add_question(analyst, draft, bank):
    url = reverse("framework:item_add", args=[draft.pk])
    response = analyst.post(url, {"question": bank["core_grade"].pk, "page": 1, "required": "on"})
    assert response.status_code == 302
    item = draft.items.get()
    assert item.question == bank["core_grade"] and item.required and item.page == 1
    followed = analyst.get(response["Location"])
    assert "is toegevoegd aan pagina 1" in page_of(followed)
    # Already in the draft: no longer offered, and refused when posted anyway.
    assert f'value="{bank["core_grade"].pk}"' not in page_of(followed)
    response = analyst.post(url, {"question": bank["core_grade"].pk, "page": 1})
    assert response.status_code == 200 and 'class="error-summary"' in page_of(response)
    assert draft.items.count() == 1


def test_add_question_options_are_grouped_by_standard_set(analyst, questionnaire, bank):
    page = page_of(analyst.get(reverse("framework:builder", args=[questionnaire.pk])))
    assert '<optgroup label="Wmo-cliëntervaring">' in page
    assert page.index("Kernvragen") < page.index("Wmo-cliëntervaring")
    search = page_of(
        analyst.get(reverse("framework:builder", args=[questionnaire.pk]) + "?zoek=serieus")
    )
    assert "De medewerker nam mij serieus." in search and "Ik werd snel geholpen." not in search


def test_add_foreign_question_is_refused(analyst, draft, org_b):
    foreign = make_question(org_b, "vreemd", QuestionType.GRADE, "Vreemd cijfer?")
    response = analyst.post(
        reverse("framework:item_add", args=[draft.pk]), {"question": foreign.pk, "page": 1}
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in page_of(response)
    assert VersionItem.objects.count() == 0


def test_add_question_to_a_page_too_far_away_is_refused(analyst, draft, bank):
    response = analyst.post(
        reverse("framework:item_add", args=[draft.pk]),
        {"question": bank["core_grade"].pk, "page": 3},
    )
    assert response.status_code == 200 and 'class="error-summary"' in page_of(response)
    assert draft.items.count() == 0


def test_add_question_with_htmx_returns_the_section(analyst, draft, bank):
    response = analyst.post(
        reverse("framework:item_add", args=[draft.pk]),
        {"question": bank["core_grade"].pk, "page": 1},
        **HTMX,
    )
    page = page_of(response)
    assert response.status_code == 200
    assert page.lstrip().startswith('<section id="versie"') and "<html" not in page
    assert 'hx-swap-oob="innerHTML"' in page and "is toegevoegd" in page


def test_move_up_and_down(analyst, draft, filled):
    analyst.post(reverse("framework:item_up", args=[filled["serious"].pk]))
    assert [row[:3] for row in layout(draft)] == [
        ("core_grade", 1, 1),
        ("wmo_02_snel_geholpen", 1, 2),
        ("wmo_03_serieus", 1, 3),
        ("core_improve", 2, 1),
    ]
    analyst.post(reverse("framework:item_up", args=[filled["serious"].pk]))
    analyst.post(reverse("framework:item_down", args=[filled["grade"].pk]))
    assert [row[0] for row in layout(draft)] == [
        "wmo_03_serieus",
        "core_grade",
        "wmo_02_snel_geholpen",
        "core_improve",
    ]
    response = analyst.post(reverse("framework:item_down", args=[filled["quick"].pk]), follow=True)
    assert "omlaag gezet. De vraag staat nu op pagina 2" in page_of(response)
    assert layout(draft)[-1][:3] == ("core_improve", 2, 2)


def test_move_needs_post(analyst, filled):
    url = reverse("framework:item_up", args=[filled["quick"].pk])
    assert analyst.get(url).status_code == 405


def test_remove_and_required(analyst, draft, filled):
    analyst.post(reverse("framework:item_required", args=[filled["quick"].pk]), {"required": "1"})
    filled["quick"].refresh_from_db()
    assert filled["quick"].required
    analyst.post(reverse("framework:item_required", args=[filled["quick"].pk]), {"required": "0"})
    filled["quick"].refresh_from_db()
    assert not filled["quick"].required
    response = analyst.post(
        reverse("framework:item_remove", args=[filled["improve"].pk]), follow=True
    )
    assert "is uit deze versie gehaald" in page_of(response)
    assert not VersionItem.objects.filter(pk=filled["improve"].pk).exists()


def test_set_a_condition(analyst, draft, filled):
    url = reverse("framework:item_settings", args=[filled["serious"].pk])
    page = page_of(analyst.get(url))
    # Only questions on earlier pages, and only those whose answer can be compared.
    assert f'value="{filled["grade"].pk}"' in page
    assert f'value="{filled["improve"].pk}"' not in page
    assert "1 = Helemaal niet mee eens" in page
    response = analyst.post(
        url,
        {
            "page": 2,
            "condition_item": filled["grade"].pk,
            "condition_operator": "at_most",
            "condition_value": "5,0",
        },
    )
    assert response.status_code == 302
    filled["serious"].refresh_from_db()
    assert (
        filled["serious"].condition_item,
        filled["serious"].condition_operator,
        filled["serious"].condition_value,
    ) == (filled["grade"], "at_most", "5")
    builder = page_of(analyst.get(response["Location"]))
    assert "Alleen te zien als het antwoord op" in builder and "is hoogstens 5" in builder
    # Clearing it again.
    analyst.post(
        url, {"page": 2, "condition_item": "", "condition_operator": "", "condition_value": ""}
    )
    filled["serious"].refresh_from_db()
    assert filled["serious"].condition_item is None


@pytest.mark.parametrize(
    ("operator", "value", "message"),
    [
        ("at_least", "11", "Gebruik een van deze waarden"),
        ("equals", "", "Vul de waarde in"),
        ("", "5", "Kies hoe het antwoord wordt vergeleken"),
        ("equals", "veel", "Vul een getal in"),
    ],
)
def test_invalid_condition_is_a_message(analyst, filled, operator, value, message):
    url = reverse("framework:item_settings", args=[filled["serious"].pk])
    response = analyst.post(
        url,
        {
            "page": 2,
            "condition_item": filled["grade"].pk,
            "condition_operator": operator,
            "condition_value": value,
        },
    )
    assert response.status_code == 200
    assert message in page_of(response)
    filled["serious"].refresh_from_db()
    assert filled["serious"].condition_item is None


def test_condition_on_the_same_page_is_refused(analyst, filled):
    url = reverse("framework:item_settings", args=[filled["improve"].pk])
    response = analyst.post(
        url,
        {
            "page": 2,
            "condition_item": filled["serious"].pk,
            "condition_operator": "equals",
            "condition_value": "5",
        },
    )
    assert response.status_code == 200
    filled["improve"].refresh_from_db()
    assert filled["improve"].condition_item is None


def test_condition_on_a_choice_question(analyst, org_a, draft, filled):
    channel = make_question(
        org_a,
        "kanaal",
        QuestionType.SINGLE_CHOICE,
        "Hoe nam u contact op?",
        options=[{"value": "balie", "nl": "Aan de balie"}, {"value": "telefoon", "nl": "Telefoon"}],
    )
    service.add_question(draft, channel, page=1)
    url = reverse("framework:item_settings", args=[filled["improve"].pk])
    item_pk = draft.items.get(question=channel).pk
    response = analyst.post(
        url,
        {
            "page": 2,
            "condition_item": item_pk,
            "condition_operator": "at_least",
            "condition_value": "balie",
        },
    )
    assert "werken alleen met getallen" in page_of(response)
    response = analyst.post(
        url,
        {
            "page": 2,
            "condition_item": item_pk,
            "condition_operator": "not_equals",
            "condition_value": "3",
        },
    )
    assert "Gebruik de waarde van een van de antwoorden" in page_of(response)
    response = analyst.post(
        url,
        {
            "page": 2,
            "condition_item": item_pk,
            "condition_operator": "equals",
            "condition_value": "post",
        },
    )
    assert "balie = Aan de balie" in page_of(response)
    response = analyst.post(
        url,
        {
            "page": 2,
            "condition_item": item_pk,
            "condition_operator": "equals",
            "condition_value": "balie",
        },
    )
    assert response.status_code == 302


def test_move_to_another_page_in_settings(analyst, draft, filled):
    url = reverse("framework:item_settings", args=[filled["grade"].pk])
    response = analyst.post(url, {"page": 4})  # page 3 would start a new page; 4 is too far
    assert response.status_code == 200 and 'class="error-summary"' in page_of(response)
    assert analyst.post(url, {"page": 2}).status_code == 302
    assert [row[:3] for row in layout(draft)] == [
        ("wmo_02_snel_geholpen", 1, 1),
        ("wmo_03_serieus", 2, 1),
        ("core_improve", 2, 2),
        ("core_grade", 2, 3),
    ]


def test_publish(analyst, questionnaire, draft, bank):
    url = reverse("framework:publish", args=[draft.pk])
    service.add_question(draft, bank["wmo_01_wist_waar"])
    response = analyst.post(url, follow=True)
    assert "kan nog niet gepubliceerd worden" in page_of(response)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    service.add_question(draft, bank["core_grade"])
    response = analyst.post(url, follow=True)
    assert "Versie 1 is gepubliceerd" in page_of(response)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED


def test_version_texts(analyst, draft):
    url = reverse("framework:version_texts", args=[draft.pk])
    assert analyst.get(url).status_code == 200
    response = analyst.post(
        url,
        {
            "title_nl": "Hoe was het?",
            "title_en": "How was it?",
            "intro_nl": "Het duurt 3 minuten.",
            "intro_en": "",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title_nl, draft.title_en) == ("Hoe was het?", "How was it?")
    response = analyst.post(url, {"title_nl": ""})
    assert response.status_code == 200 and 'class="error-summary"' in page_of(response)


def test_every_change_to_a_published_version_is_refused(analyst, questionnaire, draft, filled):
    version = service.publish(draft)
    item = filled["quick"]
    before = (
        layout(version),
        QuestionnaireVersion.objects.filter(pk=version.pk).values_list("title_nl", "status").get(),
    )
    posts = [
        ("item_add", version.pk, {"question": filled["grade"].question_id, "page": 1}),
        ("item_up", item.pk, {}),
        ("item_down", item.pk, {}),
        ("item_required", item.pk, {"required": "1"}),
        ("item_remove", item.pk, {}),
        ("item_settings", item.pk, {"page": 2}),
        ("version_texts", version.pk, {"title_nl": "Anders"}),
        ("publish", version.pk, {}),
    ]
    for name, pk, data in posts:
        url = reverse(f"framework:{name}", args=[pk])
        response = analyst.post(url, data, follow=True)
        assert response.status_code == 200, name
        assert "is gepubliceerd en kan niet meer veranderen" in page_of(response), name
        if name in ("item_settings", "version_texts"):
            assert analyst.get(url).status_code == 302, name
        else:
            htmx = analyst.post(url, data, **HTMX)
            assert htmx.status_code == 200, name
            assert "is gepubliceerd en kan niet meer veranderen" in page_of(htmx), name
    assert before == (
        layout(version),
        QuestionnaireVersion.objects.filter(pk=version.pk).values_list("title_nl", "status").get(),
    )


# Preview ----------------------------------------------------------------------------------


@pytest.fixture
def every_type(org_a, draft, bank):
    extra = [
        make_question(
            org_a,
            "kanaal",
            QuestionType.SINGLE_CHOICE,
            "Hoe nam u contact op?",
            text_en="How did you contact us?",
            options=[
                {"value": "balie", "nl": "Aan de balie", "en": "At the desk"},
                {"value": "telefoon", "nl": "Telefoon", "en": "Phone"},
            ],
        ),
        make_question(
            org_a,
            "onderwerpen",
            QuestionType.MULTIPLE_CHOICE,
            "Waarover ging het?",
            options=[{"value": "geld", "nl": "Geld"}, {"value": "werk", "nl": "Werk"}],
        ),
        make_question(
            org_a,
            "bezoeken",
            QuestionType.NUMBER,
            "Hoe vaak was u er?",
            min_value=0,
            max_value=50,
            help_nl="Tel alle keren mee.",
        ),
        make_question(org_a, "datum", QuestionType.DATE, "Wanneer was u er?"),
    ]
    for code in ("core_grade", "wmo_02_snel_geholpen", "wmo_05_clientondersteuner"):
        service.add_question(draft, bank[code], page=1)
    for question in extra:
        service.add_question(draft, question, page=2)
    service.add_question(draft, bank["core_improve"], page=3)
    draft.title_en = "How was it?"
    draft.save()
    return draft


def test_preview_in_dutch(analyst, every_type):
    page = page_of(analyst.get(reverse("framework:preview", args=[every_type.pk])))
    assert "Pagina 1 van 3" in page and "Pagina 3 van 3" in page
    assert "<legend>Welk rapportcijfer geeft u de dienstverlening?</legend>" in page
    assert page.count('type="radio"') == 10 + 6 + 2 + 2
    assert "Helemaal mee eens" in page and "Weet niet / n.v.t." in page
    assert "> Ja</label>" in page and "> Nee</label>" in page
    assert 'type="checkbox"' in page and 'type="date"' in page
    assert 'type="number"' in page and 'min="0"' in page and 'max="50"' in page
    assert "Tel alle keren mee." in page and "<textarea" in page
    assert "<form" not in page.split('class="preview')[1]


def test_preview_in_english(analyst, every_type):
    url = reverse("framework:preview", args=[every_type.pk]) + "?taal=en"
    page = page_of(analyst.get(url))
    assert 'lang="en"' in page and "How was it?" in page and "Page 1 of 3" in page
    assert "What grade would you give the service?" in page
    assert "Strongly agree" in page and "Don&#x27;t know / not applicable" in page
    assert "At the desk" in page
    # Without an English text the Dutch one is shown.
    assert "Waarover ging het?" in page
    # The staff interface around it stays Dutch.
    assert "Toon in het Nederlands" in page


def test_preview_of_a_published_version_and_condition_note(analyst, draft, filled):
    filled["serious"].condition_item = filled["grade"]
    filled["serious"].condition_operator = ConditionOperator.AT_MOST
    filled["serious"].condition_value = "5"
    filled["serious"].save()
    version = service.publish(draft)
    page = page_of(analyst.get(reverse("framework:preview", args=[version.pk])))
    assert "gepubliceerd" in page and "Alleen te zien als het antwoord op" in page


def test_builder_shows_open_link_qr_and_responses(client_a, org_a):
    from gehoord.surveys.tests.factories import build_questionnaire

    questionnaire = build_questionnaire(org_a)
    page = client_a.get(reverse("framework:builder", args=[questionnaire.pk])).content.decode()
    assert reverse("surveys:open", args=[questionnaire.open_link_token]) in page
    assert reverse("surveys:open_qr", args=[questionnaire.open_link_token]) in page
    assert f"?vragenlijst={questionnaire.pk}" in page


def test_builder_warns_what_english_readers_would_see_in_dutch(
    analyst, questionnaire, draft, filled
):
    url = reverse("framework:builder", args=[questionnaire.pk])
    VersionItem.objects.filter(version=draft).exclude(pk=filled["quick"].pk).update(text_en="x")
    VersionItem.objects.filter(pk=filled["quick"].pk).update(text_en="")
    page = page_of(analyst.get(url))
    assert "Nog niet alles is in het Engels" in page
    assert "De Engelse titel is leeg" in page
    gap = "1 vraag heeft geen Engelse tekst en wordt in het Nederlands getoond: "
    assert gap + filled["quick"].text_nl in page
    # Warnings only: publishing is still possible.
    assert "Deze versie is klaar om te publiceren." in page

    QuestionnaireVersion.objects.filter(pk=draft.pk).update(title_en="How was it?")
    VersionItem.objects.filter(version=draft).update(text_en="In English")
    assert "Nog niet alles is in het Engels" not in page_of(analyst.get(url))
