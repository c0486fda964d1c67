"""Plain text from outside: no control characters, decided in one place.

PostgreSQL refuses a NUL byte in a text column (a 500 instead of an answer), and the other
control characters (escape sequences, bell, form feed …) have no place in a name, a
reference or a complaint either. Tab, newline and carriage return are ordinary text.

`PlainText` is the string type of every text field of the API schemas (a 422 with this
message); `validate_plain_text` is the same rule as a Django validator, for forms and the
CSV imports. It imports no app, so every floor may use it.
"""

import re
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

# Unicode category Cc (C0, DEL and C1) without tab, newline and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character_message() -> str:
    return _(
        "The text contains a control character (such as a NUL byte); "
        "remove it and send the text again."
    )


def validate_plain_text(value: str) -> None:
    """Django validator: ValidationError when the text holds a control character."""
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(control_character_message(), code="control_character")


def _plain_text(value: str) -> str:
    if CONTROL_CHARACTERS.search(value):
        raise PydanticCustomError("control_character", control_character_message())
    return value


# Use with pydantic's Field for lengths and patterns: `name: PlainText = Field("", max_length=…)`.
PlainText = Annotated[str, AfterValidator(_plain_text)]
