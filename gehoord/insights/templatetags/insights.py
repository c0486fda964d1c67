"""Template tags for figures. Results pages show hundreds of figures; rendering each through
a template include costs more than the page's queries, so figures are rendered here."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """A dict value in a template: `{{ figures|get_item:question_id }}`."""
    return mapping.get(key) if mapping else None


@register.simple_tag
def figure(value) -> SafeString | str:
    """A figure with its interval, or "te weinig reacties" when it is suppressed."""
    if value is None:
        return "–"
    if not value.shown:
        return format_html('<span class="figure figure--suppressed">{}</span>', value.display)
    html = format_html('<span class="figure">{}</span>', value.display)
    if value.interval:
        html += format_html(
            ' <span class="muted figure-ci">({})</span>',
            gettext("95%% interval %(ci)s") % {"ci": value.interval},
        )
    return html


ARROWS = {"clearly_higher": "▲ ", "clearly_lower": "▼ "}


@register.simple_tag
def verdict(value) -> SafeString | str:
    """The significance of a difference in words, with the test for those who want it."""
    if value is None or not value.verdict_words:
        return ""
    arrow = ARROWS.get(str(value.verdict), "")
    return format_html(
        '<span class="verdict verdict--{}" title="{}">{}{}'
        '<span class="visually-hidden"> ({})</span></span>',
        value.verdict,
        value.test_description,
        format_html('<span aria-hidden="true">{}</span>', arrow) if arrow else "",
        value.verdict_words,
        value.test_description,
    )
