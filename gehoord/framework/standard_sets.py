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


WMO = "wmo"
HUMAN_DIMENSION = "human_dimension"
CORE = "core"

# Labels of the standard sets; "" holds the organisation's own questions.
STANDARD_SET_LABELS = {
    CORE: gettext_lazy("Core questions"),
    WMO: gettext_lazy("Wmo client experience"),
    HUMAN_DIMENSION: gettext_lazy("Human dimension and trust"),
    "": gettext_lazy("Own questions"),
}

A, YN = QuestionType.AGREEMENT, QuestionType.YES_NO

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
            "Door de ondersteuning die ik krijg kan ik de dingen doen die ik wil.",
            "Because of the support I receive, I can do the things I want.",
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
}
