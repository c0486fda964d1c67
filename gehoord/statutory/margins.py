"""Population margins of a statutory year (issue 22, item 5): the numbers of people per
age band, district, service and provider that the responses are weighted to. Typed in
(from the municipality's own registration) or counted from the contact register and the
service events of the year's invitation rules."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gehoord.outreach import query as outreach_query

from .models import MarginDimension, MarginSource, PopulationMargin, StatutoryYear
from .query import plan_questionnaire_ids

LINE = re.compile(r"^(?P<category>.+?)\s*[:;=\t]\s*(?P<count>[\d.]+)\s*$")


def parse_lines(text: str) -> dict[str, int]:
    """ "80+: 120" per line → {"80+": 120}; a clear Dutch message for a bad line."""
    result: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = LINE.match(line)
        if not match or not match["count"].replace(".", "").isdigit():
            raise ValidationError(
                _('Line %(number)d is not "group: number", for example "80+: 120".')
                % {"number": number}
            )
        category = match["category"].strip()[:120]
        if category in result:
            raise ValidationError(
                _("Line %(number)d repeats %(category)s.")
                % {"number": number, "category": category}
            )
        result[category] = int(match["count"].replace(".", ""))
    return result


def as_lines(counts: dict[str, int]) -> str:
    return "\n".join(f"{category}: {count}" for category, count in sorted(counts.items()))


@transaction.atomic
def set_margins(
    plan: StatutoryYear,
    dimension: str,
    counts: dict[str, int],
    source: str = MarginSource.TYPED,
) -> None:
    """Replace the year's numbers for one dimension (all or nothing)."""
    PopulationMargin.objects.filter(year=plan, dimension=dimension).delete()
    PopulationMargin.objects.bulk_create(
        PopulationMargin(
            organisation_id=plan.organisation_id,
            year=plan,
            dimension=dimension,
            category=category,
            count=count,
            source=source,
        )
        for category, count in sorted(counts.items())
        if count > 0
    )


def counted_from_register(plan: StatutoryYear) -> dict[str, dict[str, int]]:
    """The year's population as the contact register and events know it: people with an
    event of a service whose invitation rule asks one of the year's questionnaires."""
    rules = outreach_query.rules_for_questionnaires(plan.organisation, plan_questionnaire_ids(plan))
    service_ids = sorted({rule.service_id for rule in rules})
    if not service_ids:
        return {}
    return outreach_query.population_counts(
        plan.organisation, service_ids, date(plan.year, 1, 1), date(plan.year, 12, 31)
    )


@transaction.atomic
def compute_margins(plan: StatutoryYear) -> dict[str, dict[str, int]]:
    """Replace every dimension's numbers by those counted from the register."""
    counts = counted_from_register(plan)
    for dimension in MarginDimension.values:
        set_margins(plan, dimension, counts.get(dimension, {}), MarginSource.COMPUTED)
    return counts
