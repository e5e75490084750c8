"""Names and titles: one spelling (NFC), no invisible or direction-changing characters,
and every rename of an organisation in its history (overenskommelse/platform/forms/fields.py)."""

import importlib
import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from overenskommelse.agreement.models import Organisation
from overenskommelse.platform.forms.fields import NameField
from overenskommelse.platform.selectors.history import history_for
from tests.factories import AffiliationFactory

pytestmark = pytest.mark.django_db

REFUSED = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "left-to-right embedding": "\u202a",
    "right-to-left embedding": "\u202b",
    "pop directional formatting": "\u202c",
    "left-to-right override": "\u202d",
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "right-to-left isolate": "\u2067",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
    "byte-order mark": "\ufeff",
    "word joiner (other Cf)": "\u2060",
    "soft hyphen (other Cf)": "\u00ad",
    "arabic letter mark (other Cf)": "\u061c",
    "hangul filler": "\u3164",
    "line separator": "\u2028",
}
SWEDISH = "Ta bort det osynliga eller riktningsändrande tecknet"

DECOMPOSED = "Fo\u0308reningen Ha\u030allbar"  # o + diaeresis, a + ring above
COMPOSED = "Föreningen Hållbar"


# The field --------------------------------------------------------------------


def test_a_name_is_stored_in_nfc():
    assert NameField(max_length=200).clean(f"  {DECOMPOSED} ") == COMPOSED


@pytest.mark.parametrize("char", REFUSED.values(), ids=REFUSED.keys())
def test_each_invisible_or_direction_changing_character_is_refused_in_swedish(char):
    with translation.override("sv"), pytest.raises(forms.ValidationError) as refused:
        NameField(max_length=200).clean(f"Förening{char}A")
    message = refused.value.messages[0]
    assert SWEDISH in message and f"U+{ord(char):04X}" in message and "(tecken 9)" in message


@pytest.mark.parametrize("name", ["Förening A", "Ängby BK – 1924", "Lunds 🎉 klubb", "Ñandú"])
def test_ordinary_names_pass(name):
    assert NameField(max_length=200).clean(name) == name


# Every form that takes a name or title uses it ---------------------------------

FORM_MODULES = (
    "overenskommelse.agreement.forms.action_plan",
    "overenskommelse.agreement.forms.affiliation",
    "overenskommelse.agreement.forms.organisations",
    "overenskommelse.protocols.forms.protocols",
    "overenskommelse.agreement.forms.remiss",
    "overenskommelse.accounts.views.account",
    "samverkan.pipeline.forms",
    "samverkan.group.forms",
    "natverk.forms",
)
# Text fields holding a name although their field name does not say so.
ALSO_NAMES = {"umbrella_other", "represents", "partner_municipality", "organiser"}


def _form_classes():
    for module in FORM_MODULES:
        importlib.import_module(module)
    seen, todo = [], [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__ in FORM_MODULES and sub not in seen:
                seen.append(sub)
    return seen


def test_every_name_and_title_field_is_a_name_field():
    checked, offenders = [], []
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            if not isinstance(field, forms.CharField):
                continue
            if re.search(r"(^|_)(name|title)$", name) or name in ALSO_NAMES:
                checked.append(f"{form_class.__name__}.{name}")
                if not isinstance(field, NameField):
                    offenders.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert offenders == []
    # The forms the look-alike problem was found in are among those checked.
    assert {
        "OrganisationForm.name",
        "ProposalForm.title",
        "DetailsForm.title",
        "RemissForm.title",
        "NetworkForm.name",
        "MeetingForm.title",
    } <= set(checked)


# Through the pages --------------------------------------------------------------


def _org_data(organisation: Organisation, **values) -> dict:
    return {
        "name": organisation.name,
        "organisation_number": "802000-0009",
        "legal_form": Organisation.LegalForm.IDEELL_FORENING,
        "umbrella": "",
        "umbrella_other": "",
        "postal_address": "",
        "email": "",
        "website": "",
        "description": "",
        **values,
    }


def _update_url(organisation: Organisation) -> str:
    return reverse("agreement:organisation_update", kwargs={"slug": organisation.slug})


@pytest.fixture
def approved_a(organisation_a):
    organisation_a.organisation_number = "802000-0009"
    organisation_a.legal_form = Organisation.LegalForm.IDEELL_FORENING
    organisation_a.save()
    AffiliationFactory(organisation=organisation_a)
    return organisation_a


def test_a_rename_is_stored_in_nfc_and_kept_in_the_history(
    client, rep_a, approved_a, handlaggare, no_staff_mfa
):
    client.force_login(rep_a)
    response = client.post(_update_url(approved_a), _org_data(approved_a, name=DECOMPOSED))
    assert response.status_code == 302
    approved_a.refresh_from_db()
    assert approved_a.name == COMPOSED
    entry = history_for(subject=approved_a).get(action="renamed")
    assert entry.actor == rep_a and entry.at is not None
    assert entry.changes == {"name": ["Förening A", COMPOSED]}
    # Nothing else changed, so no second, empty row.
    assert not history_for(subject=approved_a).filter(action="changed").exists()
    client.force_login(handlaggare)  # kommunkontoret sees the history
    page = client.get(
        reverse("agreement:organisation_detail", kwargs={"slug": approved_a.slug}),
        HTTP_ACCEPT_LANGUAGE="sv",
    ).content.decode()
    assert "Namnbyte" in page and f"Namn ändrades från Förening A till {COMPOSED}." in page


def test_a_look_alike_rename_is_refused_in_swedish(client, rep_a, approved_a, organisation_b):
    client.force_login(rep_a)
    look_alike = "Förening\u200b B"
    response = client.post(
        _update_url(approved_a), _org_data(approved_a, name=look_alike), HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert response.status_code == 200
    assert SWEDISH in response.content.decode()
    approved_a.refresh_from_db()
    assert approved_a.name == "Förening A"
    assert not history_for(subject=approved_a).filter(action="renamed").exists()


def test_the_representative_of_another_organisation_cannot_rename(client, rep_b, approved_a):
    client.force_login(rep_b)
    response = client.post(_update_url(approved_a), _org_data(approved_a, name="Kapad"))
    assert response.status_code == 403
    approved_a.refresh_from_db()
    assert approved_a.name == "Förening A"
    assert not history_for(subject=approved_a).exists()


def test_a_rename_in_the_admin_is_kept_in_the_history(client, admin_user, approved_a, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    client.force_login(admin_user)
    url = reverse("admin:agreement_organisation_change", args=[approved_a.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "priority_areas"}
    data |= {
        "name": "Förening A\u202e",
        "activities-TOTAL_FORMS": "0",
        "activities-INITIAL_FORMS": "0",
    }
    refused = client.post(url, data, HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 200 and SWEDISH in refused.content.decode()
    response = client.post(url, {**data, "name": DECOMPOSED})
    assert response.status_code == 302, response.context["adminform"].form.errors
    approved_a.refresh_from_db()
    assert approved_a.name == COMPOSED
    entry = history_for(subject=approved_a).get(action="renamed")
    assert entry.actor == admin_user
    assert entry.changes == {"name": ["Förening A", COMPOSED]}


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("pipeline:propose", {"title": "Läxhjälp\u202e", "need": "Behov"}),
        ("natverk:network_create", {"name": "SKR\u200b-nätverket", "organiser": "SKR"}),
    ],
)
def test_titles_and_names_elsewhere_are_refused_in_swedish(
    client, handlaggare, no_staff_mfa, url_name, data
):
    client.force_login(handlaggare)
    response = client.post(reverse(url_name), data, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    assert SWEDISH in response.content.decode()
