"""Test factories of the catalogue: services, providers, teams, journeys and stages."""

from collections.abc import Iterable

from gehoord.catalog.models import Journey, Provider, Service, Stage, Team
from gehoord.tenancy.models import Organisation


def make_service(organisation: Organisation, name: str = "Paspoort", **fields) -> Service:
    """A service of `organisation` (`code` stays empty unless given)."""
    return Service.objects.create(organisation=organisation, name=name, **fields)


def make_provider(
    organisation: Organisation, name: str = "Zorg Plus", services: Iterable[Service] = (), **fields
) -> Provider:
    """A provider of `organisation` that delivers `services`."""
    provider = Provider.objects.create(organisation=organisation, name=name, **fields)
    provider.services.add(*services)
    return provider


def make_team(organisation: Organisation, name: str = "KCC", **fields) -> Team:
    """An internal team of `organisation`."""
    return Team.objects.create(organisation=organisation, name=name, **fields)


def make_journey(organisation: Organisation, name: str = "Aanvraag paspoort", **fields) -> Journey:
    """A journey of `organisation` without stages."""
    return Journey.objects.create(organisation=organisation, name=name, **fields)


def make_stage(
    organisation: Organisation,
    name: str = "Afspraak maken",
    journey: str = "Aanvraag paspoort",
    **journey_fields,
) -> Stage:
    """Stage `name`, the only one of a new journey called `journey`."""
    return Stage.objects.create(
        journey=make_journey(organisation, journey, **journey_fields), name=name
    )
