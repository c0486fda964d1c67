"""Reads of the catalogue."""

import pytest
from django.utils import timezone

from gehoord.catalog import query
from gehoord.catalog.models import Provider, Service

pytestmark = pytest.mark.django_db


def test_first_service_with_providers_skips_services_without_active_providers(org_a):
    waste = Service.objects.create(organisation=org_a, code="afval", name="Afval")
    care = Service.objects.create(organisation=org_a, code="wmo", name="Wmo")
    gone = Provider.objects.create(organisation=org_a, name="Gestopt")
    gone.services.add(waste)
    Provider.objects.filter(pk=gone.pk).update(archived_at=timezone.now())
    assert query.first_service_with_providers([waste, care]) == waste  # none has providers
    Provider.objects.create(organisation=org_a, name="Zorg").services.add(care)
    assert query.first_service_with_providers([waste, care]) == care
    assert query.first_service_with_providers([]) is None
