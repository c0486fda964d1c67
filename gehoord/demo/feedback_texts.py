"""Demo texts of complaints, feedback and compliments, by theme (fictional, varied enough
for the theme classifier to have something to learn)."""

from gehoord.feedback.query import DRIVER_OF_THEME

THEME_OF_DRIVER = {driver: theme for theme, driver in DRIVER_OF_THEME.items()}

COMPLAINT_TEXTS = {
    "wachttijd": [
        "Ik wacht nu al {weeks} weken op een besluit over mijn aanvraag voor {service}.",
        "Het duurt veel te lang. Na {weeks} weken heb ik nog steeds niets gehoord.",
        "Mijn aanvraag ligt al maanden stil, niemand kan zeggen wanneer ik antwoord krijg.",
        "De wachttijd voor een afspraak is {weeks} weken, dat is onacceptabel.",
        "Ik moest ruim een uur wachten aan de balie terwijl ik een afspraak had.",
        "Waarom duurt de behandeling van {service} zo lang? Ik zit al {weeks} weken te wachten.",
    ],
    "bejegening": [
        "De medewerker was onvriendelijk en kortaf tegen mij.",
        "Ik voelde me niet serieus genomen, er werd niet naar mij geluisterd.",
        "De consulent sprak op een neerbuigende toon, ik voelde me een nummer.",
        "Aan de telefoon werd ik afgesnauwd toen ik een vraag stelde over {service}.",
        "Ik werd onbeleefd behandeld en de medewerker onderbrak mij steeds.",
        "Respectloze behandeling aan de balie, ik schaamde me.",
    ],
    "duidelijkheid-informatie": [
        "De brief over {service} was onbegrijpelijk, vol ambtelijke taal.",
        "Het is niet duidelijk welke papieren ik moet aanleveren.",
        "Ik kreeg tegenstrijdige informatie van twee medewerkers.",
        "Op de website staat andere informatie dan in de brief die ik kreeg.",
        "Niemand kon mij uitleggen hoe de beslissing tot stand kwam.",
        "De uitleg over {service} was vaag en onvolledig.",
    ],
    "bereikbaarheid": [
        "Ik kom telefonisch niet door, ik hang steeds een half uur in de wacht.",
        "De gemeente is slecht bereikbaar, mijn mails worden niet beantwoord.",
        "Er wordt niet teruggebeld terwijl dat wel was beloofd.",
        "Het telefoonnummer op de brief werkt niet, niemand neemt op.",
        "Het loket is alleen open als ik moet werken, zo kan ik nergens terecht.",
        "Ik heb {weeks} keer gebeld maar kom nooit bij de juiste persoon.",
    ],
    "deskundigheid": [
        "De medewerker wist niet hoe de regeling voor {service} werkt.",
        "Ik werd van het kastje naar de muur gestuurd, niemand wist het antwoord.",
        "Er is een fout gemaakt in de berekening, de consulent had geen verstand van zaken.",
        "Het advies dat ik kreeg bleek achteraf onjuist.",
        "De beoordeling van mijn situatie was slordig en onvakkundig.",
    ],
    "formulieren": [
        "Het aanvraagformulier voor {service} is veel te ingewikkeld.",
        "Het digitale formulier loopt steeds vast bij het uploaden van bijlagen.",
        "Ik moest dezelfde gegevens op drie formulieren opnieuw invullen.",
        "Het formulier vraagt dingen die de gemeente allang van mij weet.",
    ],
    "afspraken-nakomen": [
        "De afspraak werd zonder bericht afgezegd.",
        "Er was beloofd dat ik binnen een week zou horen, maar er gebeurde niets.",
        "De consulent kwam niet opdagen bij het huisbezoek.",
        "De toezegging om mijn dossier te bekijken is niet nagekomen.",
    ],
}
OBJECTION_TEXTS = [
    "Ik maak bezwaar tegen het besluit over {service} van vorige maand.",
    "Hierbij teken ik bezwaar aan tegen de afwijzing van mijn aanvraag.",
    "Ik ben het niet eens met de beschikking, mijn situatie is niet goed beoordeeld.",
    "Bezwaar tegen de hoogte van de toegekende ondersteuning.",
]
COMPLIMENT_TEXTS = [
    "Wat een vriendelijke en behulpzame medewerker, dank u wel!",
    "Ik ben snel en goed geholpen met {service}.",
    "Complimenten voor de duidelijke uitleg aan de balie.",
    "Fijn dat er echt met mij werd meegedacht.",
    "Alles was binnen een week geregeld, top!",
]
FEEDBACK_TEXTS = [
    "Misschien een idee om ook 's avonds open te zijn.",
    "Het zou fijn zijn als je de status van je aanvraag online kunt volgen.",
    "Tip: zet een voorbeeld van een ingevuld formulier op de website.",
    "Kunnen jullie ook terugbellen in plaats van dat ik moet wachten?",
]
CONTACT_NOTES = [
    "Inwoner belde over de voortgang van de aanvraag {service}; uitgelegd wat de termijn is.",
    "Vraag over benodigde documenten beantwoord.",
    "Inwoner klaagde telefonisch over wachttijd, doorverwezen naar klachtenformulier.",
]
PERSONAL_TAILS = [
    " Bel mij op 06-{phone}.",
    " Mijn e-mailadres is {email}.",
    " Mijn naam is {name}.",
    " Ik woon op Kerkstraat {number}, 1234 AB.",
]
FOLLOW_UP_OUTCOMES = [
    "Inwoner teruggebeld, excuses gemaakt en uitleg gegeven.",
    "Doorverwezen naar de consulent; afspraak gepland.",
    "Aanvraag alsnog in behandeling genomen.",
    "Gesproken; inwoner is tevreden met de uitleg.",
]
