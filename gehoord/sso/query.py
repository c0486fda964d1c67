"""Reads of the sso app: the providers shown on the log-in page and an organisation's one."""

from django.db.models import QuerySet

from gehoord.tenancy.models import Organisation

from .models import OidcProvider


def enabled_providers() -> QuerySet[OidcProvider]:
    """Every switched-on provider, for the buttons on the (public) log-in page."""
    return OidcProvider.objects.filter(enabled=True).select_related("organisation")


def enabled_provider_for(organisation_slug: str) -> OidcProvider | None:
    return enabled_providers().filter(organisation__slug=organisation_slug).first()


def provider_of(organisation: Organisation) -> OidcProvider | None:
    return OidcProvider.objects.for_organisation(organisation).first()


def provider_by_id(provider_id: object) -> OidcProvider | None:
    if not isinstance(provider_id, int):
        return None
    return enabled_providers().filter(pk=provider_id).first()
