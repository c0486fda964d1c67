"""What an export covers: the period and filters, stored in the job as plain JSON."""

from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.framework import query as framework_query
from gehoord.surveys.models import Channel
from gehoord.tenancy.models import Organisation

from .. import periods
from ..metrics import Filters
from ..periods import Period

FILTER_NAMES = ("questionnaire_id", "service_id", "provider_id", "team_id")


def parameters_of(period: Period, filters: Filters) -> dict:
    """What a job stores: the period's key and the filters (ids), as plain JSON."""
    return {"period": period.key, **filters.as_dict()}


def selection_of(parameters: dict) -> tuple[Period, Filters]:
    def number(name):
        value = parameters.get(name)
        return int(value) if isinstance(value, int) or str(value or "").isdigit() else None

    year = parameters.get("year")
    period = (
        periods.calendar_year(year)
        if isinstance(year, int) and 2000 <= year <= 2100
        else periods.parse(parameters.get("period"))
    )
    return (
        period,
        Filters(
            **{name: number(name) for name in FILTER_NAMES},
            channel=str(parameters.get("channel") or ""),
        ),
    )


def filter_description(organisation: Organisation, filters: Filters) -> list[tuple[str, str]]:
    """The filters in words, for the title page."""
    lookups = {
        "questionnaire_id": (_("Questionnaire"), framework_query.questionnaires(organisation)),
        "service_id": (_("Service"), catalog_query.active_services(organisation)),
        "provider_id": (_("Provider"), catalog_query.active_providers(organisation)),
        "team_id": (_("Team"), catalog_query.active_teams(organisation)),
    }
    result = []
    for name, (label, queryset) in lookups.items():
        value = getattr(filters, name)
        if value is not None:
            found = queryset.filter(pk=value).first()
            result.append((label, str(found) if found else "?"))
    if filters.channel:
        result.append(
            (_("Channel"), str(dict(Channel.choices).get(filters.channel, filters.channel)))
        )
    return result


def describe(organisation: Organisation, parameters: dict) -> list[tuple[str, str]]:
    """The period and filters of a job in words, for its page."""
    period, filters = selection_of(parameters)
    return [(_("Period"), period.label), *filter_description(organisation, filters)]
