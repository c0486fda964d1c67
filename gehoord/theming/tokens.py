"""Design tokens as CSS custom properties: read from a theme's CSS or from a tokens JSON
file, resolved through `var()` references, and mapped onto gehoord's own tokens.

NL Design System themes name the community's component tokens (`--utrecht-document-color`,
`--utrecht-button-primary-action-background-color`, …). gehoord's stylesheet uses its own
(`--gehoord-color-text`, …); `ROLES` says which theme token fills which of gehoord's, with
gehoord's own value when a theme does not define it. The page CSS and the contrast check
both use `themed_values`, so what is checked is exactly what residents see.
"""

import re
from collections.abc import Mapping

import tinycss2

MAX_DEPTH = 20  # var() chains longer than this are treated as broken (or circular)
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)\s*(?:,\s*([^()]*(?:\([^()]*\))?[^()]*))?\)")

# gehoord token -> theme tokens that may fill it (first that resolves wins), and its default.
ROLES: dict[str, tuple[tuple[str, ...], str]] = {
    "--gehoord-color-text": (
        ("--utrecht-document-color", "--utrecht-body-color", "--utrecht-page-body-color"),
        "#1a1a1a",
    ),
    "--gehoord-color-background": (
        (
            "--utrecht-document-background-color",
            "--utrecht-body-background-color",
            "--utrecht-page-body-background-color",
        ),
        "#ffffff",
    ),
    "--gehoord-color-primary": (
        ("--utrecht-button-primary-action-background-color", "--utrecht-link-color"),
        "#154273",
    ),
    "--gehoord-color-on-primary": (("--utrecht-button-primary-action-color",), "#ffffff"),
    "--gehoord-color-link": (("--utrecht-link-color",), "#154273"),
    "--gehoord-color-primary-dark": (
        ("--utrecht-heading-1-color", "--utrecht-heading-color", "--utrecht-document-color"),
        "#0b2a4a",
    ),
    "--gehoord-font-family": (
        ("--utrecht-document-font-family", "--utrecht-body-font-family"),
        '"Fira Sans", "Segoe UI", system-ui, -apple-system, Roboto, Arial, sans-serif',
    ),
}


def from_css(css: str, css_class: str) -> dict[str, str]:
    """The custom properties a stylesheet sets on `.css_class` (and `:root`), outside media
    queries; later declarations win, as in the browser."""
    properties: dict[str, str] = {}
    wanted = {f".{css_class}", ":root"}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        selectors = {part.strip() for part in tinycss2.serialize(rule.prelude).split(",")}
        if not selectors & wanted:
            continue
        for declaration in tinycss2.parse_declaration_list(
            rule.content, skip_comments=True, skip_whitespace=True
        ):
            if declaration.type == "declaration" and declaration.name.startswith("--"):
                properties[declaration.name] = tinycss2.serialize(declaration.value).strip()
    return properties


def from_json(data: object) -> dict[str, str]:
    """Custom properties from a design-tokens JSON file (Style Dictionary or W3C format):
    nested groups, each token an object with `value` or `$value`; the path is the name."""
    properties: dict[str, str] = {}

    def walk(node: object, path: list[str]) -> None:
        if not isinstance(node, Mapping):
            return
        for marker in ("$value", "value"):
            if marker in node and not isinstance(node[marker], Mapping | list):
                properties["--" + "-".join(path)] = _json_reference_to_var(str(node[marker]))
                return
        for key, child in node.items():
            if not str(key).startswith("$"):
                walk(child, [*path, str(key)])

    walk(data, [])
    return properties


def _json_reference_to_var(value: str) -> str:
    """`{utrecht.color.blue.35}` (a token reference) becomes `var(--utrecht-color-blue-35)`."""
    return re.sub(r"\{([^{}]+)\}", lambda m: f"var(--{m.group(1).replace('.', '-')})", value)


def resolve(properties: Mapping[str, str], name: str) -> str | None:
    """The value of `name` with every `var()` replaced; None when undefined or broken."""

    def expand(value: str, depth: int) -> str | None:
        if depth > MAX_DEPTH:
            return None
        while (match := _VAR.search(value)) is not None:
            inner = lookup(match.group(1), depth + 1)
            if inner is None and match.group(2) is not None:
                inner = expand(match.group(2).strip(), depth + 1)
            if inner is None:
                return None
            value = value[: match.start()] + inner + value[match.end() :]
        return value.strip() or None

    def lookup(token: str, depth: int) -> str | None:
        raw = properties.get(token)
        return None if raw is None else expand(raw, depth)

    return lookup(name, 0)


def themed_values(properties: Mapping[str, str]) -> dict[str, str]:
    """gehoord's tokens as a theme fills them: for each role the first theme token that
    resolves, else gehoord's own value."""
    values: dict[str, str] = {}
    for role, (candidates, default) in ROLES.items():
        found = next((value for token in candidates if (value := resolve(properties, token))), None)
        values[role] = found or default
    return values
