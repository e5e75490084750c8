"""Registering organisations: organisationsnummer rules, history, representatives."""

import pytest
from django.core.exceptions import ValidationError

from overenskommelse.agreement.models import ActionPlan, Organisation, PriorityArea, Representation
from overenskommelse.agreement.services.organisations import (
    organisation_number_normalise,
    organisation_register,
    organisation_update,
    representation_decide,
    representation_request,
)
from overenskommelse.platform.models import HistoryEntry
from overenskommelse.platform.selectors.history import history_for
from tests.factories import OrganisationFactory, UserFactory

DETAILS = {
    "name": "Lunds Schackklubb",
    "organisation_number": "8020000009",
    "legal_form": "ideell_forening",
    "umbrella": "annan",
    "umbrella_other": "Sveriges Schackförbund",
    "postal_address": "Box 1, 221 00 Lund",
    "email": "info@schack.example.se",
    "website": "https://schack.example.se",
    "description": "Schack för alla åldrar.",
    "activities": ["kultur", "barn_unga"],
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
    assert exc.value.code == "check_digit"
    assert exc.value.messages == [
        "Organisationsnumrets kontrollsiffra stämmer inte. Kontrollera numret."
    ]


@pytest.mark.parametrize(
    "given", ["802000-000", "80200000091", "", "80200A-0009", "８０２０００-０００９"]
)
def test_wrong_length_or_characters_are_refused_in_swedish(given):
    with pytest.raises(ValidationError) as exc:
        organisation_number_normalise(given)
    assert exc.value.code == "format"
    assert exc.value.messages == ["Ett organisationsnummer har tio siffror och skrivs NNNNNN-NNNN."]


@pytest.mark.django_db
def test_register_normalises_makes_the_user_a_pending_representative_and_keeps_history():
    user = UserFactory()
    organisation = organisation_register(user=user, details=DETAILS)
    assert organisation.organisation_number == "802000-0009"
    assert organisation.slug == "lunds-schackklubb"
    assert sorted(organisation.activities.values_list("field", flat=True)) == [
        "barn_unga",
        "kultur",
    ]
    representation = Representation.objects.get(user=user, organisation=organisation)
    # Registering a number proves nothing: pending until someone confirms the person.
    assert (representation.status, representation.origin) == ("begard", "registrerade")
    entries = list(history_for(subject=organisation).order_by("pk"))
    assert [(e.action, e.actor) for e in entries] == [
        ("registered", user),
        ("representation_requested", user),
    ]
    entry = entries[0]
    assert entry.changes["name"] == [None, "Lunds Schackklubb"]


@pytest.mark.django_db
def test_duplicate_number_is_refused_and_creates_nothing():
    OrganisationFactory(organisation_number="802000-0009")
    with pytest.raises(ValidationError) as exc:
        organisation_register(user=UserFactory(), details={**DETAILS, "name": "Kopian"})
    assert "redan registrerad" in exc.value.message_dict["organisation_number"][0]
    assert not Organisation.objects.filter(name="Kopian").exists()
    assert [e.code for e in exc.value.error_dict["organisation_number"]] == ["duplicate"]


@pytest.mark.django_db
def test_update_records_what_changed_and_counts_as_confirmation():
    user = UserFactory()
    organisation = organisation_register(user=user, details=DETAILS)
    organisation.contact_confirmed_at = None
    organisation.save()
    # Only a confirmed representative's word confirms the details.
    Representation.objects.filter(user=user).update(status="bekraftad")
    organisation_update(
        organisation=organisation,
        actor=user,
        details={**DETAILS, "email": "ny@schack.example.se", "activities": ["kultur"]},
    )
    organisation.refresh_from_db()
    assert organisation.contact_confirmed_at is not None
    entry = history_for(subject=organisation).filter(action="changed").get()
    assert entry.changes == {
        "email": ["info@schack.example.se", "ny@schack.example.se"],
        "activities": [["barn_unga", "kultur"], ["kultur"]],
    }


@pytest.mark.django_db
def test_asking_to_represent_is_confirmed_by_a_representative(mailoutbox, rep_a, organisation_a):
    newcomer = UserFactory(email="ny@example.se")
    request = representation_request(organisation=organisation_a, user=newcomer)
    assert request.status == "begard"
    # Asking twice changes nothing.
    assert representation_request(organisation=organisation_a, user=newcomer) == request
    representation_decide(representation=request, actor=rep_a, confirm=True)
    request.refresh_from_db()
    assert request.status == "bekraftad" and request.confirmed_by == rep_a
    actions = set(HistoryEntry.objects.values_list("action", flat=True))
    assert {"representation_requested", "representation_confirmed"} <= actions
    with pytest.raises(ValidationError):
        representation_decide(representation=request, actor=rep_a, confirm=False)


# What each write stores, records and tells ----------------------------------------------


def test_the_check_digit_is_luhn_over_the_first_nine():
    """Each position's weight (2, 1, 2, …) and the carry of a doubled digit over 9 count."""
    from tests.factories import organisation_number

    for n in range(0, 60, 7):
        number = organisation_number(n)
        assert organisation_number_normalise(number) == number
        last = int(number[-1])
        wrong = f"{number[:-1]}{(last + 1) % 10}"
        with pytest.raises(ValidationError):
            organisation_number_normalise(wrong)
    assert organisation_number_normalise("212000-0142") == "212000-0142"  # Lunds kommun
    with pytest.raises(ValidationError):
        organisation_number_normalise("212000-0124")  # two digits swapped


@pytest.mark.django_db
def test_a_slug_taken_gets_the_next_free_number():
    OrganisationFactory(name="Schack", slug="lunds-schackklubb")
    OrganisationFactory(name="Schack 2", slug="lunds-schackklubb-2")
    organisation = organisation_register(user=UserFactory(), details=DETAILS)
    assert organisation.slug == "lunds-schackklubb-3"


@pytest.mark.django_db
def test_a_name_without_letters_gets_a_plain_slug():
    organisation = organisation_register(user=UserFactory(), details={**DETAILS, "name": "!!!"})
    assert organisation.slug == "forening"


@pytest.mark.django_db
def test_register_stores_every_detail_confirms_them_and_records_the_filled_ones():
    from django.utils import timezone

    user = UserFactory()
    before = timezone.now()
    area = PriorityArea.objects.create(
        plan=ActionPlan.objects.create(title="HP", slug="hp", start_year=2025, end_year=2028),
        number=1,
        name="Demokrati",
        slug="demokrati",
    )
    organisation = organisation_register(
        user=user, details={**DETAILS, "priority_areas": [area], "website": ""}
    )
    stored = Organisation.objects.get(pk=organisation.pk)
    for name in ("name", "legal_form", "umbrella", "umbrella_other", "postal_address", "email"):
        assert getattr(stored, name) == DETAILS[name]
    assert stored.description == DETAILS["description"] and stored.website == ""
    assert stored.contact_confirmed_at >= before
    assert list(stored.priority_areas.all()) == [area]
    representation = Representation.objects.get(organisation=stored)
    assert (representation.user, representation.confirmed_at) == (user, None)
    changes = history_for(subject=stored).filter(action="registered").get().changes
    assert "website" not in changes
    assert changes["activities"] == [None, ["barn_unga", "kultur"]]
    assert changes["priority_areas"] == [None, ["Demokrati"]]
    assert changes["organisation_number"] == [None, "802000-0009"]


@pytest.mark.django_db
def test_update_by_kommunkontoret_does_not_confirm_and_a_rename_is_its_own_row(handlaggare):
    user = UserFactory()
    organisation = organisation_register(user=user, details=DETAILS)
    Organisation.objects.filter(pk=organisation.pk).update(contact_confirmed_at=None)
    organisation_update(
        organisation=organisation,
        actor=handlaggare,
        details={**DETAILS, "name": "Lunds Schacksällskap", "organisation_number": "802000 0009"},
    )
    stored = Organisation.objects.get(pk=organisation.pk)
    assert stored.contact_confirmed_at is None
    assert (stored.name, stored.organisation_number) == ("Lunds Schacksällskap", "802000-0009")
    # The lists not given are kept.
    assert sorted(stored.activities.values_list("field", flat=True)) == ["barn_unga", "kultur"]
    renamed = history_for(subject=stored).get(action="renamed")
    assert (renamed.actor, renamed.changes) == (
        handlaggare,
        {"name": ["Lunds Schackklubb", "Lunds Schacksällskap"]},
    )
    assert not history_for(subject=stored).filter(action="changed").exists()


@pytest.mark.django_db
def test_an_update_that_changes_nothing_is_still_recorded_as_a_confirmation():
    user = UserFactory()
    organisation = organisation_register(user=user, details=DETAILS)
    organisation_update(organisation=organisation, actor=user, details=DETAILS)
    assert history_for(subject=organisation).get(action="changed").changes == {}


@pytest.mark.django_db
def test_update_keeps_the_lists_it_is_not_given():
    user = UserFactory()
    organisation = organisation_register(user=user, details=DETAILS)
    details = {k: v for k, v in DETAILS.items() if k not in ("activities", "priority_areas")}
    organisation_update(
        organisation=organisation, actor=user, details={**details, "email": "x@y.se"}
    )
    assert sorted(organisation.activities.values_list("field", flat=True)) == [
        "barn_unga",
        "kultur",
    ]


@pytest.mark.django_db
def test_update_refuses_a_number_another_organisation_has():
    user = UserFactory()
    organisation = organisation_register(user=user, details=DETAILS)
    OrganisationFactory(organisation_number="556036-0793")
    with pytest.raises(ValidationError) as exc:
        organisation_update(
            organisation=organisation,
            actor=user,
            details={**DETAILS, "organisation_number": "5560360793", "email": "ny@x.se"},
        )
    assert exc.value.message_dict["organisation_number"] == [
        "En organisation med detta organisationsnummer är redan registrerad. "
        "Be i stället om att få företräda den."
    ]
    assert Organisation.objects.get(pk=organisation.pk).email == DETAILS["email"]
    # Its own number is no duplicate.
    organisation_update(organisation=organisation, actor=user, details=DETAILS)


@pytest.mark.django_db
def test_confirming_the_details_records_the_old_and_new_time(rep_a, organisation_a):
    import datetime as dt

    import time_machine

    from overenskommelse.agreement.services.organisations import organisation_details_confirm

    first = dt.datetime(2026, 1, 2, 9, tzinfo=dt.UTC)
    second = dt.datetime(2026, 6, 2, 9, tzinfo=dt.UTC)
    with time_machine.travel(first, tick=False):
        organisation_details_confirm(organisation=organisation_a, actor=rep_a)
    with time_machine.travel(second, tick=False):
        organisation_details_confirm(organisation=organisation_a, actor=rep_a)
    assert Organisation.objects.get(pk=organisation_a.pk).contact_confirmed_at == second
    rows = history_for(subject=organisation_a).filter(action="details_confirmed")
    assert [(r.actor, r.changes) for r in rows.order_by("pk")] == [
        (rep_a, {"contact_confirmed_at": [None, first.isoformat()]}),
        (rep_a, {"contact_confirmed_at": [first.isoformat(), second.isoformat()]}),
    ]


@pytest.mark.django_db
def test_confirming_the_details_writes_only_the_confirmation_over_an_edit_made_meanwhile(
    organisation_a, rep_a
):
    from overenskommelse.agreement.services.organisations import organisation_details_confirm

    Organisation.objects.filter(pk=organisation_a.pk).update(email="ny@forening.example.se")
    organisation_details_confirm(organisation=organisation_a, actor=rep_a)
    stored = Organisation.objects.get(pk=organisation_a.pk)
    assert stored.email == "ny@forening.example.se" and stored.contact_confirmed_at


@pytest.mark.django_db
def test_a_request_to_represent_tells_the_representatives_and_kommunkontoret(
    rep_a, organisation_a, handlaggare, settings
):
    from django.urls import reverse

    from overenskommelse.platform.models import OutboxMessage

    Representation.objects.create(
        user=UserFactory(email="slutat@example.se"),
        organisation=organisation_a,
        status=Representation.Status.ENDED,
    )
    newcomer = UserFactory(email="ny@example.se")
    request = representation_request(organisation=organisation_a, user=newcomer)
    entry = history_for(subject=organisation_a).get(action="representation_requested")
    assert (entry.actor, entry.message) == (newcomer, "ny@example.se")
    mail = OutboxMessage.objects.get()
    assert mail.to == sorted([rep_a.email, handlaggare.email])
    path = reverse("agreement:organisation_detail", kwargs={"slug": organisation_a.slug})
    assert settings.PORTAL_BASE_URL + path in mail.body_text
    assert "ny@example.se" in mail.body_text or newcomer.get_full_name() in mail.body_text
    assert organisation_a.name in mail.body_text
    # An ended request does not count: asking again makes a new one.
    request.status = Representation.Status.ENDED
    request.save()
    again = representation_request(organisation=organisation_a, user=newcomer)
    assert again.pk != request.pk and again.status == Representation.Status.REQUESTED


@pytest.mark.django_db
@pytest.mark.parametrize("confirm", [True, False])
def test_a_decision_on_a_request_is_recorded_and_told_to_the_person(
    rep_a, organisation_a, confirm, settings
):
    from django.urls import reverse

    from overenskommelse.platform.models import OutboxMessage

    newcomer = UserFactory(email="ny@example.se")
    request = representation_request(organisation=organisation_a, user=newcomer)
    OutboxMessage.objects.all().delete()
    representation_decide(representation=request, actor=rep_a, confirm=confirm)
    stored = Representation.objects.get(pk=request.pk)
    if confirm:
        assert (stored.status, stored.confirmed_by) == (Representation.Status.CONFIRMED, rep_a)
        assert stored.confirmed_at is not None
    else:
        assert (stored.status, stored.confirmed_by, stored.confirmed_at) == (
            Representation.Status.ENDED,
            None,
            None,
        )
    action = "representation_confirmed" if confirm else "representation_declined"
    entry = history_for(subject=organisation_a).get(action=action)
    assert (entry.actor, entry.message) == (rep_a, "ny@example.se")
    mail = OutboxMessage.objects.get()
    assert mail.to == ["ny@example.se"] and organisation_a.name in mail.subject + mail.body_text
    page = settings.PORTAL_BASE_URL + reverse(
        "agreement:organisation_detail", kwargs={"slug": organisation_a.slug}
    )
    if confirm:  # the confirmed get the link; the declined are told whom to contact
        assert mail.subject == f"Du företräder nu {organisation_a.name}"
        assert page in mail.body_text
    else:
        assert mail.subject == f"Din förfrågan om att företräda {organisation_a.name} avböjdes"
        assert page not in mail.body_text
    with pytest.raises(ValidationError) as exc:
        representation_decide(representation=request, actor=rep_a, confirm=True)
    assert exc.value.code == "handled"
    assert exc.value.messages == ["Den här förfrågan är redan hanterad."]


@pytest.mark.django_db
def test_a_long_name_gets_a_slug_of_180_letters_and_a_twin_the_number_2():
    long_name = "Föreningen " + "x" * 189  # 200 letters, the longest name
    first = organisation_register(user=UserFactory(), details={**DETAILS, "name": long_name})
    assert len(first.slug) == 180
    twin = organisation_register(
        user=UserFactory(),
        details={**DETAILS, "name": long_name, "organisation_number": "556036-0793"},
    )
    assert twin.slug == f"{first.slug}-2"


@pytest.mark.django_db
def test_register_with_only_the_required_details_leaves_the_rest_empty():
    organisation = organisation_register(
        user=UserFactory(), details={"name": "Liten förening", "organisation_number": "8020000009"}
    )
    stored = Organisation.objects.get(pk=organisation.pk)
    assert (stored.email, stored.website, stored.description) == ("", "", "")
    assert not stored.activities.exists() and not stored.priority_areas.exists()


@pytest.mark.django_db
def test_update_replaces_the_priority_areas_and_keeps_who_did_it(handlaggare):
    user = UserFactory()
    organisation = organisation_register(user=user, details=DETAILS)
    area = PriorityArea.objects.create(
        plan=ActionPlan.objects.create(title="HP", slug="hp", start_year=2025, end_year=2028),
        number=1,
        name="Demokrati",
        slug="demokrati",
    )
    organisation_update(
        organisation=organisation, actor=handlaggare, details={**DETAILS, "priority_areas": [area]}
    )
    assert list(organisation.priority_areas.all()) == [area]
    entry = history_for(subject=organisation).get(action="changed")
    assert entry.actor == handlaggare
    assert entry.changes == {"priority_areas": [[], ["Demokrati"]]}
