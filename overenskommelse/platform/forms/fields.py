"""Form fields shared by every app's forms.

`NameField` is the field for every name and title a person types in (an
organisation, an initiative, a remiss, a network, a meeting, a document). Without
it, an organisation could rename itself to "Förening A" with a zero-width space or
a right-to-left override inside, which looks the same as another organisation's
name on every page and in every list.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Unicode categories that show nothing or change how the text around them is shown:
# format characters (Cf: zero-width space, joiner and non-joiner, the left-to-right
# and right-to-left marks, the bidi embeddings, overrides and isolates U+202A–202E
# and U+2066–2069, the byte-order mark U+FEFF, the soft hyphen …), controls (Cc) and
# the line and paragraph separators (Zl, Zp).
REFUSED_CATEGORIES = frozenset({"Cf", "Cc", "Zl", "Zp"})
# Letters that are drawn as blank space: the Hangul fillers and the blank braille cell.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_refused_character(char: str) -> bool:
    """Whether `char` may not be part of a name or title."""
    return char in BLANK_LETTERS or unicodedata.category(char) in REFUSED_CATEGORIES


def validate_visible_text(value: str) -> None:
    """Refuse, in Swedish, a name or title with an invisible or direction-changing
    character, saying which and where, so the person can find it."""
    for position, char in enumerate(value, start=1):
        if is_refused_character(char):
            raise ValidationError(
                _(
                    "Remove the invisible or direction-changing character %(char)s "
                    "(character %(position)s). Names and titles may not contain such "
                    "characters."
                ),
                code="invisible_character",
                params={"char": f"U+{ord(char):04X}", "position": position},
            )


def name_normalise(value: str) -> str:
    """One spelling of the same text: Unicode NFC ("o" + combining diaeresis is "ö")."""
    return unicodedata.normalize("NFC", value)


class NameField(forms.CharField):
    """A name or title: stored in NFC, with no invisible or direction-changing
    characters. For a model form, name it in `Meta.field_classes`."""

    default_validators = [validate_visible_text]

    def to_python(self, value):
        value = super().to_python(value)
        return name_normalise(value) if isinstance(value, str) else value


# The longest text a person may type in one box of a form (a comment, a description,
# a part of a protocol), in characters: some ten pages. The remiss answer has its own
# limit per heading (REMISS_ANSWER_MAX_CHARS, overenskommelse/agreement/forms/remiss.py).
TEXT_MAX_LENGTH = 20_000


class LongTextField(forms.CharField):
    """A text of several lines, at most TEXT_MAX_LENGTH characters unless a field says
    less; the textarea's maxlength tells the browser too. For a model form, name it in
    `Meta.field_classes`.

    The browser's maxlength counts a line break as one character but sends it as two
    (CR LF), so line breaks are made single before the length is checked."""

    widget = forms.Textarea

    def __init__(self, *, max_length: int | None = None, **kwargs):
        super().__init__(max_length=max_length or TEXT_MAX_LENGTH, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value
