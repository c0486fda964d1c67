"""Demo questionnaires and two years of responses with a planted cause for the grade.

The grade is *caused* by the driver items, so key-driver analysis has something real to
find. For each response the generator draws a latent experience per driver, turns it into a
5-point agreement answer, and computes

    grade = 7.0 + Σ PLANTED_WEIGHTS[driver] × (answer[driver] − 3) + noise,  noise ~ N(0, 0.8)

rounded and clipped to 1…10. Drivers share a common factor (a good day is good all round),
so they correlate, as real driver items do; relative weights analysis should recover the
ranking speed > treatment > clarity > reachability > expertise. Speed, the most important,
is also planted as the weakest (PLANTED_LEVELS), so "fix first" names it on any day the demo
is generated, not by the luck of the draw. Providers differ: each has its own offset per
driver, so provider comparisons show real strengths and weaknesses.
"""

import random
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

PLANTED_WEIGHTS = {
    "speed": 0.90,
    "treatment": 0.70,
    "clarity": 0.50,
    "reachability": 0.30,
    "expertise": 0.20,
}
# Latent level per driver (0 = the common level): residents are least positive about speed.
PLANTED_LEVELS = {"speed": -0.45}
GRADE_BASE = 7.0
GRADE_NOISE_SD = 0.8
NOT_APPLICABLE_SHARE = 0.04
OPEN_ANSWER_SHARE = 0.3

# Demo bank questions that measure each driver (the organisation's own, next to §7's sets).
DRIVER_QUESTIONS = {
    "reachability": (
        "drv_bereikbaar",
        "Ik kon de gemeente makkelijk bereiken.",
        "I could reach the municipality easily.",
    ),
    "speed": ("drv_snel", "Ik werd snel geholpen.", "I was helped quickly."),
    "clarity": (
        "drv_duidelijk",
        "De informatie die ik kreeg was duidelijk.",
        "The information I got was clear.",
    ),
    "treatment": (
        "drv_bejegening",
        "De medewerker behandelde mij vriendelijk en met respect.",
        "The staff member treated me kindly and with respect.",
    ),
    "expertise": (
        "drv_deskundig",
        "De medewerker wist waar hij of zij het over had.",
        "The staff member knew what they were talking about.",
    ),
}

DISTRICTS = ["Centrum", "Noord", "Oost", "Zuid", "West", "Buitengebied"]
AGE_BANDS = ["18-34", "35-49", "50-64", "65-79", "80+"]
INVITATION_CHANNELS = [("email", 0.6), ("sms", 0.25), ("letter", 0.15)]
# Since OUTREACH_DAYS residents are invited after a service; this share of the responses
# since then came through an invitation (outreach_step gives each its invitation).
OUTREACH_DAYS = 60
INVITED_SHARE = 0.6
# How residents answered: an invitation by e-mail or text message links to the web form; a
# letter also brings a paper form. Without an invitation: the open link (QR code, website),
# a phone interview or a paper form at the desk.
RESPONSE_CHANNELS = {
    "email": [("web", 1.0)],
    "sms": [("web", 1.0)],
    "letter": [("web", 0.6), ("paper", 0.4)],
    "": [("web", 0.75), ("phone", 0.13), ("paper", 0.12)],
}

IMPROVE_TEXTS = {
    "speed": [
        "Het duurde te lang voordat ik een antwoord kreeg.",
        "Ik moest weken wachten op een afspraak.",
        "Sneller reageren op mijn vraag zou fijn zijn.",
    ],
    "treatment": [
        "De medewerker was kortaf en luisterde niet echt.",
        "Ik voelde me een nummer, niet een mens.",
    ],
    "clarity": [
        "De brief was moeilijk te begrijpen.",
        "Het was niet duidelijk welke papieren ik moest meenemen.",
    ],
    "reachability": [
        "Ik kwam telefonisch niet door, steeds in de wacht.",
        "De website was lastig te vinden.",
    ],
    "expertise": ["De medewerker wist het antwoord niet en verwees me door."],
}
WENT_WELL_TEXTS = [
    "Vriendelijke medewerker aan de balie.",
    "Alles was snel geregeld.",
    "Duidelijke uitleg over wat ik moest doen.",
    "Fijn dat er werd meegedacht.",
    "Goed geholpen, dank u wel.",
]


def weighted_choice(rng: random.Random, options: list[tuple[str, float]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def to_agreement(latent: float) -> int:
    """A latent experience (mean 0, sd ~1) as a 5-point answer."""
    return max(1, min(5, round(3.6 + 1.1 * latent)))


def simulate_answers(rng: random.Random, offsets: dict[str, float]) -> tuple[int, dict]:
    """One resident: driver answers (int or "na") and the grade they cause."""
    common = rng.gauss(0, 0.7)
    drivers: dict[str, int | str] = {}
    for driver in PLANTED_WEIGHTS:
        latent = (
            common + PLANTED_LEVELS.get(driver, 0.0) + offsets.get(driver, 0.0) + rng.gauss(0, 0.75)
        )
        drivers[driver] = to_agreement(latent)
    grade = GRADE_BASE + sum(w * (drivers[d] - 3) for d, w in PLANTED_WEIGHTS.items())
    grade = max(1, min(10, round(grade + rng.gauss(0, GRADE_NOISE_SD))))
    # "Weet niet / n.v.t." is drawn after the grade: the experience happened, it just
    # was not reported.
    for driver in drivers:
        if rng.random() < NOT_APPLICABLE_SHARE:
            drivers[driver] = "na"
    return grade, drivers


def month_starts(months: int, today: datetime) -> list[datetime]:
    first = today.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    starts = []
    for back in range(months - 1, -1, -1):
        year, month = divmod(first.month - 1 - back, 12)
        starts.append(first.replace(year=first.year + year, month=month + 1))
    return starts


def month_share(start: datetime, end: datetime) -> float:
    """The part of the month beginning at `start` that [start, end) covers."""
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return min(1.0, (end - start) / (following - start))


def set_channels(rng: random.Random, record: dict, invited_since: datetime | None) -> None:
    """How the resident was invited (if at all) and how they answered."""
    invited = (
        invited_since is not None
        and record["submitted_at"] >= invited_since
        and rng.random() < INVITED_SHARE
    )
    invitation_channel = weighted_choice(rng, INVITATION_CHANNELS) if invited else ""
    record["invitation_channel"] = invitation_channel
    record["channel"] = weighted_choice(rng, RESPONSE_CHANNELS[invitation_channel])


def random_moment(rng: random.Random, start: datetime, end: datetime) -> datetime:
    seconds = max(1, int((end - start).total_seconds()))
    return start + timedelta(seconds=rng.randrange(seconds))


def new_response_id(rng: random.Random) -> uuid.UUID:
    """Deterministic for the demo (same seed, same ids); real responses use uuid4."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def decimal(value: int) -> Decimal:
    return Decimal(value)
