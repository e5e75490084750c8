"""Stored choice values are in one language, Swedish, like the terms users see.

A value may share a word with its Swedish label ("integration", "iop"), never a word that
only its English label has ("draft", "evaluation_due")."""

import re

import pytest
from django.apps import apps
from django.utils import translation

APPS = (
    "platform",
    "accounts",
    "protocols",
    "agreement",
    "pipeline",
    "samverkansgruppen",
    "natverk",
)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-zåäö]+", str(text).lower()))


def _choice_fields():
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        for field in model._meta.get_fields():
            if getattr(field, "choices", None):
                yield f"{model.__name__}.{field.name}", field.flatchoices


CHOICE_FIELDS = sorted(_choice_fields(), key=lambda pair: pair[0])


def test_every_stored_enum_is_checked():
    names = {name for name, _ in CHOICE_FIELDS}
    for expected in (
        "AffiliationApplication.status",
        "Representation.status",
        "OrganisationActivity.field",
        "OutboxMessage.status",
        "InitiativeReminder.kind",
        "GroupReminder.kind",
        "Initiative.stage",
        "Network.kind",
    ):
        assert expected in names


@pytest.mark.parametrize(("name", "choices"), CHOICE_FIELDS, ids=[n for n, _ in CHOICE_FIELDS])
def test_stored_values_are_swedish(name, choices):
    english_only = []
    for value, label in choices:
        if not value:
            continue  # the empty choice ("no umbrella")
        with translation.override("en"):
            english = _words(label)
        with translation.override("sv"):
            swedish = _words(label)
        clash = {
            word
            for word in set(value.split("_")) & english
            if not any(s.startswith(word) for s in swedish)  # "portal": "i portalen"
        }
        if clash:
            english_only.append((value, sorted(clash)))
    assert english_only == [], f"{name}: values in English"
