"""The demo generator: each step fills one domain for one organisation.

A step takes a `SeedContext` and may store what later steps need in `ctx.made`.
Steps must be deterministic given `ctx.rng`, and skip work that already exists.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from gehoord.catalog import service as catalog_service
from gehoord.catalog.models import Journey, Provider, Service, Stage, Team
from gehoord.improvement.models import Practice
from gehoord.insights import service as insights_service
from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.models import Organisation
from gehoord.tenancy.roles import Role

from .feedback_step import seed_feedback
from .forecast_step import seed_forecast
from .improvement_step import seed_improvement
from .outreach_step import seed_outreach
from .publication_step import seed_publication
from .spec import DEMO_PASSWORD, JOURNEY, PROVIDER_PREFIXES, PROVIDER_SUFFIXES, OrganisationSpec
from .statutory_step import seed_statutory
from .survey_step import seed_surveys
from .webhooks_step import seed_webhooks


@dataclass
class SeedContext:
    spec: OrganisationSpec
    rng: random.Random
    organisation: Organisation | None = None
    made: dict = field(default_factory=dict)
    # Scales the number of generated responses (1.0 for the demo, small in tests).
    volume: float = 1.0
    accounts: list[tuple[str, str, str]] = field(default_factory=list)
    # The moment the demo is generated "as of": every date in it is relative to this, so a
    # test can seed a world for a fixed day (the demo command passes the real now).
    now: datetime = field(default_factory=timezone.now)

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)


def seed_organisation(ctx: SeedContext) -> None:
    spec = ctx.spec
    ctx.organisation, _ = Organisation.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "kind": spec.kind,
            "inhabitants": spec.inhabitants,
            "languages": ["nl", "en"],
            "named_in_benchmarks": spec.named_in_benchmarks,
            # Demo accounts log in with the printed password alone; a real organisation
            # keeps two-step verification on (the default).
            "two_factor_required": False,
        },
    )


def seed_catalog(ctx: SeedContext) -> None:
    org = ctx.organisation
    services = {}
    for name, code in ctx.spec.services:
        services[code], _ = Service.objects.get_or_create(
            organisation=org, name=name, defaults={"code": code}
        )
    wmo = [s for code, s in services.items() if code.startswith("wmo")]
    names = sorted({f"{p} {s}" for p in PROVIDER_PREFIXES for s in PROVIDER_SUFFIXES})
    providers = []
    for name in ctx.rng.sample(names, ctx.spec.provider_count):
        provider, created = Provider.objects.get_or_create(
            organisation=org,
            name=name,
            defaults={"active_from": date(2024, 1, 1) + timedelta(days=ctx.rng.randrange(0, 365))},
        )
        if created:
            provider.services.set(ctx.rng.sample(wmo, ctx.rng.randint(1, len(wmo))))
        providers.append(provider)
    teams = [Team.objects.get_or_create(organisation=org, name=name)[0] for name in ctx.spec.teams]
    journey_name, service_code, stage_names = JOURNEY
    journey, created = Journey.objects.get_or_create(
        organisation=org, name=journey_name, defaults={"service": services.get(service_code)}
    )
    if created:
        Stage.objects.bulk_create(
            Stage(journey=journey, name=name, position=i) for i, name in enumerate(stage_names, 1)
        )
    ctx.made.update(services=services, providers=providers, teams=teams, journey=journey)


ROLE_ACCOUNTS = [
    (Role.ADMINISTRATOR, "beheerder", "Bea", "Beheer"),
    (Role.ANALYST, "analist", "Anouk", "Analist"),
    (Role.TEAM_LEAD, "teamleider", "Tariq", "Teamleider"),
    (Role.COMPLAINTS_OFFICER, "klachten", "Karin", "Klachtbehandelaar"),
    (Role.INTERVIEWER, "interviewer", "Ivo", "Interviewer"),
    (Role.PROVIDER_USER, "aanbieder", "Amira", "Aanbieder"),
]


def seed_accounts(ctx: SeedContext) -> None:
    """One account per role, named `<role>@<organisation domain>`."""
    User = get_user_model()
    for role, prefix, first, last in ROLE_ACCOUNTS:
        username = f"{prefix}@{ctx.spec.email_domain}"
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": username, "first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        membership = tenancy_service.add_member(user, ctx.organisation, role)
        if role == Role.PROVIDER_USER:
            catalog_service.grant_provider_access(membership, ctx.made["providers"][0])
        ctx.accounts.append((username, role.label, ctx.spec.name))


def seed_rollups(ctx: SeedContext) -> None:
    """A peer's figures reach others only through its rollups (the peer benchmark)."""
    insights_service.rebuild_rollups(ctx.organisation)


def seed_practices(ctx: SeedContext) -> None:
    """What a peer shares for benchlearning."""
    if Practice.objects.filter(organisation=ctx.organisation).exists():
        return
    Practice.objects.bulk_create(
        Practice(
            organisation=ctx.organisation,
            what=what,
            indicator_code=code,
            result=result,
            shared=True,
        )
        for what, code, result in ctx.spec.practices
    )


def seed_insights(ctx: SeedContext) -> None:
    """Dashboards read rollups and stored driver analyses; build them once for the demo."""
    insights_service.rebuild_rollups(ctx.organisation)
    insights_service.compute_driver_analyses(ctx.organisation)
    insights_service.compute_text_analyses(ctx.organisation)


STEPS: list[Callable[[SeedContext], None]] = [
    seed_organisation,
    seed_catalog,
    seed_accounts,
    seed_surveys,
    seed_outreach,
    seed_feedback,
    seed_forecast,
    seed_insights,
    seed_publication,
    seed_improvement,
    seed_statutory,
    seed_webhooks,  # last: seeding the other steps must not queue deliveries
]

# A peer answers surveys and shares practices; nobody logs in to it.
PEER_STEPS: list[Callable[[SeedContext], None]] = [
    seed_organisation,
    seed_catalog,
    seed_surveys,
    seed_rollups,
    seed_practices,
]


def steps_for(spec: OrganisationSpec) -> list[Callable[[SeedContext], None]]:
    return STEPS if spec.full else PEER_STEPS
