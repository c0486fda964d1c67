"""Entry points used by the `demo` and `seed` commands."""

import random
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.roles import Role

from .spec import ALL_ORGANISATIONS, DEMO_PASSWORD, ORGANISATIONS, PEERS, OrganisationSpec
from .steps import SeedContext, steps_for

MULTI_ORG_USERNAME = "regisseur@gehoord.example"
# A Django superuser: runs the platform (/admin/), belongs to no organisation.
PLATFORM_ADMIN_USERNAME = "platform@gehoord.example"
PLATFORM_ADMIN_ROLE = _("Platform administrator")


def spec_for(slug: str) -> OrganisationSpec:
    for spec in ALL_ORGANISATIONS:
        if spec.slug == slug:
            return spec
    known = ", ".join(s.slug for s in ALL_ORGANISATIONS)
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
    for step in steps_for(spec):
        step(ctx)
    return ctx


@transaction.atomic
def seed_peers(
    seed_value: int = 2026, volume: float = 1.0, now: datetime | None = None
) -> list[SeedContext]:
    """The organisations Gemeente Voorbeeld is benchmarked against (no accounts)."""
    now = now or timezone.now()
    return [seed(spec, seed_value, volume, now) for spec in PEERS]


def ensure_account(username: str, first: str, last: str, **flags: bool):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": username, "first_name": first, "last_name": last, **flags},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed_all(
    seed_value: int = 2026, volume: float = 1.0, now: datetime | None = None
) -> list[tuple[str, str, str]]:
    """All demo organisations and their peers, one administrator who works for both (to
    show switching) and a platform administrator."""
    accounts = []
    now = now or timezone.now()
    contexts = [seed(spec, seed_value, volume, now) for spec in ORGANISATIONS]
    seed_peers(seed_value, volume, now)
    for ctx in contexts:
        accounts.extend(ctx.accounts)
    user = ensure_account(MULTI_ORG_USERNAME, "Rik", "Regisseur")
    for ctx in contexts:
        tenancy_service.add_member(user, ctx.organisation, Role.ADMINISTRATOR)
    accounts.append(
        (
            MULTI_ORG_USERNAME,
            Role.ADMINISTRATOR.label,
            " + ".join(ctx.spec.name for ctx in contexts),
        )
    )
    accounts.append(seed_platform_admin())
    return accounts


def seed_platform_admin() -> tuple[str, str, str]:
    """The superuser who runs the platform (Django's /admin/), in no organisation."""
    ensure_account(PLATFORM_ADMIN_USERNAME, "Pim", "Platform", is_staff=True, is_superuser=True)
    return (PLATFORM_ADMIN_USERNAME, str(PLATFORM_ADMIN_ROLE), "/admin/")
