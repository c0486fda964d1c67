"""`{% theme_links %}`: the stylesheet of the page's organisation for a resident page (no
database query: the stylesheet itself says what the theme is). The organisation is the
context's `organisation`, or the survey token's."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def theme_links(context) -> str:
    organisation = context.get("organisation")
    if organisation is None and (token := context.get("token")) is not None:
        organisation = getattr(token, "organisation", None)
    slug = getattr(organisation, "slug", None)
    if not slug:
        return ""
    return format_html('<link rel="stylesheet" href="{}">', reverse("theming:css", args=[slug]))
