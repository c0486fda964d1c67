"""Reads of the catalogue."""

import pytest
from django.utils import timezone

from gehoord.catalog import query
from gehoord.catalog.models import Provider
from gehoord.catalog.tests.factories import make_provider, make_service

pytestmark = pytest.mark.django_db


def test_first_service_with_providers_skips_services_without_active_providers(org_a):
    waste = make_service(org_a, "Afval", code="afval")
    care = make_service(org_a, "Wmo", code="wmo")
    gone = make_provider(org_a, "Gestopt", services=[waste])
    Provider.objects.filter(pk=gone.pk).update(archived_at=timezone.now())
    assert query.first_service_with_providers([waste, care]) == waste  # none has providers
    make_provider(org_a, "Zorg", services=[care])
    assert query.first_service_with_providers([waste, care]) == care
    assert query.first_service_with_providers([]) is None
