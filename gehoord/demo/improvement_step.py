"""Demo step for the improvement app: goals, actions in every status (finished ones with a
measurable effect), two quarters of "jij zei, wij deden", two maturity scans and a few
shared practices."""

from datetime import timedelta

from django.contrib.auth import get_user_model

from gehoord.framework.models import Driver, Indicator
from gehoord.improvement import query as improvement_query
from gehoord.improvement import service as improvement_service
from gehoord.improvement.models import Action, Goal, Practice, Status
from gehoord.insights import query as insights_query

# title, status, months ago finished (or due from now), indicator, driver, you said, we did
ACTIONS = [
    (
        "Terugbelgarantie binnen twee werkdagen",
        Status.MEASURED,
        9,
        "overall_grade",
        "reachability",
        "U kon ons moeilijk bereiken.",
        "Wij bellen u nu binnen twee werkdagen terug.",
    ),
    (
        "Brieven herschreven op B1-niveau",
        Status.MEASURED,
        8,
        "effort",
        "clarity",
        "Onze brieven waren moeilijk te lezen.",
        "Wij hebben 40 brieven herschreven in eenvoudige taal.",
    ),
    (
        "Vaste contactpersoon voor bijstand",
        Status.MEASURED,
        7,
        "wmo_access",
        "treatment",
        "U moest uw verhaal steeds opnieuw vertellen.",
        "U krijgt nu één vaste contactpersoon.",
    ),
    (
        "Online afspraak maken voor paspoort",
        Status.DONE,
        5,
        "effort",
        "speed",
        "Een afspraak maken duurde lang.",
        "U kunt nu online een afspraak maken, ook 's avonds.",
    ),
    (
        "Wachtruimte opgeknapt",
        Status.DONE,
        4,
        "overall_grade",
        "",
        "De wachtruimte was onprettig.",
        "Wij hebben de wachtruimte opgeknapt en stil gemaakt.",
    ),
    (
        "Uitleg Wmo-aanvraag op de website",
        Status.DONE,
        4,
        "effort",
        "clarity",
        "Het was niet duidelijk hoe u Wmo-hulp aanvraagt.",
        "Op de website staat nu stap voor stap hoe het werkt.",
    ),
    (
        "Medewerkers training klantgericht werken",
        Status.IN_PROGRESS,
        -2,
        "wmo_quality",
        "treatment",
        "",
        "",
    ),
    ("Chatfunctie op de website", Status.IN_PROGRESS, -3, "effort", "reachability", "", ""),
    ("Status van aanvraag online volgen", Status.PLANNED, -6, "effort", "speed", "", ""),
    ("Klantpanel voor nieuwe diensten", Status.IDEA, -9, "wmo_quality", "", "", ""),
]

PRACTICES = [
    (
        "Wij bellen iedere inwoner met een laag rapportcijfer binnen een week terug.",
        "core_grade",
        "Het rapportcijfer steeg in een half jaar van 6,8 naar 7,3.",
    ),
    (
        "Alle standaardbrieven zijn samen met inwoners herschreven.",
        "core_effort",
        "Minder telefoontjes met vragen over brieven.",
    ),
]


def seed_improvement(ctx) -> None:
    org = ctx.organisation
    if Action.objects.filter(organisation=org).exists():
        return
    rng = ctx.rng
    today = ctx.today
    indicators = {i.code: i for i in Indicator.objects.filter(organisation=org)}
    drivers = {d.code: d for d in Driver.objects.filter(organisation=org)}
    User = get_user_model()
    staff = list(
        User.objects.filter(memberships__organisation=org)
        .exclude(memberships__role="provider_user")
        .order_by("username")
    )
    teams = ctx.made.get("teams", [])
    # Finished actions fall in the two quarters before the current one, so the public page
    # shows exactly two quarters; older ones have a complete after-window.
    this_quarter = insights_query.add_months(
        insights_query.month_start(today), -((today.month - 1) % 3)
    )
    quarters = {9: -6, 8: -6, 7: -6, 5: -3, 4: -3}
    actions = []
    for index, (title, status, months, indicator, driver, said, did) in enumerate(ACTIONS):
        if status in (Status.DONE, Status.MEASURED):
            day = insights_query.add_months(this_quarter, quarters[months]) + timedelta(
                days=10 + 30 * (index % 3) + rng.randint(0, 10)
            )
        else:
            day = insights_query.add_months(today, -months)
        action = Action(
            organisation=org,
            title=title,
            status=status,
            indicator=indicators.get(indicator),
            driver=drivers.get(driver),
            owner=rng.choice(staff) if staff else None,
            team=rng.choice(teams) if teams else None,
            effect_months=3,
            description=said,
            due_on=day if months < 0 else day - timedelta(days=14),
            done_on=day if status in (Status.DONE, Status.MEASURED) else None,
        )
        improvement_service.save_action(action)
        actions.append((action, said, did))
    blocked = actions[7][0]
    improvement_service.set_blocker(blocked, "Wacht op een besluit over de leverancier.")
    blocked.waits_for.add(actions[6][0])
    for code, target in (("overall_grade", 7.5), ("wmo_access", 80.0), ("effort", 80.0)):
        if code in indicators:
            Goal.objects.create(
                organisation=org,
                indicator=indicators[code],
                target=target,
                deadline=insights_query.add_months(today, 12),
            )
    # Two quarters of "jij zei, wij deden": each finished action in the quarter it was done.
    for action, said, did in actions:
        if action.done_on:
            quarter = (action.done_on.month - 1) // 3 + 1
            improvement_service.publish_improvement(
                org,
                year=action.done_on.year,
                quarter=quarter,
                action=action,
                you_said=said,
                we_did=did,
            )
    # Two maturity scans a year apart; the second a little better.
    pillars = improvement_query.maturity_pillar_codes()
    statements = improvement_query.maturity_statement_codes()
    for months_ago, base in ((13, 2), (1, 3)):
        scan = improvement_service.start_scan(
            org,
            insights_query.add_months(today, -months_ago),
            {code: 4 for code in pillars},
            title=f"Scan {insights_query.add_months(today, -months_ago).year}",
        )
        for person in staff[:4]:
            improvement_service.answer_scan(
                scan,
                person,
                {code: max(1, min(5, base + rng.choice((-1, 0, 0, 1)))) for code in statements},
            )
    for what, code, result in PRACTICES:
        Practice.objects.create(
            organisation=org, what=what, indicator_code=code, result=result, shared=True
        )
