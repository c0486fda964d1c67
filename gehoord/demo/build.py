"""Entry points used by the `demo` and `seed` commands."""

import random
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.roles import Role

from .spec import DEMO_PASSWORD, ORGANISATIONS, OrganisationSpec
from .steps import STEPS, SeedContext

MULTI_ORG_USERNAME = "regisseur@gehoord.example"


def spec_for(slug: str) -> OrganisationSpec:
    for spec in ORGANISATIONS:
        if spec.slug == slug:
            return spec
    known = ", ".join(s.slug for s in ORGANISATIONS)
    raise KeyError(f"Unknown demo organisation {slug!r}; choose one of: {known}")


@transaction.atomic
def seed(
    spec: OrganisationSpec, seed_value: int = 2026, volume: float = 1.0, now: datetime | None = None
) -> SeedContext:
    """Create (or complete) one demo organisation as of `now` (default: the real now);
    running it again changes nothing."""
    # One generator per organisation, so seeding one never shifts the other's data.
    ctx = SeedContext(
        spec=spec,
        rng=random.Random(f"{seed_value}:{spec.slug}"),
        volume=volume,
        now=now or timezone.now(),
    )
    for step in STEPS:
        step(ctx)
    return ctx


@transaction.atomic
def seed_all(
    seed_value: int = 2026, volume: float = 1.0, now: datetime | None = None
) -> list[tuple[str, str, str]]:
    """All demo organisations plus one administrator who works for both (to show switching)."""
    accounts = []
    now = now or timezone.now()
    contexts = [seed(spec, seed_value, volume, now) for spec in ORGANISATIONS]
    for ctx in contexts:
        accounts.extend(ctx.accounts)
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=MULTI_ORG_USERNAME,
        defaults={"email": MULTI_ORG_USERNAME, "first_name": "Rik", "last_name": "Regisseur"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    for ctx in contexts:
        tenancy_service.add_member(user, ctx.organisation, Role.ADMINISTRATOR)
    accounts.append(
        (
            MULTI_ORG_USERNAME,
            Role.ADMINISTRATOR.label,
            " + ".join(ctx.spec.name for ctx in contexts),
        )
    )
    return accounts
