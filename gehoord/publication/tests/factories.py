"""Test factories of publication: publication settings and digest subscriptions."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser

from gehoord.catalog.models import Service
from gehoord.publication.models import DigestScope, DigestSubscription, PublicationSettings
from gehoord.tenancy.models import Organisation


def make_publication_settings(organisation: Organisation, enabled: bool = True,
                              services: Iterable[Service] = (),
                              **fields) -> PublicationSettings:
    """The settings of `organisation`, publishing `services` (switched on by default)."""
    settings = PublicationSettings.objects.create(organisation=organisation, enabled=enabled,
                                                  **fields)
    settings.services.add(*services)
    return settings


def make_digest_subscription(user: AbstractBaseUser, organisation: Organisation,
                             **fields) -> DigestSubscription:
    """`user` receives the monthly digest of the whole `organisation` unless `scope` says."""
    fields.setdefault("scope", DigestScope.ORGANISATION)
    return DigestSubscription.objects.create(user=user, organisation=organisation, **fields)
