from typing import cast

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyHeader

from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.models import ApiKey
from gehoord.tenancy.scoping import OrganisationRequest


class OrganisationApiKey(APIKeyHeader):
    """`X-API-Key: <key>`; the request then acts for the key's organisation only.

    With a `scope`, the key must also hold it: 401 for a missing, wrong or revoked key,
    403 for a valid key that may not do this.
    """

    param_name = "X-API-Key"

    def __init__(self, scope: str | None = None) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, key: str | None) -> ApiKey | None:
        if not key:
            return None
        api_key = tenancy_service.key_for(key)
        if api_key is None:
            return None
        if self.scope and self.scope not in api_key.scopes:
            raise HttpError(403, f"this API key may not use this part of the API ({self.scope})")
        cast(OrganisationRequest, request).organisation = api_key.organisation
        return api_key
