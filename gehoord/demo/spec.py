"""What the demo organisations look like. Names are fictional."""

from dataclasses import dataclass, field

DEMO_PASSWORD = "gehoord-demo-2026"


@dataclass(frozen=True)
class OrganisationSpec:
    slug: str
    name: str
    kind: str
    inhabitants: int
    email_domain: str
    services: list[tuple[str, str]] = field(default_factory=list)
    provider_count: int = 10
    teams: list[str] = field(default_factory=list)
    # Average number of responses per service per month at volume 1.0.
    responses_per_service_month: int = 40
    # How many months of responses, up to the demo's now.
    months: int = 24
    # A full demo organisation has accounts, invitations, feedback, actions and a public
    # page; a peer only answers, so the peer benchmark and benchlearning have others.
    full: bool = True
    named_in_benchmarks: bool = False
    # Shift of the latent experience per driver (survey_data.simulate_answers).
    driver_levels: dict[str, float] = field(default_factory=dict)
    # Practices it shares with its peers: (what we did, question code, result).
    practices: list[tuple[str, str, str]] = field(default_factory=list)


WMO_SERVICES = [
    ("Wmo huishoudelijke hulp", "wmo-hh"),
    ("Wmo begeleiding", "wmo-begeleiding"),
    ("Wmo hulpmiddelen", "wmo-hulpmiddelen"),
]

VOORBEELD = OrganisationSpec(
    slug="voorbeeld",
    name="Gemeente Voorbeeld",
    kind="municipality",
    inhabitants=121_400,
    email_domain="voorbeeld.example",
    services=[
        ("Paspoort en ID-kaart", "paspoort"),
        ("Rijbewijs", "rijbewijs"),
        ("Bijstandsuitkering", "bijstand"),
        ("Verhuizing doorgeven", "verhuizing"),
        ("Omgevingsvergunning", "omgevingsvergunning"),
        ("Afvalpas en grofvuil", "afval"),
        *WMO_SERVICES,
    ],
    provider_count=12,
    responses_per_service_month=110,
    teams=[
        "Werk & Inkomen",
        "Klantcontactcentrum (KCC)",
        "Burgerzaken",
        "Bezwaar, Beroep en Klachten",
        "Wmo-consulenten",
        "Vergunningen",
    ],
)

HEIDEBURG = OrganisationSpec(
    slug="heideburg",
    name="Gemeente Heideburg",
    kind="municipality",
    inhabitants=34_800,
    email_domain="heideburg.example",
    services=[
        ("Paspoort en ID-kaart", "paspoort"),
        ("Rijbewijs", "rijbewijs"),
        ("Bijstandsuitkering", "bijstand"),
        ("Verhuizing doorgeven", "verhuizing"),
        *WMO_SERVICES,
    ],
    provider_count=8,
    teams=["Sociaal team", "Publiekszaken", "Klantcontactcentrum (KCC)"],
)

ORGANISATIONS = [VOORBEELD, HEIDEBURG]

# Peers of the same size class as Voorbeeld (100k-250k) score clearly better on speed, so
# benchlearning has something to show; one more band for the pooled "all organisations".
# Two services cover every question Voorbeeld asks (its own driver items and the Wmo set);
# each questionnaire costs seeding time, responses hardly.
PEER_SERVICES = [
    ("Paspoort en ID-kaart", "paspoort"),
    ("Wmo huishoudelijke hulp", "wmo-hh"),
]
QUICKER = {"speed": 0.7, "treatment": 0.1}


def _peer(slug: str, name: str, inhabitants: int, **fields) -> OrganisationSpec:
    return OrganisationSpec(
        slug=slug,
        name=name,
        kind="municipality",
        inhabitants=inhabitants,
        email_domain=f"{slug}.example",
        services=PEER_SERVICES,
        provider_count=4,
        teams=["Publiekszaken", "Sociaal domein"],
        responses_per_service_month=30,
        months=12,
        full=False,
        **fields,
    )


PEERS = [
    _peer(
        "lindewaard",
        "Gemeente Lindewaard",
        142_600,
        named_in_benchmarks=True,
        driver_levels=QUICKER,
        practices=[
            (
                "Elke aanvraag krijgt binnen twee werkdagen een vaste contactpersoon die belt.",
                "drv_snel",
                "De score op 'snel geholpen' steeg in een jaar van 3,2 naar 3,9.",
            ),
            (
                "Wij plannen het keukentafelgesprek binnen een week na de melding.",
                "wmo_02_snel_geholpen",
                "Inwoners wachten gemiddeld 9 dagen korter.",
            ),
        ],
    ),
    _peer(
        "duinhaven",
        "Gemeente Duinhaven",
        118_900,
        driver_levels=QUICKER,
        practices=[
            (
                "Eenvoudige aanvragen handelen wij dezelfde dag af, zonder tweede afspraak.",
                "drv_snel",
                "Minder inwoners vragen na waar hun aanvraag blijft.",
            ),
        ],
    ),
    _peer(
        "beekstede",
        "Gemeente Beekstede",
        203_300,
        driver_levels=QUICKER,
        practices=[
            (
                "Wie na een week nog niets hoorde, wordt door ons gebeld met de stand van zaken.",
                "drv_snel",
                "De score op 'snel geholpen' steeg van 3,4 naar 3,8.",
            ),
        ],
    ),
    # A fourth peer of Voorbeeld's size: the size class minus the named peer (Lindewaard)
    # must leave three organisations, or the complement rule hides the size class.
    _peer("hoogmeer", "Gemeente Hoogmeer", 156_400, driver_levels=QUICKER),
    _peer("molenrijk", "Gemeente Molenrijk", 68_500),
    _peer("rivierstad", "Gemeente Rivierstad", 312_000, driver_levels={"speed": 0.2}),
    # At least three peers outside Voorbeeld's size class: "all organisations" minus "same
    # size class" may only be shown when it leaves three or more (the complement rule of
    # insights.disclosure), also in the test world, which has no Heideburg.
    _peer("veenoord", "Gemeente Veenoord", 41_200),
]

ALL_ORGANISATIONS = ORGANISATIONS + PEERS

# Parts from which provider names are drawn; combined by the seeded random generator.
PROVIDER_PREFIXES = ["Zorg", "Thuis", "Hulp", "Samen", "Welzijn", "Buurt", "Zorgkracht", "Vitaal"]
PROVIDER_SUFFIXES = [
    "Plus",
    "Dichtbij",
    "Groep",
    "Noord",
    "Oost",
    "& Co",
    "Centraal",
    "Thuiszorg",
    "Collectief",
    "Partners",
]

JOURNEY = (
    "Aanvraag Wmo-ondersteuning",
    "wmo-hh",
    ["Melding", "Keukentafelgesprek", "Beschikking", "Start ondersteuning", "Evaluatie"],
)
