"""Who speaks for an association: pending until confirmed, leaving, handing over.

Every refusal is tried with the actor who must be refused: another organisation's
representative, a pending representative, the wrong person."""

import datetime

import pytest
import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from overenskommelse.accounts.auth_backends import user_with_access
from overenskommelse.agreement.models import Representation
from overenskommelse.agreement.services.affiliation import (
    application_save,
    application_transition_error,
)
from overenskommelse.agreement.services.organisations import (
    organisation_register,
    representation_decide,
    representation_end,
    representation_hand_over,
    representation_handover_accept,
)
from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Lunds Schackklubb",
    "organisation_number": "8020000009",
    "legal_form": "ideell_forening",
    "activities": ["kultur"],
}


def fresh(user):
    """The user as the next request loads it (the auth backend)."""
    return user_with_access(user.pk)


def save(organisation, actor, *, submit):
    return application_save(
        organisation=organisation,
        actor=actor,
        meeting_date=datetime.date(2026, 11, 2),
        paragraph="7",
        decision_text="Styrelsen beslutar att ansluta.",
        conditions_confirmed=True,
        protocol=SimpleUploadedFile(
            "protokoll.pdf", b"%PDF-1.4 signed\n%%EOF", content_type="application/pdf"
        ),
        submit=submit,
    )


def actions(organisation):
    return [
        (e.action, e.actor, e.message) for e in history_for(subject=organisation).order_by("pk")
    ]


@pytest.fixture
def registrant():
    return UserFactory(email="kassor@schack.example.se")


@pytest.fixture
def registered(registrant):
    return organisation_register(user=registrant, details=DETAILS)


def pending_of(organisation):
    return organisation.representations.get(status="begard")


def test_a_registrant_is_pending_and_may_prepare_but_not_send(registrant, registered):
    user = fresh(registrant)
    assert registered.pk not in user.represented_organisation_ids
    assert user.preparing_organisation_ids == {registered.pk}
    for perm in ("view_organisation", "change_organisation", "apply_for_affiliation"):
        assert user.has_perm(f"overenskommelse.{perm}", registered), perm
    for perm in ("withdraw_affiliation", "decide_representation", "name_successor"):
        assert not user.has_perm(f"overenskommelse.{perm}", registered), perm
    draft = save(registered, user, submit=False)
    assert draft.status == "utkast"
    reason = application_transition_error(draft, "submit", actor=user)
    assert reason.startswith("Du kan skicka in när du är bekräftad företrädare")
    with pytest.raises(ValidationError) as exc:
        save(registered, user, submit=True)
    assert exc.value.messages[0].startswith("Du kan skicka in när du är bekräftad företrädare")
    draft.refresh_from_db()
    assert draft.status == "utkast"


def test_someone_who_only_asked_to_represent_may_not_prepare(organisation_a, rep_a):
    from overenskommelse.agreement.services.organisations import representation_request

    asker = UserFactory()
    representation_request(organisation=organisation_a, user=asker)
    user = fresh(asker)
    assert user.preparing_organisation_ids == frozenset()
    assert not user.has_perm("overenskommelse.view_organisation", organisation_a)
    assert not user.has_perm("overenskommelse.apply_for_affiliation", organisation_a)


def test_an_existing_representative_confirms_then_the_registrant_sends(
    registrant, registered, handlaggare
):
    confirmed = UserFactory()
    Representation.objects.create(
        user=confirmed, organisation=registered, status="bekraftad", origin="begarde"
    )
    save(registered, fresh(registrant), submit=False)
    representation_decide(
        representation=pending_of(registered), actor=fresh(confirmed), confirm=True
    )
    representation = registered.representations.get(user=registrant)
    assert (representation.status, representation.confirmed_by) == ("bekraftad", confirmed)
    assert ("representation_confirmed", confirmed, registrant.email) in actions(registered)
    sent = save(registered, fresh(registrant), submit=True)
    assert sent.status == "inskickad"


def test_kommunkontoret_confirms_a_registrant(registrant, registered, handlaggare):
    representation_decide(representation=pending_of(registered), actor=handlaggare, confirm=True)
    assert registered.pk in fresh(registrant).represented_organisation_ids


def test_only_a_confirmed_representative_of_that_organisation_confirms(
    registrant, registered, rep_b
):
    # Another organisation's representative.
    with pytest.raises(PermissionDenied):
        representation_decide(representation=pending_of(registered), actor=rep_b, confirm=True)
    # A second pending registrant-like person cannot confirm the first either.
    other = UserFactory()
    Representation.objects.create(
        user=other, organisation=registered, status="begard", origin="registrerade"
    )
    with pytest.raises(PermissionDenied):
        representation_decide(
            representation=registered.representations.get(user=registrant),
            actor=fresh(other),
            confirm=True,
        )
    # Nor themselves.
    with pytest.raises(PermissionDenied):
        representation_decide(
            representation=pending_of_user(registered, registrant),
            actor=fresh(registrant),
            confirm=True,
        )
    assert registered.representations.filter(status="bekraftad").count() == 0


def pending_of_user(organisation, user):
    return organisation.representations.get(user=user)


def test_a_representative_leaves_and_the_last_one_leaving_leaves_nobody(rep_a, organisation_a):
    second = UserFactory()
    Representation.objects.create(user=second, organisation=organisation_a, status="bekraftad")
    own = organisation_a.representations.get(user=rep_a)
    representation_end(representation=own, actor=rep_a)
    own.refresh_from_db()
    assert own.status == "avslutad" and own.ended_at is not None
    assert organisation_a.pk not in fresh(rep_a).represented_organisation_ids
    representation_end(
        representation=organisation_a.representations.get(user=second), actor=fresh(second)
    )
    assert not organisation_a.representations.filter(status="bekraftad").exists()
    ended = [a for a in actions(organisation_a) if a[0] == "representation_ended"]
    assert ended == [
        ("representation_ended", rep_a, rep_a.email),
        ("representation_ended", second, second.email),
    ]
    with pytest.raises(PermissionDenied):  # already ended
        representation_end(representation=own, actor=rep_a)


def test_nobody_else_ends_a_representation_but_kommunkontoret(
    rep_a, rep_b, organisation_a, handlaggare, registrant, registered
):
    own = organisation_a.representations.get(user=rep_a)
    with pytest.raises(PermissionDenied):  # another organisation's representative
        representation_end(representation=own, actor=rep_b)
    second = UserFactory()
    Representation.objects.create(user=second, organisation=organisation_a, status="bekraftad")
    with pytest.raises(PermissionDenied):  # a fellow representative
        representation_end(representation=own, actor=fresh(second))
    with pytest.raises(PermissionDenied):  # a pending one elsewhere
        representation_end(representation=own, actor=fresh(registrant))
    representation_end(representation=own, actor=handlaggare)
    assert ("representation_ended", handlaggare, rep_a.email) in actions(organisation_a)


def test_hand_over_to_a_successor_who_accepts(rep_a, organisation_a):
    successor = UserFactory(email="ny.kassor@example.se")
    own = organisation_a.representations.get(user=rep_a)
    offer = representation_hand_over(
        representation=own, actor=rep_a, successor_email="NY.kassor@example.se"
    )
    assert (offer.status, offer.origin, offer.handed_over_by) == ("begard", "overlamning", own)
    assert OutboxMessage.objects.filter(to=[successor.email]).exists()
    own.refresh_from_db()
    assert own.status == "bekraftad"  # until the successor accepts
    # A hand-over offer is not a request others confirm.
    with pytest.raises(ValidationError):
        representation_decide(representation=offer, actor=rep_a, confirm=True)
    representation_handover_accept(representation=offer, actor=fresh(successor))
    offer.refresh_from_db()
    own.refresh_from_db()
    assert (offer.status, offer.confirmed_by) == ("bekraftad", rep_a)
    assert own.status == "avslutad"
    assert fresh(successor).represented_organisation_ids == {organisation_a.pk}
    assert [a for a in actions(organisation_a) if a[0].startswith("representation")] == [
        ("representation_handover_offered", rep_a, successor.email),
        ("representation_handover_accepted", successor, successor.email),
        ("representation_ended", successor, rep_a.email),
    ]


def test_hand_over_refusals(rep_a, rep_b, organisation_a, registrant, registered):
    successor = UserFactory(email="ny@example.se")
    own = organisation_a.representations.get(user=rep_a)
    with pytest.raises(PermissionDenied):  # another organisation's representative
        representation_hand_over(representation=own, actor=rep_b, successor_email=successor.email)
    with pytest.raises(PermissionDenied):  # a pending representative cannot hand over
        representation_hand_over(
            representation=pending_of(registered),
            actor=fresh(registrant),
            successor_email=successor.email,
        )
    with pytest.raises(ValidationError) as exc:
        representation_hand_over(
            representation=own, actor=rep_a, successor_email="ingen@example.se"
        )
    assert "Ingen har ett konto" in exc.value.message_dict["email"][0]
    with pytest.raises(ValidationError):  # already a representative
        representation_hand_over(representation=own, actor=rep_a, successor_email=rep_a.email)
    offer = representation_hand_over(
        representation=own, actor=rep_a, successor_email=successor.email
    )
    for someone in (rep_a, rep_b, registrant):  # only the named successor accepts
        with pytest.raises(PermissionDenied):
            representation_handover_accept(representation=offer, actor=fresh(someone))
    # The successor may decline: that ends the offer, the predecessor stays.
    representation_end(representation=offer, actor=fresh(successor))
    own.refresh_from_db()
    assert own.status == "bekraftad"


def test_rules_on_representations(rep_a, rep_b, organisation_a):
    own = organisation_a.representations.get(user=rep_a)
    assert rules.has_perm("overenskommelse.hand_over_representation", rep_a, own)
    assert not rules.has_perm("overenskommelse.hand_over_representation", rep_b, own)
    assert rules.has_perm("overenskommelse.end_representation", rep_a, own)
    assert not rules.has_perm("overenskommelse.end_representation", rep_b, own)
    assert not rules.has_perm("overenskommelse.accept_handover", rep_a, own)
