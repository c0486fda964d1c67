"""Demo: Gemeente Voorbeeld's statutory Wmo survey. Last year's and this year's are closed
and published (the report compares them); the report lists what was done since."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model

from gehoord.contacts.models import Contact
from gehoord.framework import query as framework_query
from gehoord.improvement import query as improvement_query
from gehoord.outreach import query as outreach_query
from gehoord.outreach import service as outreach_service
from gehoord.outreach.models import EventSource, ServiceEvent
from gehoord.statutory import query as statutory_query
from gehoord.statutory import service as statutory_service
from gehoord.statutory.models import Law, MarginDimension, Sampling, SurveyChannel

from .outreach_step import FIRST_NAMES, LAST_NAMES, birth_year

STATUTORY_SLUGS = ("voorbeeld",)
# Share of invited clients that answered, used to state how many letters were sent.
RESPONSE_SHARE = 0.38

SUMMARY = (
    "Wij vroegen inwoners met Wmo-ondersteuning wat zij ervan vinden.\n\n"
    "De meeste mensen zijn tevreden over de hulp die zij krijgen. Zij vinden dat de "
    "medewerker hen serieus neemt. Minder mensen vinden dat zij snel geholpen werden. "
    "Daar gaan wij dit jaar aan werken."
)


# The population of Wmo clients is older than those who answer online (meethuis): with
# these shares the weighted figures differ from the answered ones, with a visible design
# effect. Shares of the population per age band and district (they sum to 1).
AGE_SHARES = {"18-34": 0.06, "35-49": 0.10, "50-64": 0.16, "65-79": 0.32, "80+": 0.36}
DISTRICT_SHARES = {
    "Centrum": 0.14,
    "Noord": 0.18,
    "Oost": 0.15,
    "Zuid": 0.23,
    "West": 0.18,
    "Buitengebied": 0.12,
}
NEXT_SAMPLE_SIZE = 400


def seed_margins(plan) -> None:
    """Typed-in margins of the year's population (as from the municipality's register)."""
    size = plan.population_size or 1000
    for dimension, shares in (
        (MarginDimension.AGE_BAND, AGE_SHARES),
        (MarginDimension.DISTRICT, DISTRICT_SHARES),
    ):
        statutory_service.set_margins(
            plan, dimension, {key: round(share * size) for key, share in shares.items()}
        )


REGISTER_CLIENTS = 600


def seed_register_clients(ctx, rule) -> None:
    """Clients with a Wmo provision in the past year, imported from the municipality's
    register (CSV) and not invited yet: the frame next year's sample is drawn from. Older
    than those who answer online, like the population margins above."""
    organisation, rng = ctx.organisation, ctx.rng
    bands, band_weights = zip(*AGE_SHARES.items(), strict=True)
    districts, district_weights = zip(*DISTRICT_SHARES.items(), strict=True)
    contacts = Contact.objects.bulk_create(
        Contact(
            organisation=organisation,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            email=f"wmo-client{i}@{ctx.spec.email_domain}",
            district=rng.choices(districts, district_weights)[0],
            birth_year=birth_year(rng, rng.choices(bands, band_weights)[0], ctx.today.year),
        )
        for i in range(REGISTER_CLIENTS)
    )
    ServiceEvent.objects.bulk_create(
        ServiceEvent(
            organisation=organisation,
            contact=contact,
            service=rule.service,
            kind=rule.event_kind,
            occurred_on=ctx.today - timedelta(days=rng.randint(1, 330)),
            source=EventSource.CSV,
            external_id=f"register-{index}",
        )
        for index, contact in enumerate(contacts)
    )


def survey_year(today: date) -> int:
    """The year whose survey the demo shows as just closed: the one most of the past year's
    generated responses fall in (on 1 January that is last year, not the empty new one)."""
    return (today - timedelta(days=182)).year


def seed_next_year_sample(ctx, wmo, owner) -> None:
    """Next year's plan asks a sample; its stratified draw (district × age band, at least
    five per group) can be previewed from the clients of the past year."""
    organisation = ctx.organisation
    year = survey_year(ctx.today) + 1
    plan = statutory_service.plan_year(
        organisation,
        year,
        Law.WMO,
        questionnaires=wmo,
        population=f"Inwoners met een Wmo-maatwerkvoorziening of een onderzoek in {year}.",
        sampling=Sampling.SAMPLE,
        sample_size=NEXT_SAMPLE_SIZE,
        channels=[SurveyChannel.EMAIL, SurveyChannel.LETTER, SurveyChannel.PAPER],
        owner=owner,
    )
    rules = list(
        outreach_query.rules_for_questionnaires(
            organisation, statutory_query.plan_questionnaire_ids(plan)
        )
    )
    if (
        not rules
        or outreach_query.sample_plans_for(
            organisation, [r.pk for r in rules], date(year - 1, 1, 1), date(year, 12, 31)
        ).exists()
    ):
        return
    rule = rules[0]
    seed_register_clients(ctx, rule)
    outreach_service.new_sample_plan(
        organisation,
        rule,
        name=f"Wmo {year} · {rule.service.name}",
        strata=["district", "age_band"],
        size=NEXT_SAMPLE_SIZE,
        events_from=ctx.today - timedelta(days=365),
        events_until=ctx.today,
        allocation="minimum",
        minimum_per_stratum=5,
        response_target=20,
        seed=year,
    )


def seed_statutory(ctx) -> None:
    organisation = ctx.organisation
    if organisation.slug not in STATUTORY_SLUGS:
        return
    wmo = [
        q
        for q in framework_query.questionnaires(organisation)
        if any((s.code or "").startswith("wmo") for s in q.services.all())
    ]
    owner = get_user_model().objects.filter(username=f"analist@{ctx.spec.email_domain}").first()
    actions = [
        a
        for a in improvement_query.actions(organisation)
        if a.indicator_id and a.indicator.code.startswith("wmo")
    ]
    this_year = survey_year(ctx.today)
    for year in (this_year - 1, this_year):
        plan = statutory_service.plan_year(
            organisation,
            year,
            Law.WMO,
            questionnaires=wmo,
            actions=actions if year == this_year else [],
            population=(
                "Inwoners met een Wmo-maatwerkvoorziening of een onderzoek (keukentafelgesprek) "
                f"in {year}."
            ),
            sampling=Sampling.EVERYONE,
            channels=[SurveyChannel.EMAIL, SurveyChannel.LETTER, SurveyChannel.PAPER],
            owner=owner,
            summary=SUMMARY if year == this_year else "",
        )
        if plan.status != "closed":
            # The letters and paper questionnaires sent beside gehoord's own invitations.
            rate = statutory_service.response_rate(plan)
            invited = round(rate.responses / RESPONSE_SHARE)
            plan.invited_outside = max(0, invited - rate.invited)
            plan.population_size = invited
            plan.save(update_fields=["invited_outside", "population_size"])
            if year == this_year:
                seed_margins(plan)
            statutory_service.close(plan, on=min(ctx.today, date(year, 12, 31)))
            statutory_service.publish(plan)
    seed_next_year_sample(ctx, wmo, owner)
