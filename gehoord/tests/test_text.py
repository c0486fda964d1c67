"""Plain text from outside: control characters (NUL first) are refused in one place."""

import pytest
from django.core.exceptions import ValidationError
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from gehoord.text import PlainText, validate_plain_text


class Form(BaseModel):
    text: PlainText


@pytest.mark.parametrize("value", ["a\x00b", "\x07", "esc\x1b[0m", "del\x7f", "c1\x85"])
def test_control_characters_are_refused(value):
    with pytest.raises(ValidationError):
        validate_plain_text(value)
    with pytest.raises(PydanticValidationError, match="stuurteken"):
        Form(text=value)


@pytest.mark.parametrize("value", ["", "José Müller", "tab\there", "line\nbreak\r\n", "€ “ ”"])
def test_plain_text_passes(value):
    validate_plain_text(value)
    assert Form(text=value).text == value
