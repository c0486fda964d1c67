"""`{% sso_buttons %}`: a "Log in with …" button per switched-on identity provider."""

from django import template

from gehoord.sso import query

register = template.Library()


@register.inclusion_tag("sso/buttons.html")
def sso_buttons(next_url: str = "") -> dict:
    """`next_url`: where the log-in page sends the user afterwards (checked at the start)."""
    return {
        "providers": list(query.enabled_providers().order_by("organisation__name")),
        "next_url": next_url,
    }
