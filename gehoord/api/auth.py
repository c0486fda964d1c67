from typing import cast

from django.http import HttpRequest
from ninja.security import APIKeyHeader

from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.scoping import OrganisationRequest


class OrganisationApiKey(APIKeyHeader):
    """`X-API-Key: <key>`; the request then acts for the key's organisation only."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None):
        if not key:
            return None
        organisation = tenancy_service.organisation_for_key(key)
        if organisation is not None:
            cast(OrganisationRequest, request).organisation = organisation
        return organisation
