"""Plain-text templates (e-mail text parts and subjects, text messages) render without
HTML escaping: "O'Brien & Co" must not arrive as "O&#x27;Brien &amp; Co". Django escapes
every template unless told otherwise, so each one says so around all of its content."""

from pathlib import Path

import gehoord

PACKAGE = Path(gehoord.__file__).parent
TEXT_TEMPLATES = sorted(PACKAGE.glob("**/templates/**/*.txt"))


def test_text_templates_found():
    assert len(TEXT_TEMPLATES) >= 6


def test_every_text_template_turns_autoescape_off_around_its_content():
    wrong = []
    for path in TEXT_TEMPLATES:
        source = path.read_text().rstrip("\n")
        head = source.removeprefix("{% load i18n %}")
        if not (head.startswith("{% autoescape off %}") and source.endswith("{% endautoescape %}")):
            wrong.append(str(path.relative_to(PACKAGE)))
    assert wrong == []
