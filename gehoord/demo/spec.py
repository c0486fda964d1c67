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
