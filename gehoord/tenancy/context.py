from django.http import HttpRequest


def active_organisation(request: HttpRequest) -> dict:
    """Template context: the active organisation and the ones the user can switch to."""
    return {
        "active_organisation": getattr(request, "organisation", None),
        "active_membership": getattr(request, "membership", None),
        "user_memberships": getattr(request, "memberships", []),
    }
