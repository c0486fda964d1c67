"""Demo step: a published questionnaire per service and two years of responses."""

from datetime import timedelta

from django.utils import timezone

from gehoord.framework import service as framework_service
from gehoord.framework.models import Driver, Question, Questionnaire
from gehoord.framework.question_types import QuestionType
from gehoord.surveys import service as survey_service

from . import survey_data as data

WMO_DRIVER_ITEMS = {  # §7's Wmo items that measure a driver
    "reachability": "wmo_01_wist_waar",
    "speed": "wmo_02_snel_geholpen",
    "treatment": "wmo_03_serieus",
    "expertise": "wmo_06_kwaliteit",
}


def ensure_driver_questions(organisation) -> dict[str, Question]:
    drivers = {d.code: d for d in Driver.objects.filter(organisation=organisation)}
    questions = {}
    for driver, (code, text_nl, text_en) in data.DRIVER_QUESTIONS.items():
        questions[driver], _ = Question.objects.get_or_create(
            organisation=organisation,
            code=code,
            defaults={
                "type": QuestionType.AGREEMENT,
                "text_nl": text_nl,
                "text_en": text_en,
                "driver": drivers.get(driver),
                "standard_set": "demo",
            },
        )
    return questions


def build_questionnaire(
    organisation, service, bank: dict[str, Question], driver_questions: dict[str, Question]
):
    """Page 1: grade and effort; page 2: one item per driver; page 3: open questions."""
    is_wmo = (service.code or "").startswith("wmo")
    questionnaire = framework_service.create_questionnaire(
        organisation,
        f"Klantonderzoek {service.name}",
        title_nl=f"Hoe was uw ervaring met: {service.name}?",
        title_en=f"How was your experience with: {service.name}?",
        services=[service],
        open_link_enabled=True,
    )
    version = framework_service.draft_of(questionnaire)
    add = framework_service.add_question
    items = {
        "grade": add(version, bank["core_grade"], page=1, required=True),
        "effort": add(version, bank["core_effort"], page=1),
    }
    for driver in data.PLANTED_WEIGHTS:
        question = (
            bank[WMO_DRIVER_ITEMS[driver]]
            if is_wmo and driver in WMO_DRIVER_ITEMS
            else driver_questions[driver]
        )
        items[driver] = add(version, question, page=2)
    if is_wmo:
        items["client_support"] = add(version, bank["wmo_05_clientondersteuner"], page=2)
    items["improve"] = add(version, bank["core_improve"], page=3)
    items["went_well"] = add(version, bank["core_went_well"], page=3)
    items["follow_up"] = add(version, bank["core_follow_up"], page=3)
    return framework_service.publish(version), items


def provider_offsets(rng, providers) -> dict[int, dict[str, float]]:
    """Each provider is a bit better or worse per driver (what provider comparison finds)."""
    return {p.pk: {d: rng.gauss(0, 0.35) for d in data.PLANTED_WEIGHTS} for p in providers}


def seed_surveys(ctx) -> None:
    organisation = ctx.organisation
    if Questionnaire.objects.filter(organisation=organisation).exists():
        return
    framework_service.install_defaults(organisation)
    bank = {q.code: q for q in Question.objects.filter(organisation=organisation)}
    driver_questions = ensure_driver_questions(organisation)
    rng = ctx.rng
    today = timezone.localtime(ctx.now)
    months = data.month_starts(ctx.spec.months, today)
    # Residents are invited (outreach_step) only since OUTREACH_DAYS; before that, and for
    # an organisation without invitations, they answered through the open link.
    invited_since = today - timedelta(days=data.OUTREACH_DAYS) if ctx.spec.full else None
    total = 0
    for service in ctx.made["services"].values():
        version, items = build_questionnaire(organisation, service, bank, driver_questions)
        providers = list(service.providers.all())
        offsets = provider_offsets(rng, providers)
        teams = ctx.made["teams"]
        per_month = max(1, round(ctx.spec.responses_per_service_month * ctx.volume))
        records = []
        for index, start in enumerate(months):
            end = months[index + 1] if index + 1 < len(months) else today
            # A slow upward trend, so "measure again" after actions shows movement.
            trend = (index - len(months) / 2) * 0.01
            # The current month has only its days so far: as many responses per day as the
            # others, not a whole month's crowded into them.
            count = round(per_month * data.month_share(start, end) * rng.uniform(0.7, 1.3))
            for _ in range(count):
                provider = rng.choice(providers) if providers else None
                own = offsets.get(provider.pk, {}) if provider else {}
                driver_offsets = {
                    d: trend + ctx.spec.driver_levels.get(d, 0.0) + own.get(d, 0.0)
                    for d in data.PLANTED_WEIGHTS
                }
                record = one_response(
                    rng, items, driver_offsets, start, end, provider, service, teams
                )
                data.set_channels(rng, record, invited_since)
                records.append(record)
        survey_service.import_responses(version, records)
        total += len(records)
    ctx.made["responses"] = total


def one_response(rng, items, offsets, start, end, provider, service, teams) -> dict:
    grade, drivers = data.simulate_answers(rng, offsets)
    answers = {
        str(items["grade"].pk): grade,
        str(items["effort"].pk): data.to_agreement((grade - 7) / 1.5 + rng.gauss(0, 0.6)),
    }
    for driver, value in drivers.items():
        answers[str(items[driver].pk)] = value
    if "client_support" in items:
        answers[str(items["client_support"].pk)] = 1 if rng.random() < 0.45 else 0
    if rng.random() < data.OPEN_ANSWER_SHARE:
        worst = min(data.PLANTED_WEIGHTS, key=lambda d: drivers[d] if drivers[d] != "na" else 9)
        answers[str(items["improve"].pk)] = rng.choice(data.IMPROVE_TEXTS[worst])
    if rng.random() < data.OPEN_ANSWER_SHARE and grade >= 7:
        answers[str(items["went_well"].pk)] = rng.choice(data.WENT_WELL_TEXTS)
    answers[str(items["follow_up"].pk)] = 1 if grade <= 4 and rng.random() < 0.4 else 0
    submitted = data.random_moment(rng, start, end)
    return {
        "id": data.new_response_id(rng),
        "answers": answers,
        "submitted_at": submitted,
        "language": "en" if rng.random() < 0.03 else "nl",
        "service": service,
        "provider": provider,
        "team": rng.choice(teams) if teams else None,
        "district": rng.choice(data.DISTRICTS),
        "age_band": rng.choice(data.AGE_BANDS),
    }
