"""The contrast computation against known WCAG 2.1 ratios, and the shipped themes."""

import pytest

from gehoord.theming import contrast, look, tokens
from gehoord.theming.catalogue import SHIPPED

# Known pairs (WebAIM contrast checker / WCAG 2.1 definition of relative luminance).
KNOWN = [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#ffffff", 1.0),
    ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
    ("#777777", "#ffffff", 4.48),  # one step lighter fails
    ("#154273", "#ffffff", 10.2),
    ("hsl(0 0% 100%)", "#0000ff", 8.59),
    ("rgb(255 0 0)", "white", 4.0),
]


@pytest.mark.parametrize(("foreground", "background", "expected"), KNOWN)
def test_ratio_matches_the_known_table(foreground, background, expected):
    assert contrast.ratio(foreground, background) == pytest.approx(expected, abs=0.01)


def test_a_see_through_colour_is_seen_over_its_background():
    assert contrast.ratio("rgb(0 0 0 / 0%)", "#ffffff") == pytest.approx(1.0)


def test_what_is_no_colour_has_no_ratio_and_fails():
    assert contrast.ratio("var(--x)", "#fff") is None
    [result] = [c for c in contrast.check(look.values_of({})) if c.ratio is None] or [None]
    assert result is None  # gehoord's own values are all colours


def test_var_chains_and_fallbacks_resolve():
    properties = {
        "--a": "var(--b)",
        "--b": "var(--c, #123456)",
        "--loop": "var(--loop)",
    }
    assert tokens.resolve(properties, "--a") == "#123456"
    assert tokens.resolve(properties, "--loop") is None
    assert tokens.resolve(properties, "--missing") is None


def test_tokens_json_in_style_dictionary_and_w3c_form():
    data = {
        "utrecht": {
            "document": {"color": {"value": "{voorbeeld.zwart}"}},
            "link": {"color": {"$value": "#00568b", "$type": "color"}},
        },
        "voorbeeld": {"zwart": {"value": "#111111"}},
    }
    properties = tokens.from_json(data)
    assert properties["--utrecht-document-color"] == "var(--voorbeeld-zwart)"
    values = look.values_of(properties)
    assert values["--gehoord-color-text"] == "#111111"
    assert values["--gehoord-color-link"] == "#00568b"


def test_gehoords_own_look_passes():
    assert contrast.readable(look.values_of({}))


@pytest.mark.parametrize("key", sorted(SHIPPED))
def test_every_shipped_theme_is_found_and_readable(key):
    theme = SHIPPED[key]
    css = theme.css_text()
    assert css, f"{theme.static_path} missing: run `make vendor`"
    properties = tokens.from_css(css, theme.css_class)
    values = look.values_of(properties)
    # The theme really sets gehoord's main colours (not only the defaults) ...
    assert values["--gehoord-color-primary"] != "#154273"
    # ... and they are readable.
    failing = [c.label for c in contrast.check(values) if not c.passes]
    assert not failing


def test_values_cannot_break_out_of_the_stylesheet():
    hostile = {
        "--utrecht-document-color": "red; } body { background: url(https://evil.example/x) ",
        "--utrecht-document-font-family": "x; } * { display: none",
    }
    values = look.values_of(hostile)
    assert values["--gehoord-color-text"] == "#1a1a1a"
    assert values["--gehoord-font-family"].startswith('"Fira Sans"')
    assert all("}" not in value and ";" not in value for value in values.values())
