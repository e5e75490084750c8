"""Limits on what a person types: a link no longer than the column it is stored in, and
texts of several lines at most TEXT_MAX_LENGTH characters with the browser told too
(overenskommelse/platform/forms/fields.py). The form matrix sends 100 000 characters to every
text field of every form (tests/test_form_matrix.py)."""

import importlib

import pytest
from django import forms

from overenskommelse.platform.forms.fields import TEXT_MAX_LENGTH, LongTextField

LONG_LINK = "https://example.se/" + "a" * 250  # a valid address, longer than the column


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form_path", "field"),
    [
        ("overenskommelse.agreement.forms.organisations.OrganisationForm", "website"),
        ("overenskommelse.agreement.forms.remiss.RemissForm", "meeting_link"),
        ("natverk.forms.MeetingForm", "link"),
        ("samverkan.group.forms.MeetingForm", "link"),
    ],
)
def test_a_link_longer_than_its_column_is_refused_in_swedish(form_path, field):
    """The model's URLField is 200 characters; the form's own URLField took 2 048, and
    the row could not be saved (a 500)."""
    module, name = form_path.rsplit(".", 1)
    form = getattr(importlib.import_module(module), name)({field: LONG_LINK})
    form.is_valid()
    assert form.errors[field] == [
        "Säkerställ att detta värde har som mest 200 tecken (den har 269)."
    ]


class _Form(forms.Form):
    text = LongTextField(label="Text")
    short = LongTextField(label="Kort", max_length=10, required=False)


def test_the_limit_is_twenty_thousand_and_shown_to_the_browser():
    form = _Form()
    assert TEXT_MAX_LENGTH == 20_000
    assert 'maxlength="20000"' in str(form["text"])
    assert 'maxlength="10"' in str(form["short"])


def test_a_text_at_the_limit_passes_and_one_over_is_refused_in_swedish():
    assert _Form({"text": "x" * TEXT_MAX_LENGTH}).is_valid()
    form = _Form({"text": "x" * (TEXT_MAX_LENGTH + 1)})
    assert form.errors["text"] == [
        "Säkerställ att detta värde har som mest 20000 tecken (den har 20001)."
    ]


def test_a_line_break_counts_as_one_character_as_the_browser_counts_it():
    # The browser lets 10 000 lines of "x" through (20 000 with the breaks) and sends
    # each break as CR LF.
    text = "\r\n".join(["x"] * 10_000)
    form = _Form({"text": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["text"] == "\n".join(["x"] * 10_000)
