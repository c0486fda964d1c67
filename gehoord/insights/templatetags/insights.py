from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    """A dict value in a template: `{{ figures|get_item:question_id }}`."""
    return mapping.get(key) if mapping else None
