from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .query import memberships_of
from .scoping import OrganisationRequest

SESSION_KEY = "active_organisation_id"


class ActiveOrganisationMiddleware:
    """Puts the user's active membership and organisation on the request.

    The active organisation is kept in the session; when it is missing or no longer
    allowed, the user's first membership is used.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: OrganisationRequest) -> HttpResponse:
        request.membership = None
        request.organisation = None
        request.memberships = []
        if request.user.is_authenticated:
            memberships = memberships_of(request.user)
            request.memberships = memberships
            wanted = request.session.get(SESSION_KEY)
            active = next((m for m in memberships if m.organisation_id == wanted), None)
            if active is None and memberships:
                active = memberships[0]
            if active is not None:
                request.membership = active
                request.organisation = active.organisation
        return self.get_response(request)
