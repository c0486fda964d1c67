"""Reads: an organisation's theme."""

from gehoord.tenancy.models import Organisation

from .models import OrganisationTheme


def theme_of(organisation: Organisation) -> OrganisationTheme | None:
    return OrganisationTheme.objects.for_organisation(organisation).first()
