"""Test factories of publication: an organisation's publication settings."""

from collections.abc import Iterable

from gehoord.catalog.models import Service
from gehoord.publication.models import PublicationSettings
from gehoord.tenancy.models import Organisation


def make_publication_settings(
    organisation: Organisation, enabled: bool = True, services: Iterable[Service] = (), **fields
) -> PublicationSettings:
    """The settings of `organisation`, publishing `services` (switched on by default)."""
    settings = PublicationSettings.objects.create(
        organisation=organisation, enabled=enabled, **fields
    )
    settings.services.add(*services)
    return settings
