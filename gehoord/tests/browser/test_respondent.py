"""A resident answers with the keyboard only, stops half-way, resumes, and finishes;
the same in English. axe-core checks every kind of page a resident sees."""

import pytest
from playwright.sync_api import Page, expect

from gehoord.feedback.models import FollowUp
from gehoord.surveys import service
from gehoord.surveys.models import Response
from gehoord.surveys.tests.factories import build_questionnaire

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def questionnaire(org_a):
    return build_questionnaire(org_a)


def press_tab_until_focused(page: Page, locator, limit: int = 60) -> None:
    """Tab through the page like a keyboard user until `locator` has focus."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {locator} with Tab")


def test_keyboard_only_with_save_and_resume(page: Page, live_server, questionnaire):
    token = service.issue_token(questionnaire)
    link = f"{live_server.url}/v/{token.token}/"
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe was het?")
    assert_accessible(page)

    # Error state: send the first page without the required grade.
    press_tab_until_focused(page, page.get_by_role("button", name="Volgende"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Geef antwoord op deze vraag.")
    assert_accessible(page)

    # Choose grade 8 with the keyboard: Tab into the radio group, arrows move the choice.
    grade_group = page.get_by_role("group", name="Welk rapportcijfer geeft u de dienstverlening?")
    first_radio = grade_group.get_by_role("radio").first
    press_tab_until_focused(page, first_radio)
    page.keyboard.press("Space")
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    expect(grade_group.get_by_role("radio", name="8", exact=True)).to_be_checked()
    press_tab_until_focused(page, page.get_by_role("button", name="Volgende"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("Pagina 2 van 3")).to_be_visible()
    assert_accessible(page)
    yes = page.get_by_role(
        "group", name="Wilt u dat wij contact met u opnemen over uw antwoorden?"
    ).get_by_role("radio", name="Ja")
    press_tab_until_focused(page, yes)
    page.keyboard.press("Space")
    press_tab_until_focused(page, page.get_by_role("button", name="Opslaan en later verder"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Uw antwoorden zijn bewaard")).to_be_visible()
    assert_accessible(page)

    # Leave and come back later through the same link: the answers are still there.
    page.goto("about:blank")
    page.goto(link)
    expect(page.get_by_text("Pagina 2 van 3")).to_be_visible()
    expect(yes).to_be_checked()
    press_tab_until_focused(page, page.get_by_role("button", name="Volgende"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("Pagina 3 van 3")).to_be_visible()
    improve = page.get_by_label("Wat kan er beter?")
    press_tab_until_focused(page, improve)
    page.keyboard.type("Minder lang wachten aan de telefoon.")
    press_tab_until_focused(page, page.get_by_role("button", name="Antwoorden versturen"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Bedankt voor uw antwoorden")).to_be_visible()
    assert_accessible(page)
    response = Response.objects.get()
    answers = {a.question.code: a for a in response.answers.select_related("question")}
    assert answers["core_grade"].value_number == 8
    assert answers["core_improve"].value_text == "Minder lang wachten aan de telefoon."

    # The resident asked for contact: they say how to be reached, still by keyboard.
    press_tab_until_focused(
        page, page.get_by_role("link", name="Geef uw telefoonnummer of e-mailadres door")
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe kunnen wij u bereiken?")
    assert_accessible(page)
    press_tab_until_focused(page, page.get_by_label("Telefoonnummer"))
    page.keyboard.type("06 12345678")
    press_tab_until_focused(page, page.get_by_role("checkbox"))
    page.keyboard.press("Space")
    press_tab_until_focused(page, page.get_by_role("button", name="Versturen"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt, wij nemen contact met u op")
    assert_accessible(page)
    follow_up = FollowUp.objects.get(response=response)
    assert follow_up.contact_phone == "06 12345678" and follow_up.consent_at is not None


def test_english_survey_by_open_link(page: Page, live_server, questionnaire):
    page.goto(f"{live_server.url}/o/{questionnaire.open_link_token}/")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How was it?")
    assert_accessible(page)
    page.get_by_role("button", name="Start").click()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert")).to_contain_text("Please answer this question.")
    page.get_by_role("group", name="What grade would you give the service?").get_by_role(
        "radio", name="6", exact=True
    ).check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role(
        "group", name="Would you like us to contact you about your answers?"
    ).get_by_role("radio", name="No").check()
    page.get_by_role("button", name="Next").click()
    # Not wanting contact shows the follow-up question, which is required.
    page.get_by_role("button", name="Send answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Please answer this question.")
    page.get_by_label("Why not?").fill("No time.")
    page.get_by_role("button", name="Send answers").click()
    expect(page.get_by_role("heading", name="Thank you for your answers")).to_be_visible()
    assert_accessible(page)
    assert Response.objects.get().language == "en"


def test_phone_sized_screen(page: Page, live_server, questionnaire):
    page.set_viewport_size({"width": 320, "height": 640})
    token = service.issue_token(questionnaire)
    page.goto(f"{live_server.url}/v/{token.token}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"page scrolls sideways at 320 px ({width} px wide)"
    assert_accessible(page)
