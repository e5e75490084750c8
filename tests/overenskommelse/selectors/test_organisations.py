"""Reads about organisations: who is told, what "Mina sidor" shows, what is due, and the
initiatives another app reports."""

import datetime as dt

import pytest
import time_machine

from overenskommelse.accounts.models import Role, RoleAssignment
from overenskommelse.agreement.models import Representation
from overenskommelse.agreement.selectors import organisations as selectors
from overenskommelse.agreement.selectors.organisations import (
    FinishedInitiative,
    OngoingInitiative,
    handlaggare_emails,
    organisation_active_affiliation,
    organisation_representative_emails,
    organisations_of_user,
    organisations_unconfirmed,
    representation_requests_of_user,
)
from tests.factories import (
    AffiliationApplicationFactory,
    AffiliationFactory,
    OrganisationFactory,
    RepresentationFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def test_handlaggare_emails_are_the_active_handlaggare_once_each_in_order(forvaltningskontakt):
    b = user_with_role(Role.HANDLAGGARE, email="b@example.se")
    user_with_role(Role.HANDLAGGARE, email="a@example.se")
    user_with_role(Role.HANDLAGGARE, email="slutat@example.se", is_active=False)
    RoleAssignment.objects.create(user=b, role=Role.SAMVERKANSGRUPPEN)
    assert handlaggare_emails() == ["a@example.se", "b@example.se"]


def test_representative_emails_are_the_confirmed_active_ones_in_order(organisation_a):
    for email, status, active in (
        ("b@example.se", Representation.Status.CONFIRMED, True),
        ("a@example.se", Representation.Status.CONFIRMED, True),
        ("fragar@example.se", Representation.Status.REQUESTED, True),
        ("slutat@example.se", Representation.Status.CONFIRMED, False),
    ):
        RepresentationFactory(
            organisation=organisation_a,
            status=status,
            user=UserFactory(email=email, is_active=active),
        )
    RepresentationFactory(user=UserFactory(email="annan@example.se"))
    assert organisation_representative_emails(organisation=organisation_a) == [
        "a@example.se",
        "b@example.se",
    ]


def test_the_active_affiliation_is_the_one_not_ended(organisation_a):
    AffiliationFactory(organisation=organisation_a, ended_on=dt.date(2025, 6, 1))
    assert organisation_active_affiliation(organisation=organisation_a) is None
    active = AffiliationFactory(organisation=organisation_a, affiliated_from=dt.date(2025, 7, 1))
    assert organisation_active_affiliation(organisation=organisation_a) == active


def test_mina_sidor_lists_the_users_organisations_with_their_state():
    user = UserFactory()
    second = OrganisationFactory(name="Bförening")
    first = OrganisationFactory(name="Aförening")
    for organisation in (first, second):
        RepresentationFactory(user=user, organisation=organisation)
    RepresentationFactory(
        user=UserFactory(), organisation=OrganisationFactory(name="Annan förening")
    )
    AffiliationFactory(organisation=first, affiliated_from=dt.date(2024, 5, 1))
    with time_machine.travel(NOW - dt.timedelta(days=2), tick=False):
        older = AffiliationApplicationFactory(organisation=second, status="avslagen")
    newer = AffiliationApplicationFactory(organisation=second)
    asking = RepresentationFactory(organisation=first, status=Representation.Status.REQUESTED)
    RepresentationFactory(organisation=first, status=Representation.Status.ENDED)

    rows = list(organisations_of_user(user=user))
    assert rows == [first, second]
    assert [r.affiliated_from for r in rows] == [dt.date(2024, 5, 1), None]
    assert list(rows[1].applications.all()) == [newer, older]
    assert rows[0].pending_representations == [asking]
    assert rows[1].pending_representations == []


def test_a_users_requests_are_those_not_confirmed_newest_first():
    user = UserFactory()
    RepresentationFactory(user=user)
    with time_machine.travel(NOW - dt.timedelta(days=1), tick=False):
        ended = RepresentationFactory(user=user, status=Representation.Status.ENDED)
    requested = RepresentationFactory(user=user, status=Representation.Status.REQUESTED)
    RepresentationFactory(status=Representation.Status.REQUESTED)
    assert list(representation_requests_of_user(user=user)) == [requested, ended]


def test_unconfirmed_are_the_affiliated_not_confirmed_for_a_year():
    year = dt.timedelta(days=365)
    stale = OrganisationFactory(name="Gammal", contact_confirmed_at=NOW - year - dt.timedelta(1))
    fresh = OrganisationFactory(name="Färsk", contact_confirmed_at=NOW - year + dt.timedelta(1))
    never = OrganisationFactory(name="Ödslig", contact_confirmed_at=None)
    recent = OrganisationFactory(name="Ny", contact_confirmed_at=None)
    not_affiliated = OrganisationFactory(name="Utanför", contact_confirmed_at=NOW - 2 * year)
    for organisation, start in (
        (stale, dt.date(2020, 1, 1)),
        (fresh, dt.date(2020, 1, 1)),
        (never, dt.date(2024, 1, 1)),
        (recent, dt.date(2026, 1, 1)),
    ):
        AffiliationFactory(organisation=organisation, affiliated_from=start)
    AffiliationFactory(
        organisation=not_affiliated,
        affiliated_from=dt.date(2020, 1, 1),
        ended_on=dt.date(2024, 1, 1),
    )
    rows = list(organisations_unconfirmed(now=NOW))
    # The oldest confirmation first; never confirmed counts from the start.
    assert rows == [never, stale]
    assert rows[0].affiliated_from == dt.date(2024, 1, 1)


@pytest.fixture
def providers(monkeypatch):
    """Empty provider lists, whatever samverkan registered at start-up."""
    monkeypatch.setattr(selectors, "_initiative_providers", [])
    monkeypatch.setattr(selectors, "_finished_initiative_providers", [])


def test_without_providers_an_organisation_is_in_no_initiative(providers, organisation_a):
    assert selectors.initiatives_ongoing_for(organisation=organisation_a) == []
    assert selectors.initiatives_finished_for(organisation=organisation_a) == []
    assert selectors.initiatives_public_for(organisation=organisation_a) == {
        "ongoing": [],
        "finished": [],
    }


def test_each_provider_counts_once_and_their_initiatives_are_joined(providers, organisation_a):
    first = OngoingInitiative("A", "/a/", "Handläggare A", "a@example.se")
    second = OngoingInitiative("B", "/b/", "Handläggare B", "b@example.se")
    seen = []

    def one(organisation):
        seen.append(organisation)
        return [first]

    def two(organisation):
        return [second]

    assert selectors.initiative_provider_register(one) is one
    selectors.initiative_provider_register(one)
    selectors.initiative_provider_register(two)
    assert selectors.initiatives_ongoing_for(organisation=organisation_a) == [first, second]
    assert seen == [organisation_a]

    done = FinishedInitiative("C", "/c/")
    finished = selectors.finished_initiative_provider_register(lambda organisation: [done])
    assert selectors.finished_initiative_provider_register(finished) is finished
    assert selectors.initiatives_finished_for(organisation=organisation_a) == [done]


def test_the_public_page_lists_a_finished_initiative_once_as_finished(providers, organisation_a):
    running = OngoingInitiative("Pågår", "/pagar/", "H", "h@example.se")
    still_running = OngoingInitiative("Resultat", "/resultat/", "H", "h@example.se")
    no_page = OngoingInitiative("Utan sida", "", "H", "h@example.se")
    results = FinishedInitiative("Resultat", "/resultat/")
    old = FinishedInitiative("Gammalt, utan sida")
    selectors.initiative_provider_register(lambda o: [running, still_running, no_page])
    selectors.finished_initiative_provider_register(lambda o: [results, old])
    assert selectors.initiatives_public_for(organisation=organisation_a) == {
        "ongoing": [running, no_page],
        "finished": [results, old],
    }


def test_unconfirmed_since_the_same_day_are_listed_by_name():
    names = [f"{letter}-föreningen" for letter in "HGFEDCBA"]
    for name in names:  # stored in the reverse order of their names
        organisation = OrganisationFactory(name=name, contact_confirmed_at=None)
        AffiliationFactory(organisation=organisation, affiliated_from=dt.date(2024, 1, 1))
    assert [o.name for o in organisations_unconfirmed(now=NOW)] == sorted(names)


def test_mina_sidor_reads_every_organisation_in_three_queries(django_assert_num_queries):
    user = UserFactory()
    for n in range(3):
        organisation = OrganisationFactory(name=f"Förening {n}")
        RepresentationFactory(user=user, organisation=organisation)
        AffiliationApplicationFactory(organisation=organisation)
        RepresentationFactory(organisation=organisation, status=Representation.Status.REQUESTED)
    user = type(user).objects.get(pk=user.pk)
    user.represented_organisation_ids  # noqa: B018  (read once, as the view's user has it)
    with django_assert_num_queries(3):  # organisations, applications, requests with users
        seen = [
            (
                [a.status for a in o.applications.all()],
                [r.user.email for r in o.pending_representations],
            )
            for o in organisations_of_user(user=user)
        ]
    assert len(seen) == 3 and all(len(apps) == 1 and len(asking) == 1 for apps, asking in seen)


def test_a_users_requests_come_with_their_organisation_in_one_query(django_assert_num_queries):
    user = UserFactory()
    for n in range(3):
        RepresentationFactory(
            user=user, organisation=OrganisationFactory(name=f"F{n}"), status="begard"
        )
    with django_assert_num_queries(1):
        names = sorted(r.organisation.name for r in representation_requests_of_user(user=user))
    assert names == ["F0", "F1", "F2"]
