"""What a theme makes of gehoord's tokens, and the stylesheet the resident pages load."""

import re

from coloraide import Color

from . import tokens
from .catalogue import SHIPPED
from .models import OrganisationTheme

_FONT = re.compile(r"^[A-Za-z0-9 ,\"'_-]{1,200}$")


def properties_of(theme: OrganisationTheme | None) -> dict[str, str]:
    """The theme's custom properties: the shipped package's or the uploaded file's."""
    if theme is None:
        return {}
    if theme.shipped in SHIPPED:
        shipped = SHIPPED[theme.shipped]
        return tokens.from_css(shipped.css_text(), shipped.css_class)
    return dict(theme.uploaded_tokens or {})


def values_of(properties: dict[str, str]) -> dict[str, str]:
    """gehoord's tokens under the theme, each made safe to write into a stylesheet: colours
    rewritten by coloraide (so no value can close the rule), fonts from a plain alphabet."""
    safe: dict[str, str] = {}
    defaults = {role: default for role, (_c, default) in tokens.ROLES.items()}
    for role, value in tokens.themed_values(properties).items():
        if role == "--gehoord-font-family":
            safe[role] = value if _FONT.match(value) else defaults[role]
            continue
        try:
            safe[role] = Color(value).convert("srgb").to_string(hex=True)
        except ValueError:
            safe[role] = defaults[role]
    return safe


def stylesheet(theme: OrganisationTheme | None, logo_url: str | None) -> str:
    """The CSS `/o/<slug>/thema.css` serves: gehoord's tokens set from the theme."""
    if theme is None:
        return "/* gehoord's own look */\n"
    lines = [".gehoord-themed {"]
    lines += [f"  {role}: {value};" for role, value in values_of(properties_of(theme)).items()]
    lines.append("}")
    if logo_url:
        lines += [
            ".gehoord-themed .logo-mark {",
            f'  background: url("{logo_url}") center / contain no-repeat;',
            "  width: 3rem; height: 3rem; border-radius: 0;",
            "}",
        ]
    return "\n".join(lines) + "\n"
