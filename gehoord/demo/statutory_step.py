"""Demo: Gemeente Voorbeeld's statutory Wmo survey. Last year's and this year's are closed
and published (the report compares them); the report lists what was done since."""

from datetime import date

from django.contrib.auth import get_user_model

from gehoord.framework import query as framework_query
from gehoord.improvement import query as improvement_query
from gehoord.statutory import service as statutory_service
from gehoord.statutory.models import Law, Sampling, SurveyChannel

STATUTORY_SLUGS = ("voorbeeld",)
# Share of invited clients that answered, used to state how many letters were sent.
RESPONSE_SHARE = 0.38

SUMMARY = (
    "Wij vroegen inwoners met Wmo-ondersteuning wat zij ervan vinden.\n\n"
    "De meeste mensen zijn tevreden over de hulp die zij krijgen. Zij vinden dat de "
    "medewerker hen serieus neemt. Minder mensen vinden dat zij snel geholpen werden. "
    "Daar gaan wij dit jaar aan werken."
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
    this_year = ctx.today.year
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
            statutory_service.close(plan, on=min(ctx.today, date(year, 12, 31)))
            statutory_service.publish(plan)
