from django import template

from gehoord.tenancy.roles import Capability, role_has

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_perms(context) -> dict:
    """Which of this app's tabs the active member may open."""
    membership = getattr(context.get("request"), "membership", None)
    role = membership.role if membership else ""
    return {
        "manage": role_has(role, Capability.MANAGE_SIGNALS),
        "follow_up": role_has(role, Capability.HANDLE_FOLLOW_UPS),
        "code": role_has(role, Capability.CODE_SIGNALS),
        "settings": role_has(role, Capability.MANAGE_FEEDBACK_SETTINGS),
    }
