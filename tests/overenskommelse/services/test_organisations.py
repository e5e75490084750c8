"""Registering organisations: organisationsnummer rules, history, representatives."""

import pytest
from django.core.exceptions import ValidationError

from overenskommelse.models import HistoryEntry, Organisation, Representation
from overenskommelse.selectors.history import history_for
from overenskommelse.services.organisations import (
    organisation_number_normalise,
    organisation_register,
    organisation_update,
    representation_decide,
    representation_request,
)
from tests.factories import OrganisationFactory, UserFactory

DETAILS = {
    "name": "Lunds Schackklubb",
    "organisation_number": "8020000009",
    "legal_form": "ideell_forening",
    "umbrella": "other",
    "umbrella_other": "Sveriges Schackförbund",
    "postal_address": "Box 1, 221 00 Lund",
    "email": "info@schack.example.se",
    "website": "https://schack.example.se",
    "description": "Schack för alla åldrar.",
    "activities": ["culture", "children"],
    "priority_areas": [],
}


@pytest.mark.parametrize(
    "given",
    ["802000-0009", "8020000009", " 802000 0009 ", "556036-0793"],
)
def test_valid_numbers_are_stored_with_a_hyphen(given):
    assert organisation_number_normalise(given) in ("802000-0009", "556036-0793")


def test_wrong_check_digit_is_refused_in_swedish():
    with pytest.raises(ValidationError) as exc:
        organisation_number_normalise("802000-0008")
    assert exc.value.messages == [
        "Organisationsnumrets kontrollsiffra stämmer inte. Kontrollera numret."
    ]


@pytest.mark.parametrize(
    "given", ["802000-000", "80200000091", "", "80200A-0009", "８０２０００-０００９"]
)
def test_wrong_length_or_characters_are_refused_in_swedish(given):
    with pytest.raises(ValidationError) as exc:
        organisation_number_normalise(given)
    assert exc.value.messages == ["Ett organisationsnummer har tio siffror och skrivs NNNNNN-NNNN."]


@pytest.mark.django_db
def test_register_normalises_makes_the_user_a_representative_and_keeps_history():
    user = UserFactory()
    organisation = organisation_register(user=user, details=DETAILS)
    assert organisation.organisation_number == "802000-0009"
    assert organisation.slug == "lunds-schackklubb"
    assert sorted(organisation.activities.values_list("field", flat=True)) == [
        "children",
        "culture",
    ]
    assert Representation.objects.get(user=user, organisation=organisation).status == "confirmed"
    entry = history_for(subject=organisation).get()
    assert entry.action == "registered" and entry.actor == user
    assert entry.changes["name"] == [None, "Lunds Schackklubb"]


@pytest.mark.django_db
def test_duplicate_number_is_refused_and_creates_nothing():
    OrganisationFactory(organisation_number="802000-0009")
    with pytest.raises(ValidationError) as exc:
        organisation_register(user=UserFactory(), details={**DETAILS, "name": "Kopian"})
    assert "redan registrerad" in exc.value.message_dict["organisation_number"][0]
    assert not Organisation.objects.filter(name="Kopian").exists()


@pytest.mark.django_db
def test_update_records_what_changed_and_counts_as_confirmation():
    user = UserFactory()
    organisation = organisation_register(user=user, details=DETAILS)
    organisation.contact_confirmed_at = None
    organisation.save()
    organisation_update(
        organisation=organisation,
        actor=user,
        details={**DETAILS, "email": "ny@schack.example.se", "activities": ["culture"]},
    )
    organisation.refresh_from_db()
    assert organisation.contact_confirmed_at is not None
    entry = history_for(subject=organisation).filter(action="changed").get()
    assert entry.changes == {
        "email": ["info@schack.example.se", "ny@schack.example.se"],
        "activities": [["children", "culture"], ["culture"]],
    }


@pytest.mark.django_db
def test_asking_to_represent_is_confirmed_by_a_representative(mailoutbox, rep_a, organisation_a):
    newcomer = UserFactory(email="ny@example.se")
    request = representation_request(organisation=organisation_a, user=newcomer)
    assert request.status == "requested"
    # Asking twice changes nothing.
    assert representation_request(organisation=organisation_a, user=newcomer) == request
    representation_decide(representation=request, actor=rep_a, confirm=True)
    request.refresh_from_db()
    assert request.status == "confirmed" and request.confirmed_by == rep_a
    actions = set(HistoryEntry.objects.values_list("action", flat=True))
    assert {"representation_requested", "representation_confirmed"} <= actions
    with pytest.raises(ValidationError):
        representation_decide(representation=request, actor=rep_a, confirm=False)
