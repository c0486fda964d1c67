"""The Dutch catalogue is complete and compiled: the UI is Dutch first."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def test_dutch_catalogue_is_complete():
    po = polib.pofile(LOCALE / "nl/LC_MESSAGES/django.po")
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_compiled_catalogue_matches_source():
    po = polib.pofile(LOCALE / "nl/LC_MESSAGES/django.po")
    mo = polib.mofile(LOCALE / "nl/LC_MESSAGES/django.mo")
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    source = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries()}
    assert compiled == source, "run `make messages` to recompile django.mo"
