"""`{% sso_buttons %}`: a "Log in with …" button per switched-on identity provider."""

from django import template

from gehoord.sso import query

register = template.Library()


@register.inclusion_tag("sso/buttons.html")
def sso_buttons() -> dict:
    return {"providers": list(query.enabled_providers().order_by("organisation__name"))}
