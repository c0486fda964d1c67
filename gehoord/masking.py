"""Masking personal data in free text before it is shown outside the case screen.

The rules only: this module imports no app, so every floor may use it. The names to mask
come from the contact register: `contacts.query.mask_personal_data(text, organisation)`
reads them and calls `mask_text`; feedback's public face re-exports it.

Masked: BSNs that pass the 11-test, e-mail addresses, Dutch phone numbers, IBANs with a
valid checksum, postcodes (with the house number beside them), street + house number, and
full names found in the organisation's contact register. Numbers that fail the checks
(case numbers, amounts) are left alone, so the text stays useful.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b")
# 9 digits, optionally grouped with dots, spaces or dashes (123.456.782); also 8-digit BSNs
# written without the leading zero are not matched, by design (too many false hits).
BSN = re.compile(r"(?<![\w.-])\d{3}[ .-]?\d{3}[ .-]?\d{3}(?![\w-]|\.\d)")
# Dutch numbers: +31 / 0031 / 0, then nine digits with optional spaces, dashes, (0).
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31[ -]?(?:\(0\)[ -]?)?|\(?0)[1-9](?:[ -]?\)?[ -]?\d){8}(?!\d)"
)
POSTCODE = re.compile(
    r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b(?:[ ,]+\d{1,5}(?:[ -]?[a-zA-Z]\b)?)?"
)
STREET = re.compile(
    r"\b[A-Z][\w'’-]*(?:straat|weg|laan|plein|gracht|singel|kade|dijk|pad|dreef|hof|steeg"
    r"|markt|park|erf|veld|akker|baan|ring)[ ]+\d{1,5}(?:[ -]?[a-zA-Z]\b)?",
    re.UNICODE,
)
WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
MAX_NAME_WORDS = 5

PLACEHOLDERS = {
    "bsn": "[BSN]",
    "email": "[e-mail]",
    "phone": "[telefoonnummer]",
    "iban": "[IBAN]",
    "address": "[adres]",
    "name": "[naam]",
}


def is_valid_bsn(digits: str) -> bool:
    """The 11-test: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def is_valid_iban(value: str) -> bool:
    """ISO 13616 mod-97 check."""
    compact = value.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha() or not compact[2:4].isdigit():
        return False
    rearranged = compact[4:] + compact[:4]
    try:
        number = int("".join(str(int(c, 36)) for c in rearranged))
    except ValueError:
        return False
    return number % 97 == 1


def _normalise(name: str) -> str:
    return " ".join(name.lower().split())


def full_names(names: Iterable[str]) -> frozenset[str]:
    """The names of two words or more, normalised for lookup.

    Single words are left out: first names such as "Jan" or "Noor" are also ordinary words.
    """
    found = set()
    for name in names:
        normalised = _normalise(name)
        if len(normalised.split()) >= 2:
            found.add(normalised)
    return frozenset(found)


def _mask_names(text: str, names: frozenset[str]) -> str:
    if not names:
        return text
    words = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
    spans = []
    i = 0
    while i < len(words):
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 1, -1):
            candidate = " ".join(w[2] for w in words[i : i + n])
            if candidate in names:
                spans.append((words[i][0], words[i + n - 1][1]))
                i += n
                break
        else:
            i += 1
    for start, end in reversed(spans):
        text = text[:start] + PLACEHOLDERS["name"] + text[end:]
    return text


def mask_text(text: str, names: frozenset[str] = frozenset()) -> str:
    """`text` with personal data replaced by placeholders such as [BSN] and [naam];
    `names` (from `full_names`) are the full names to hide."""
    if not text:
        return text
    text = EMAIL.sub(PLACEHOLDERS["email"], text)
    text = IBAN.sub(lambda m: PLACEHOLDERS["iban"] if is_valid_iban(m.group()) else m.group(), text)
    text = BSN.sub(
        lambda m: PLACEHOLDERS["bsn"] if is_valid_bsn(re.sub(r"\D", "", m.group())) else m.group(),
        text,
    )
    text = PHONE.sub(PLACEHOLDERS["phone"], text)
    text = POSTCODE.sub(PLACEHOLDERS["address"], text)
    text = STREET.sub(PLACEHOLDERS["address"], text)
    return _mask_names(text, names)
