"""Every Dutch catalogue is complete and compiled: the UI is Dutch first."""

from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(PACKAGE.glob("**/locale/nl/LC_MESSAGES/django.po"))


def test_catalogues_found():
    assert PACKAGE / "locale/nl/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_dutch_catalogue_is_complete(po_path):
    po = polib.pofile(po_path)
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_compiled_catalogue_matches_source(po_path):
    po = polib.pofile(po_path)
    mo = polib.mofile(po_path.with_suffix(".mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    source = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries()}
    assert compiled == source, "run `make messages` to recompile django.mo"


def test_no_module_hides_gettext_behind_an_alias_makemessages_cannot_see():
    """`gettext_lazy as _lazy` compiles but makemessages never extracts `_lazy("…")`, so those
    texts silently stay English. Only `_` or the functions' own names are recognised."""
    import re
    from pathlib import Path

    alias = re.compile(r"import .*\b(?:n|p|np)?gettext(?:_lazy)? as (?!_\b)(\w+)")
    offenders = [
        f"{path}: {match.group(0)}"
        for path in Path(__file__).resolve().parents[1].rglob("*.py")
        for match in alias.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
