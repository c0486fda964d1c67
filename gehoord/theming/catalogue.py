"""The NL Design System themes gehoord ships: the community's `voorbeeld` theme and the
published design tokens of three municipalities (npm, pinned in package-lock.json, copied to
`static/vendor/themes/` by `make vendor`).

Each package defines its tokens as CSS custom properties on a class (`.utrecht-theme`, …).
A page wears a theme by loading that file and putting the class on `<body>`; `theme.css`
(static) maps the community's component tokens onto gehoord's own. A municipality's theme is
its house style: only that municipality should choose it (its licence says so).
"""

from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShippedTheme:
    key: str
    label: str | Promise
    package: str
    css_class: str
    licence: str

    @property
    def static_path(self) -> str:
        return f"vendor/themes/{self.key}.css"

    def css_text(self) -> str:
        """The theme's CSS; empty when `make vendor` has not copied it (yet)."""
        found = finders.find(self.static_path)
        return Path(found).read_text(encoding="utf-8") if found else ""


SHIPPED = {
    theme.key: theme
    for theme in (
        ShippedTheme(
            "voorbeeld",
            _("Voorbeeld (NL Design System example theme)"),
            "@nl-design-system-unstable/voorbeeld-design-tokens",
            "voorbeeld-theme",
            "EUPL-1.2",
        ),
        ShippedTheme(
            "utrecht",
            _("Gemeente Utrecht"),
            "@utrecht/design-tokens",
            "utrecht-theme",
            "Gemeente Utrecht, all rights reserved",
        ),
        ShippedTheme(
            "denhaag",
            _("Gemeente Den Haag"),
            "@gemeente-denhaag/design-tokens-components",
            "denhaag-theme",
            "EUPL-1.2",
        ),
        ShippedTheme(
            "rotterdam",
            _("Gemeente Rotterdam"),
            "@nl-design-system-unstable/rotterdam-design-tokens",
            "rotterdam-theme",
            "Gemeente Rotterdam, all rights reserved",
        ),
    )
}
