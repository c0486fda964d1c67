"""How an erased contact's details can be found back in free text, however they were typed.

Erasure sends an `ErasedDetails` with `contacts.service.contact_erased`, so every store that
keeps text (signals, the audit log) redacts the same things the same way: the e-mail
address, the mobile number in any usual Dutch notation, and the full name. A name of one
word is left alone in free text: first names such as "Jan" or "Noor" are also ordinary
words and other residents' names (the masking of free text follows the same rule).
"""

import re
from dataclasses import dataclass
from functools import cached_property

PLACEHOLDERS = {"name": "[naam]", "email": "[e-mail]", "phone": "[telefoonnummer]"}
SEPARATOR = r"[ .()\-]*"


def _national_digits(number: str) -> tuple[str, str]:
    """(country code, the rest), e.g. ("31", "612345678") for 06-12345678 or +31 6 ...."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.strip().startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    else:
        return "31", digits.lstrip("0")
    if international.startswith("31"):
        return "31", international[2:].lstrip("0")
    return "", international


def phone_pattern(number: str) -> str:
    """A regular expression for `number` with any spaces, dashes, dots or (0) in it."""
    country, rest = _national_digits(number)
    if len(rest) < 6:
        return ""
    body = SEPARATOR.join(re.escape(digit) for digit in rest)
    if country == "31":
        prefix = rf"(?:(?:\+|00)[ ]?31{SEPARATOR}(?:\(0\){SEPARATOR})?|\(?0)"
    else:
        prefix = r"(?:\+|00)[ ]?"
    return rf"(?<![\w+]){prefix}{body}(?!\d)"


@dataclass(frozen=True)
class ErasedDetails:
    """The identifying details of an erased contact, and how to cut them out of text."""

    name: str = ""
    email: str = ""
    mobile: str = ""

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        parts = []
        if self.email:
            parts.append(rf"(?P<email>(?<![\w.+-]){re.escape(self.email)}(?![\w-]|\.\w))")
        if self.mobile and (phone := phone_pattern(self.mobile)):
            parts.append(rf"(?P<phone>{phone})")
        words = self.name.split()
        if len(words) >= 2:
            name = r"\s+".join(re.escape(word) for word in words)
            parts.append(rf"(?P<name>\b{name}\b)")
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def redact(self, text: str) -> str:
        """`text` with each of the details replaced by a placeholder ([naam], [e-mail] …)."""
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(lambda found: PLACEHOLDERS[found.lastgroup or "name"], text)
