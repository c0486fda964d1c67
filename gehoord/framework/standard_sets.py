"""Default indicators, drivers and the standard question sets of DESIGN.md §7, word for word.

`install_defaults(organisation)` loads them into an organisation's question bank; running it
again adds only what is missing, and never changes a question an organisation edited.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from .principles import Principle
from .question_types import QuestionType

INDICATORS = [
    ("overall_grade", "Rapportcijfer", "Overall grade"),
    ("effort", "Moeite", "Effort"),
    ("trust", "Vertrouwen", "Trust"),
    ("human_dimension", "Menselijke maat", "Human dimension"),
    ("wmo_access", "Toegang (Wmo)", "Access (Wmo)"),
    ("wmo_quality", "Kwaliteit (Wmo)", "Quality (Wmo)"),
    ("wmo_effect", "Effect (Wmo)", "Effect (Wmo)"),
    ("youth_access", "Toegang (Jeugdwet)", "Access (Youth Act)"),
    ("youth_quality", "Kwaliteit (Jeugdwet)", "Quality (Youth Act)"),
    ("youth_effect", "Effect (Jeugdwet)", "Effect (Youth Act)"),
]

DRIVERS = [
    ("reachability", "Bereikbaarheid", "Reachability", Principle.HOSPITALITY),
    ("speed", "Snelheid", "Speed", Principle.RELIABILITY),
    ("clarity", "Duidelijkheid van informatie", "Clarity of information", Principle.RELIABILITY),
    ("treatment", "Bejegening", "Treatment", Principle.HOSPITALITY),
    ("expertise", "Deskundigheid", "Expertise", Principle.CRAFTSMANSHIP),
    ("equal_treatment", "Gelijkwaardige behandeling", "Equal treatment", Principle.EQUALITY),
    ("listening", "Luisteren", "Listening", Principle.LISTENING),
    ("ownership", "Verantwoordelijkheid nemen", "Taking responsibility", Principle.RESPONSIBILITY),
]


@dataclass(frozen=True)
class StandardQuestion:
    code: str
    type: str
    text_nl: str
    text_en: str
    indicator: str = ""
    driver: str = ""
    # True where the wording could not be checked word for word against the published
    # source: the bank shows "wording to check" until someone compares it.
    wording_to_check: bool = False


WMO = "wmo"
HUMAN_DIMENSION = "human_dimension"
CORE = "core"
YOUTH_PARENTS = "youth_parents"
YOUTH_YOUNG = "youth_young"

# Sets whose wording is fixed by a national source: the bank does not let anyone edit
# the Dutch text or the type (a local question can always be added beside them).
LOCKED_SETS = frozenset({WMO, YOUTH_PARENTS, YOUTH_YOUNG})
# The Jeugdwet sets: their provider-level results stay internal (Jeugdwet art. 2.10).
YOUTH_SETS = frozenset({YOUTH_PARENTS, YOUTH_YOUNG})

# Wording of item 8 before it was corrected ("beter" was missing); an untouched copy in a
# bank is brought to the checked wording by `install_defaults`.
CORRECTED_WORDING = {
    "wmo_08_dingen_doen": "Door de ondersteuning die ik krijg kan ik de dingen doen die ik wil.",
}

# Labels of the standard sets; "" holds the organisation's own questions.
STANDARD_SET_LABELS = {
    CORE: gettext_lazy("Core questions"),
    WMO: gettext_lazy("Wmo client experience"),
    HUMAN_DIMENSION: gettext_lazy("Human dimension and trust"),
    YOUTH_PARENTS: gettext_lazy("Youth care (Jeugdwet): parents"),
    YOUTH_YOUNG: gettext_lazy("Youth care (Jeugdwet): young people 12-23"),
    "": gettext_lazy("Own questions"),
}

A, YN = QuestionType.AGREEMENT, QuestionType.YES_NO


def _youth(prefix: str, items: list[tuple[str, str, str, str]]) -> list[StandardQuestion]:
    """The VNG youth model questionnaire (MCJO) items of one version. The themes (access,
    quality, effect on growing up healthy and safe, independence, self-reliance,
    participation) are those of Jeugdwet art. 2.10; the exact wording of the model list
    was not available to check, so every item is marked "wording to check"."""
    return [
        StandardQuestion(f"{prefix}_{code}", A, nl, en, indicator, wording_to_check=True)
        for code, nl, en, indicator in items
    ]


YOUTH_PARENT_ITEMS = [
    (
        "01_wist_waar",
        "Ik wist waar ik terecht kon met mijn vraag over mijn kind.",
        "I knew where to go with my question about my child.",
        "youth_access",
    ),
    (
        "02_op_tijd",
        "Ik kreeg op tijd hulp.",
        "I got help in time.",
        "youth_access",
    ),
    (
        "03_serieus",
        "De hulpverlener nam mij serieus.",
        "The care worker took me seriously.",
        "youth_quality",
    ),
    (
        "04_kwaliteit",
        "Ik vind de hulp die mijn kind en ik krijgen goed.",
        "I think the help my child and I receive is good.",
        "youth_quality",
    ),
    (
        "05_veilig_opgroeien",
        "Door de hulp groeit mijn kind gezonder en veiliger op.",
        "Because of the help, my child grows up healthier and safer.",
        "youth_effect",
    ),
    (
        "06_zelfstandig",
        "Door de hulp kan mijn kind beter zelf dingen doen.",
        "Because of the help, my child can do more things on its own.",
        "youth_effect",
    ),
    (
        "07_redden",
        "Door de hulp kunnen wij ons als gezin beter redden.",
        "Because of the help, we manage better as a family.",
        "youth_effect",
    ),
    (
        "08_meedoen",
        "Door de hulp doet mijn kind beter mee op school, werk of in de buurt.",
        "Because of the help, my child takes part better at school, work or in the area.",
        "youth_effect",
    ),
]

YOUTH_YOUNG_ITEMS = [
    (
        "01_wist_waar",
        "Ik wist waar ik terecht kon met mijn vraag.",
        "I knew where to go with my question.",
        "youth_access",
    ),
    ("02_op_tijd", "Ik kreeg op tijd hulp.", "I got help in time.", "youth_access"),
    (
        "03_serieus",
        "De hulpverlener nam mij serieus.",
        "The care worker took me seriously.",
        "youth_quality",
    ),
    (
        "04_kwaliteit",
        "Ik vind de hulp die ik krijg goed.",
        "I think the help I receive is good.",
        "youth_quality",
    ),
    (
        "05_veilig_opgroeien",
        "Door de hulp voel ik me gezonder en veiliger.",
        "Because of the help, I feel healthier and safer.",
        "youth_effect",
    ),
    (
        "06_zelfstandig",
        "Door de hulp kan ik beter zelf dingen doen.",
        "Because of the help, I can do more things on my own.",
        "youth_effect",
    ),
    (
        "07_redden",
        "Door de hulp kan ik mij beter redden.",
        "Because of the help, I manage better.",
        "youth_effect",
    ),
    (
        "08_meedoen",
        "Door de hulp doe ik beter mee op school, werk of in de buurt.",
        "Because of the help, I take part better at school, work or in the area.",
        "youth_effect",
    ),
]

STANDARD_SETS: dict[str, list[StandardQuestion]] = {
    WMO: [
        StandardQuestion(
            "wmo_01_wist_waar",
            A,
            "Ik wist waar ik moest zijn met mijn hulpvraag.",
            "I knew where to go with my request for help.",
            "wmo_access",
            "reachability",
        ),
        StandardQuestion(
            "wmo_02_snel_geholpen",
            A,
            "Ik werd snel geholpen.",
            "I was helped quickly.",
            "wmo_access",
            "speed",
        ),
        StandardQuestion(
            "wmo_03_serieus",
            A,
            "De medewerker nam mij serieus.",
            "The staff member took me seriously.",
            "wmo_access",
            "treatment",
        ),
        StandardQuestion(
            "wmo_04_samen_oplossingen",
            A,
            "De medewerker en ik hebben in het gesprek samen naar oplossingen gezocht.",
            "In the conversation, the staff member and I looked for solutions together.",
            "wmo_access",
            "listening",
        ),
        StandardQuestion(
            "wmo_05_clientondersteuner",
            YN,
            "Wist u dat u gebruik kon maken van een onafhankelijke cliëntondersteuner?",
            "Did you know that you could use an independent client supporter?",
            "wmo_access",
            "clarity",
        ),
        StandardQuestion(
            "wmo_06_kwaliteit",
            A,
            "Ik vind de kwaliteit van de ondersteuning die ik krijg goed.",
            "I think the quality of the support I receive is good.",
            "wmo_quality",
            "expertise",
        ),
        StandardQuestion(
            "wmo_07_past",
            A,
            "De ondersteuning die ik krijg past bij mijn hulpvraag.",
            "The support I receive fits my request for help.",
            "wmo_quality",
        ),
        StandardQuestion(
            "wmo_08_dingen_doen",
            A,
            "Door de ondersteuning die ik krijg kan ik beter de dingen doen die ik wil.",
            "Because of the support I receive, I can better do the things I want.",
            "wmo_effect",
        ),
        StandardQuestion(
            "wmo_09_beter_redden",
            A,
            "Door de ondersteuning die ik krijg kan ik mij beter redden.",
            "Because of the support I receive, I can manage better.",
            "wmo_effect",
        ),
        StandardQuestion(
            "wmo_10_kwaliteit_leven",
            A,
            "Door de ondersteuning die ik krijg heb ik een betere kwaliteit van leven.",
            "Because of the support I receive, I have a better quality of life.",
            "wmo_effect",
        ),
    ],
    HUMAN_DIMENSION: [
        StandardQuestion(
            "hd_gelijkwaardig",
            A,
            "Ik voel me gelijkwaardig behandeld.",
            "I feel I was treated as an equal.",
            "human_dimension",
            "equal_treatment",
        ),
        StandardQuestion(
            "hd_mens_niet_nummer",
            A,
            "Werk en Inkomen behandelt mij als mens en niet als nummer.",
            "Work and Income treats me as a person, not as a number.",
            "human_dimension",
            "treatment",
        ),
        StandardQuestion(
            "hd_vertrouwen",
            A,
            "Ik heb vertrouwen in de dienstverlening van de gemeente.",
            "I trust the services of the municipality.",
            "trust",
        ),
        StandardQuestion(
            "hd_respectvol",
            A,
            "Ik voel me persoonlijk en respectvol behandeld.",
            "I feel I was treated personally and with respect.",
            "human_dimension",
            "treatment",
        ),
        StandardQuestion(
            "hd_rekening_leven",
            A,
            "Er wordt rekening gehouden met wat er in mijn leven speelt.",
            "What is going on in my life is taken into account.",
            "human_dimension",
            "listening",
        ),
    ],
    CORE: [
        StandardQuestion(
            "core_grade",
            QuestionType.GRADE,
            "Welk rapportcijfer geeft u de dienstverlening?",
            "What grade would you give the service?",
            "overall_grade",
        ),
        StandardQuestion(
            "core_effort",
            A,
            "Het kostte mij weinig moeite om te regelen wat ik nodig had.",
            "It took me little effort to arrange what I needed.",
            "effort",
        ),
        StandardQuestion(
            "core_improve", QuestionType.OPEN_TEXT, "Wat kan er beter?", "What could be better?"
        ),
        StandardQuestion(
            "core_went_well", QuestionType.OPEN_TEXT, "Wat ging goed?", "What went well?"
        ),
        StandardQuestion(
            "core_follow_up",
            YN,
            "Wilt u dat wij contact met u opnemen over uw antwoorden?",
            "Would you like us to contact you about your answers?",
        ),
    ],
    YOUTH_PARENTS: _youth("jo_ouder", YOUTH_PARENT_ITEMS),
    YOUTH_YOUNG: _youth("jo_jongere", YOUTH_YOUNG_ITEMS),
}


def wording_to_check(code: str) -> bool:
    """Whether a standard question's wording is still to be checked against its source."""
    return code in _TO_CHECK


_TO_CHECK = frozenset(
    q.code for questions in STANDARD_SETS.values() for q in questions if q.wording_to_check
)
