"""Stratified random samples for an invitation rule (issue 22, item 4).

The frame is every contact with an event of the rule's service and kind in the plan's
period (their latest event), less those dispatch would refuse now — opted out, no consent
for a questionnaire on consent, in quarantine (`dispatch.not_invitable_because`, the check
dispatch itself makes) — and those already invited for that event. The frame is split into
strata (service, provider, district, age band); each stratum gets its share of the sample
(largest remainders), and with a minimum per stratum the small strata are lifted to it
first (or to all they have) and the rest is shared out over the others. Within a stratum
contacts are drawn with numpy's generator seeded by the plan's stored seed, from a list
in a fixed order, so the same plan on the same frame always draws the same contacts.

Quotas act at dispatch: an invitation of a stratum that has the plan's response target
is not sent, nor reminded (`dispatch.quota_reached`).
"""

from __future__ import annotations

import math
import secrets
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

import numpy as np
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from gehoord.contacts.models import age_band_for
from gehoord.tenancy.models import Organisation

from . import dispatch
from .events import due_moment
from .models import Invitation, InvitationRule, InvitationStatus, ServiceEvent
from .models_sampling import Allocation, SamplePlan, Stratum

K = TypeVar("K", bound=Hashable)
ALREADY_INVITED = "already_invited"


def _proportional(population: Mapping[K, int], size: int) -> dict[K, int]:
    total = sum(population.values())
    if total == 0 or size <= 0:
        return dict.fromkeys(population, 0)
    ideal = {key: size * n / total for key, n in population.items()}
    result = {key: math.floor(value) for key, value in ideal.items()}
    left = size - sum(result.values())
    by_remainder = sorted(population, key=lambda key: (result[key] - ideal[key], str(key)))
    for key in by_remainder[:left]:
        result[key] += 1
    return result


def allocate(population: Mapping[K, int], size: int, minimum: int = 0) -> dict[K, int]:
    """Sample size per stratum: proportional to `population`, every stratum at least
    `minimum` (or its whole population when smaller). The minimum comes first, so the
    total can pass `size` when there are many small strata; never more than the frame."""
    size = min(size, sum(population.values()))
    fixed: dict[K, int] = {}
    while True:
        rest = {key: n for key, n in population.items() if key not in fixed}
        shares = _proportional(rest, max(0, size - sum(fixed.values())))
        short = {key for key, n in shares.items() if n < min(minimum, population[key])}
        if not short:
            return {**fixed, **shares}
        for key in short:
            fixed[key] = min(minimum, population[key])


@dataclass(frozen=True)
class Unit:
    event_id: int
    contact_id: int
    stratum: str


@dataclass
class Frame:
    units: list[Unit]
    excluded: Counter = field(default_factory=Counter)  # reason → contacts left out

    def sizes(self) -> dict[str, int]:
        return dict(Counter(unit.stratum for unit in self.units))


def _stratum_of(event: ServiceEvent, strata: list[str], year: int) -> str:
    unknown = _("unknown")
    parts = []
    for dimension in strata:
        if dimension == Stratum.SERVICE:
            parts.append(event.service.name)
        elif dimension == Stratum.PROVIDER:
            parts.append(event.provider.name if event.provider else unknown)
        elif dimension == Stratum.DISTRICT:
            parts.append(event.contact.district or unknown)
        elif dimension == Stratum.AGE_BAND:
            parts.append(age_band_for(event.contact.birth_year, year) or unknown)
    return " · ".join(parts)[:200] or _("everyone")


def frame(plan: SamplePlan, now: datetime) -> Frame:
    """The contacts the plan may draw from, each in its stratum, in a fixed order."""
    rule = plan.rule
    events = (
        ServiceEvent.objects.filter(
            organisation_id=plan.organisation_id,
            service_id=rule.service_id,
            kind=rule.event_kind,
            occurred_on__gte=plan.events_from,
            occurred_on__lte=plan.events_until,
        )
        .select_related("contact", "service", "provider", "organisation")
        .order_by("contact_id", "-occurred_on", "-pk")
    )
    invited = set(
        Invitation.objects.filter(rule=rule, event__isnull=False).values_list("event_id", flat=True)
    )
    result = Frame(units=[])
    seen: set[int] = set()
    for event in events.iterator(chunk_size=2000):
        if event.contact_id in seen:
            continue  # the contact's latest event stands for them
        seen.add(event.contact_id)
        if event.pk in invited:
            result.excluded[ALREADY_INVITED] += 1
            continue
        candidate = Invitation(
            organisation=event.organisation, contact=event.contact, event=event, rule=rule
        )
        because = dispatch.not_invitable_because(candidate, now)
        if because:
            result.excluded[because] += 1
            continue
        stratum = _stratum_of(event, plan.strata, plan.events_until.year)
        result.units.append(Unit(event.pk, event.contact_id, stratum))
    result.units.sort(key=lambda unit: (unit.stratum, unit.contact_id))
    return result


def planned_sizes(plan: SamplePlan, population: Mapping[str, int]) -> dict[str, int]:
    minimum = plan.minimum_per_stratum if plan.allocation == Allocation.MINIMUM else 0
    return allocate(population, plan.size, minimum)


def drawn_units(plan: SamplePlan, units: list[Unit]) -> list[Unit]:
    """The sample: per stratum (in name order) its planned number, drawn without
    replacement by the generator seeded with the plan's seed."""
    by_stratum: dict[str, list[Unit]] = {}
    for unit in sorted(units, key=lambda u: (u.stratum, u.contact_id)):
        by_stratum.setdefault(unit.stratum, []).append(unit)
    sizes = planned_sizes(plan, {key: len(members) for key, members in by_stratum.items()})
    rng = np.random.default_rng(plan.seed)
    chosen: list[Unit] = []
    for key in sorted(by_stratum):
        members = by_stratum[key]
        picks = rng.choice(len(members), size=sizes[key], replace=False)
        chosen.extend(members[i] for i in sorted(int(p) for p in picks))
    return chosen


@dataclass(frozen=True)
class PreviewRow:
    stratum: str
    population: int
    planned: int


@dataclass
class Preview:
    rows: list[PreviewRow]
    excluded: Counter
    units: list[Unit]

    @property
    def total(self) -> int:
        return sum(row.planned for row in self.rows)

    @property
    def population(self) -> int:
        return sum(row.population for row in self.rows)


def preview(plan: SamplePlan, now: datetime) -> Preview:
    """What drawing now would do: per stratum the frame and the planned size, and who."""
    sample_frame = frame(plan, now)
    sizes = sample_frame.sizes()
    planned = planned_sizes(plan, sizes)
    rows = [PreviewRow(key, sizes[key], planned[key]) for key in sorted(sizes)]
    return Preview(rows, sample_frame.excluded, drawn_units(plan, sample_frame.units))


def new_plan(
    organisation: Organisation,
    rule: InvitationRule,
    *,
    name: str,
    strata: list[str],
    size: int,
    events_from: date,
    events_until: date,
    allocation: str = Allocation.PROPORTIONAL,
    minimum_per_stratum: int = 0,
    response_target: int | None = None,
    seed: int | None = None,
) -> SamplePlan:
    """A sample plan; without a seed one is chosen at random and stored."""
    if rule.organisation_id != organisation.pk:
        raise ValueError("the rule belongs to another organisation")
    unknown = set(strata) - set(Stratum.values)
    if unknown:
        raise ValueError(f"unknown strata: {sorted(unknown)}")
    return SamplePlan.objects.create(
        organisation=organisation,
        rule=rule,
        name=name,
        strata=list(strata),
        size=size,
        events_from=events_from,
        events_until=events_until,
        allocation=allocation,
        minimum_per_stratum=minimum_per_stratum,
        response_target=response_target,
        seed=secrets.randbits(62) if seed is None else seed,
    )


@transaction.atomic
def draw(plan: SamplePlan, now: datetime) -> list[Invitation]:
    """Draw the sample and schedule its invitations (due at the rule's moment after the
    event, or now when that has passed); a plan is drawn once."""
    plan = SamplePlan.objects.select_for_update().select_related("rule").get(pk=plan.pk)
    if plan.drawn_at is not None:
        raise ValueError("this sample has been drawn already")
    units = preview(plan, now).units
    events = ServiceEvent.objects.in_bulk([unit.event_id for unit in units])
    invitations = [
        Invitation(
            organisation_id=plan.organisation_id,
            contact_id=unit.contact_id,
            event_id=unit.event_id,
            rule=plan.rule,
            due_at=max(now, due_moment(events[unit.event_id].occurred_on, plan.rule)),
            sample_plan=plan,
            stratum=unit.stratum,
        )
        for unit in units
    ]
    Invitation.objects.bulk_create(invitations)
    plan.drawn_at = now
    plan.save(update_fields=["drawn_at"])
    return invitations


def stratum_progress(plan: SamplePlan) -> list[dict]:
    """Per stratum of a drawn plan: invited, responded, and whether its quota is met."""
    rows = (
        Invitation.objects.filter(sample_plan=plan)
        .values("stratum")
        .annotate(
            invited=Count("pk"),
            responded=Count("pk", filter=Q(status=InvitationStatus.RESPONDED)),
        )
        .order_by("stratum")
    )
    target = plan.response_target
    return [
        {**row, "quota_reached": target is not None and row["responded"] >= target} for row in rows
    ]
