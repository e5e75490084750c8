"""Strategies and checks shared by the property tests.

Every example runs in `example()`: a savepoint rolled back at the end, so what one
example writes is gone before the next one starts, while the fixtures' rows (created
once per test, outside the savepoint) stay.
"""

import functools
import importlib
import os
import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.db import transaction
from django.forms import BaseForm
from django.utils.html import escape
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from overenskommelse.platform.forms.fields import (
    TEXT_MAX_LENGTH,
    is_refused_character,
    name_normalise,
)

# Modest example counts keep tests/property well under a minute. No example database:
# nothing is written outside the tests' own folder. In CI the examples are derived from
# each test (the same every run, so a red build is reproducible); locally they are
# random, so every run explores new input.
_COMMON = {
    "derandomize": os.environ.get("CI") == "true",
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
VALID = settings(max_examples=20, **_COMMON)
MALFORMED = settings(max_examples=8, **_COMMON)

MARKER = '<script>alert("pbt")</script>'
RAW_MARKER = '<script>alert("pbt")'

# Any character a browser can send except NUL (its own test) and lone surrogates
# (not encodable as UTF-8, so no browser sends them).
CHARS = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
VISIBLE = st.characters(
    exclude_categories=("Cs", "Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn"), exclude_characters="\x00"
)
SPECIALS = (
    MARKER,
    "</textarea><b>fet</b>",
    '"',
    "'",
    "&",
    "&amp;lt;",
    "<!--",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u200b",
    "🎉",
    "👩‍👩‍👧",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "  ",
    "\u2028",
    "\x7f",
    "\x1b[31m",
    "åäö ÅÄÖ",
    "%s",
    "%(name)s",
    "{{ 1 }}",
    "{% now 'Y' %}",
    "\\",
    "‘’“”–",
)
_fragment = st.one_of(st.text(CHARS, max_size=25), st.sampled_from(SPECIALS))


def free_text(*, max_length: int | None = None, required: bool = False):
    """Arbitrary text a person might paste: mixed scripts, markup, controls, emoji,
    newlines; now and then very long (near the field's limit, or thousands of
    characters where the field has none). Valid for the field once stripped."""
    mixed = st.lists(_fragment, max_size=8).map("".join)
    mixed_with_marker = st.tuples(mixed, mixed).map(lambda p: p[0] + MARKER + p[1])
    if max_length:
        long = st.builds(
            lambda c, n: c * n, VISIBLE, st.integers(max(1, max_length - 3), max_length)
        )
    else:
        long = st.builds(lambda s, n: s * n, _fragment, st.integers(100, 800))
    text = st.one_of(mixed, mixed, mixed_with_marker, long)
    # A box without a limit of its own still takes at most TEXT_MAX_LENGTH (a long
    # special, such as the script marker, repeated 800 times would pass it).
    limit = max_length or TEXT_MAX_LENGTH
    text = text.filter(lambda s: len(s.strip()) <= limit)
    if required:
        text = text.filter(lambda s: s.strip())
    return text


def stripped(value: str) -> str:
    """What Django's forms.CharField keeps: surrounding whitespace stripped (str.strip,
    so Unicode whitespace too); nothing else changes, \\r\\n included."""
    return value.strip()


def answer_text_stored(value: str) -> str:
    """What a remiss answer's text field keeps (overenskommelse/agreement/forms/remiss.py): line
    breaks as the browser counts them, one "\\n" for "\\r\\n" or a lone "\\r", then
    stripped as a CharField strips."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def name_text(*, max_length: int | None = None, required: bool = False):
    """`free_text` for a name or title (NameField, overenskommelse/platform/forms/fields.py):
    the same mix without the invisible and direction-changing characters it refuses
    (their refusal has its own tests), valid once stored (`stored_name`)."""
    text = free_text(max_length=max_length, required=required).map(
        lambda s: "".join(c for c in s if not is_refused_character(c))
    )
    if max_length:
        text = text.filter(lambda s: len(stored_name(s)) <= max_length)
    if required:
        text = text.filter(lambda s: stored_name(s))
    return text


def stored_name(value: str) -> str:
    """What NameField keeps: stripped, then in Unicode NFC."""
    return name_normalise(value.strip())


# The form fields that are NameFields (tests/overenskommelse/test_names.py checks the
# forms use it for every such field).
NAME_FIELD = re.compile(r"(^|_)(name|title)$")
ALSO_NAMES = {"umbrella_other", "represents", "partner_municipality", "organiser"}


def is_name_field(field: str) -> bool:
    return bool(NAME_FIELD.search(field)) or field in ALSO_NAMES


def text_for(field: str, **kwargs):
    """The text strategy for a form field: `name_text` for a name or title."""
    return name_text(**kwargs) if is_name_field(field) else free_text(**kwargs)


FORM_MODULES = (
    "overenskommelse.agreement.forms.action_plan",
    "overenskommelse.agreement.forms.affiliation",
    "overenskommelse.agreement.forms.organisations",
    "overenskommelse.protocols.forms.protocols",
    "overenskommelse.agreement.forms.remiss",
    "samverkan.pipeline.forms",
    "samverkan.group.forms",
    "natverk.forms",
)


@functools.cache
def long_text_fields() -> frozenset[str]:
    """The names of the portal's LongTextFields (overenskommelse/platform/forms/fields.py),
    found in its form classes: each name is a long text wherever it is used."""
    from django import forms

    from overenskommelse.platform.forms.fields import LongTextField

    names = set()
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for form in vars(module).values():
            if isinstance(form, type) and issubclass(form, forms.BaseForm):
                fields = getattr(form, "base_fields", {})
                names |= {n for n, f in fields.items() if isinstance(f, LongTextField)}
    return frozenset(names)


def kept(field: str, value: str) -> str:
    """What a form field stores of `value`."""
    if is_name_field(field):
        return stored_name(value)
    if field in long_text_fields():
        return answer_text_stored(value)
    return stripped(value)


@contextmanager
def example(client=None):
    """One independent hypothesis example: rolled back at the end; no leftover
    flash messages from the example before."""
    if client is not None:
        client.cookies.pop("messages", None)
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def page(response) -> str:
    return response.content.decode()


def assert_shown_escaped(html: str, values: Iterable[str]) -> None:
    """The stored values appear on the page, escaped (line by line, since a template
    may turn newlines into <br>), and the script marker never appears raw."""
    assert RAW_MARKER not in html, "unescaped user input in the page"
    for value in values:
        if MARKER in value:
            assert escape(MARKER) in html
        # Line by line, each stripped: one-item-a-line fields (proposals, clauses) show
        # their lines stripped, and HTML shows leading whitespace as nothing anyway.
        for line in value.splitlines():
            if line.strip():
                assert escape(line.strip()) in html, f"{line!r} is not shown (escaped)"


def forms_in(response) -> list[BaseForm]:
    contexts = response.context
    if contexts is None:
        return []
    if not isinstance(contexts, list):
        contexts = [contexts]
    found: list[BaseForm] = []
    for context in contexts:
        for value in context.flatten().values():
            if isinstance(value, BaseForm) and value.is_bound and value not in found:
                found.append(value)
    return found


def errors_of(response) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for form in forms_in(response):
        for field, messages in form.errors.items():
            errors.setdefault(field, []).extend(messages)
    return errors


def assert_saved(response, *, allowed=(302,)) -> None:
    """Valid input: a redirect (or the page again where the view answers 200), never
    a form error and never a 500 (a 500 would have raised in the test client)."""
    assert response.status_code in allowed, (response.status_code, errors_of(response))


def assert_refused(response, field: str | None, message: str | tuple[str, ...]) -> None:
    """A 200 page with the Swedish message (or one of them) on the field (None: anywhere
    on the form), shown on the page. A NUL byte is refused before any form sees it
    (overenskommelse/platform/middleware.py): the project's 400 page, in Swedish."""
    if message == NUL:
        assert response.status_code == 400, response.status_code
        assert BAD_REQUEST in page(response)
        return
    assert response.status_code == 200, response.status_code
    errors = errors_of(response)
    found = errors.get(field, []) if field else [m for ms in errors.values() for m in ms]
    messages = (message,) if isinstance(message, str) else message
    shown = [m for m in found if any(wanted in m for wanted in messages)]
    assert shown, (field, messages, errors)
    assert escape(shown[0]) in page(response)


def rows(*querysets) -> list:
    """A comparable picture of the rows a refused post must leave alone."""
    return [list(qs.order_by("pk").values()) for qs in querysets]


# Swedish messages of Django's own validators and of the portal.
REQUIRED = "Detta fält måste fyllas i."
NUL = "Null-tecken är inte tillåtna."
BAD_REQUEST = "Begäran kunde inte förstås. Gå tillbaka och försök igen."
BAD_DATE = "Fyll i ett giltigt datum."
BAD_TIME = "Fyll i en giltig tid."
BAD_INT = "Fyll i ett heltal."
TOO_LONG = "Säkerställ att detta värde har som mest"
TOO_BIG = "Kontrollera att detta värde är mindre än eller lika med"
TOO_SMALL = "Kontrollera att detta värde är större än eller lika med"

MALFORMED_DATES = ("2026-02-30", "abc", "31/12/2026", "2026-13-01", "2026-00-10", "1e999", "NaN")
MALFORMED_INTS = ("1e999", "NaN", "abc", "1.5", "Infinity", "12 kr", "0x10", "--1")
HUGE_INTS = ("99999999999999999999999", "2147483648", str(2**63))
NEGATIVE_INTS = ("-1", "-2147483649")


def with_nul():
    """Text with a NUL character somewhere in it."""
    return st.tuples(st.text(CHARS, max_size=10), st.text(CHARS, max_size=10)).map(
        lambda p: f"{p[0]}\x00{p[1]}"
    )


def over_limit(max_length: int):
    """Visible text longer than the field allows (after stripping)."""
    return st.builds(lambda c, n: c * n, VISIBLE, st.integers(max_length + 1, max_length + 50))


def pick(fields: dict[str, int | None]) -> Callable:
    """A strategy choosing one field name from `fields`."""
    return st.sampled_from(sorted(fields))
