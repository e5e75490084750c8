"""Limits on what a person types: a link no longer than the column it is stored in."""

import importlib

import pytest

LONG_LINK = "https://example.se/" + "a" * 250  # a valid address, longer than the column


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form_path", "field"),
    [
        ("overenskommelse.forms.organisations.OrganisationForm", "website"),
        ("overenskommelse.forms.remiss.RemissForm", "meeting_link"),
        ("natverk.forms.MeetingForm", "link"),
        ("samverkan.forms_group.MeetingForm", "link"),
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
