"""natverk/services/networks.py directly: the checks the forms also make, each with its
exact Swedish message, the slugs, the partnership phases' dates and budgets, and the
history row each service writes (who, and what changed).

Written against the mutants that survived `make mutation MUTATE=natverk/services/networks.py`:
the view tests pass through forms that refuse the same input first, and matched only
parts of the messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from natverk.models import Network, NetworkMunicipality, Participation, Representative
from natverk.services import networks as services
from overenskommelse.platform.selectors.history import history_for

pytestmark = pytest.mark.django_db
Stage = Participation.Stage
D = datetime.date


def refused(call, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.messages


def entry(subject, action: str):
    return history_for(subject=subject).get(action=action)


def create(actor, **values) -> Network:
    values.setdefault("name", "Nätverk för förtroendevalda")
    return services.network_create(
        actor=actor, organiser="SKR", kind=Network.Kind.DEVELOPMENT, **values
    )


# The register ---------------------------------------------------------------------


def test_the_slug_comes_from_the_name_and_is_numbered_when_taken(handlaggare):
    slugs = [create(handlaggare).slug for _ in range(3)]
    assert slugs == [
        "natverk-for-fortroendevalda",
        "natverk-for-fortroendevalda-2",
        "natverk-for-fortroendevalda-3",
    ]


def test_a_long_name_gives_a_slug_of_180_characters(handlaggare):
    first, second = (create(handlaggare, name="a" * 250) for _ in range(2))
    assert (first.slug, second.slug) == ("a" * 180, "a" * 180 + "-2")


def test_a_name_without_letters_gives_the_slug_natverk(handlaggare):
    assert create(handlaggare, name="???").slug == "natverk"


def test_registering_records_who_did_it(handlaggare):
    network = create(handlaggare)
    assert entry(network, "network_registered").actor == handlaggare


def test_a_network_may_not_end_before_it_starts(handlaggare, network):
    dates = {"starts_on": D(2021, 1, 2), "ends_on": D(2021, 1, 1)}
    message = ["Nätverket kan inte sluta innan det börjar."]
    assert refused(create, actor=handlaggare, **dates) == message
    assert list(Network.objects.all()) == [network]
    assert refused(services.network_update, network=network, actor=handlaggare, **dates) == (
        message
    )
    network.refresh_from_db()
    assert (network.starts_on, network.ends_on) == (D(2019, 1, 1), D(2022, 12, 31))


def test_a_network_may_end_the_day_it_starts_or_have_one_date_only(handlaggare):
    day = D(2021, 5, 1)
    assert create(handlaggare, starts_on=day, ends_on=day).ends_on == day
    assert create(handlaggare, ends_on=day).starts_on is None
    assert create(handlaggare, starts_on=day).ends_on is None


def test_a_change_is_recorded_with_who_and_what(handlaggare, network):
    services.network_update(network=network, actor=handlaggare, name="Nytt namn")
    changed = entry(network, "network_changed")
    assert changed.actor == handlaggare
    assert changed.changes == {"name": ["Nätverk för förtroendevalda", "Nytt namn"]}


def test_a_municipality_is_listed_once_and_recorded(handlaggare, network):
    added = services.network_municipality_add(network=network, actor=handlaggare, name=" Lund ")
    assert (added.network, added.name) == (network, "Lund")
    assert list(network.municipalities.values_list("name", flat=True)) == ["Lund"]
    recorded = entry(network, "network_municipality_added")
    assert recorded.actor == handlaggare
    assert recorded.changes == {"municipalities": [None, "Lund"]}

    add = services.network_municipality_add
    assert refused(add, network=network, actor=handlaggare, name=" lund ") == [
        "lund finns redan med."
    ]
    assert refused(add, network=network, actor=handlaggare, name="  ") == ["Skriv kommunens namn."]
    assert network.municipalities.count() == 1


# Participation ----------------------------------------------------------------------


def test_a_participation_is_applied_for_once_per_municipality(handlaggare, network):
    created = services.participation_create(
        network=network, actor=handlaggare, municipality_name=" Lunds kommun "
    )
    assert (created.municipality_name, created.notes, created.stage) == (
        "Lunds kommun",
        "",
        Stage.APPLIED,
    )
    assert entry(created, "participation_applied").actor == handlaggare
    with_notes = services.participation_create(
        network=network, actor=handlaggare, municipality_name="Malmö", notes="Via KS"
    )
    assert with_notes.notes == "Via KS"
    assert refused(
        services.participation_create,
        network=network,
        actor=handlaggare,
        municipality_name="LUNDS kommun",
    ) == ["LUNDS kommun har redan ett deltagande i nätverket."]
    assert network.participations.count() == 2


def test_only_a_partnership_has_a_partner_country(handlaggare, participation, partnership):
    assert refused(
        services.participation_update,
        participation=participation,
        actor=handlaggare,
        partner_country="Kenya",
    ) == ["Bara ett kommunalt partnerskap har en partnerkommun."]
    participation.refresh_from_db()
    assert participation.partner_country == ""

    partner = Participation.objects.create(network=partnership, municipality_name="Lund")
    services.participation_update(
        participation=partner,
        actor=handlaggare,
        partner_municipality="Kisumu",
        partner_country="Kenya",
    )
    partner.refresh_from_db()
    assert (partner.partner_municipality, partner.partner_country) == ("Kisumu", "Kenya")


def test_notes_of_an_ordinary_network_are_saved_and_recorded(handlaggare, participation):
    services.participation_update(participation=participation, actor=handlaggare, notes="Ny")
    participation.refresh_from_db()
    assert participation.notes == "Ny"
    changed = entry(participation, "participation_changed")
    assert changed.actor == handlaggare
    assert changed.changes == {"notes": ["", "Ny"]}


def test_a_listed_municipality_takes_part_although_the_network_is_full(
    handlaggare, participation, decision
):
    for name in ["Lunds kommun", *(f"Kommun {n}" for n in range(5))]:
        NetworkMunicipality.objects.create(network=participation.network, name=name)
    services.participation_transition(
        participation=participation, to_stage=Stage.DECIDED, actor=handlaggare, decision=decision
    )
    moved = services.participation_transition(
        participation=participation, to_stage=Stage.TAKING_PART, actor=handlaggare
    )
    assert moved.stage == Stage.TAKING_PART
    assert participation.network.municipalities.count() == 6
    assert [e.message for e in history_for(subject=moved)] == ["", ""]


# Representatives ------------------------------------------------------------------------


def test_an_ended_participation_takes_no_representative(handlaggare, participation):
    Participation.objects.filter(pk=participation.pk).update(stage=Stage.ENDED)
    assert refused(
        services.representative_add,
        participation=participation,
        actor=handlaggare,
        name="A",
        role=Representative.Role.REPRESENTATIVE,
    ) == ["Deltagandet är avslutat."]
    assert not participation.representatives.exists()


def test_a_representative_added_and_ended_is_recorded(handlaggare, participation):
    added = services.representative_add(
        participation=participation,
        actor=handlaggare,
        name="Anna",
        role=Representative.Role.REPRESENTATIVE,
        party="S",
    )
    recorded = entry(participation, "representative_added")
    assert recorded.actor == handlaggare
    assert recorded.changes == {"representatives": [None, "Anna (S)"]}

    # Ending writes the end date only: a change made meanwhile is kept.
    Representative.objects.filter(pk=added.pk).update(title="Ordförande")
    services.representative_end(representative=added, actor=handlaggare, on=D(2022, 6, 30))
    added.refresh_from_db()
    assert (added.ended_on, added.title) == (D(2022, 6, 30), "Ordförande")
    ended = entry(participation, "representative_ended")
    assert ended.actor == handlaggare
    assert ended.changes == {"representatives": ["Anna (S)", None]}


# Kommunalt partnerskap -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "years"), [(100, 1), (364, 1), (547, 1), (548, 2), (730, 2), (1095, 3)]
)
def test_phase_years_are_whole_years_of_365_days_at_least_one(days, years):
    start = D(2021, 1, 1)
    assert services.phase_years(start, start + datetime.timedelta(days=days)) == years


def test_a_full_project_of_one_year_has_one_year_s_budget():
    assert services.phase_budget("fullskaligt", D(2021, 1, 1), D(2021, 12, 31)) == 500_000


@pytest.mark.parametrize(
    ("kind", "starts_on", "ends_on"),
    [
        ("forberedelse", D(2020, 3, 1), D(2021, 2, 28)),
        ("forberedelse", D(2020, 2, 29), D(2021, 2, 28)),
        ("fullskaligt", D(2020, 2, 29), D(2022, 2, 28)),
        ("uppfoljande", D(2021, 7, 1), D(2023, 6, 30)),
    ],
)
def test_a_phase_by_default_ends_the_day_before_its_normal_length(kind, starts_on, ends_on):
    assert services.phase_default_end(kind, starts_on) == ends_on


@pytest.fixture
def partner(partnership) -> Participation:
    return Participation.objects.create(network=partnership, municipality_name="Lund")


def add_phase(partner, actor, kind, starts_on, **values):
    return services.partnership_phase_add(
        participation=partner, actor=actor, kind=kind, starts_on=starts_on, **values
    )


def test_the_phases_in_order_and_then_no_more(handlaggare, partner):
    assert refused(
        add_phase, partner=partner, actor=handlaggare, kind="fullskaligt", starts_on=D(2020, 1, 1)
    ) == ["Nästa fas är förberedelseprojekt."]
    preparation = add_phase(partner, handlaggare, "forberedelse", D(2020, 1, 1))
    assert (preparation.budget, preparation.salary_budget) == (360_000, 0)
    recorded = entry(partner, "partnership_phase_added")
    assert recorded.actor == handlaggare
    assert recorded.changes == {"phases": [None, "Förberedelseprojekt 2020-01-01–2020-12-31"]}
    add_phase(partner, handlaggare, "fullskaligt", D(2021, 1, 1))
    add_phase(partner, handlaggare, "uppfoljande", D(2023, 1, 1))
    assert refused(
        add_phase, partner=partner, actor=handlaggare, kind="uppfoljande", starts_on=D(2025, 1, 1)
    ) == ["Partnerskapet har redan alla sina faser."]
    assert partner.phases.count() == 3


def test_a_phase_starts_after_the_previous_one_has_ended(handlaggare, partner):
    add_phase(partner, handlaggare, "forberedelse", D(2020, 1, 1))  # ends 2020-12-31
    assert refused(
        add_phase, partner=partner, actor=handlaggare, kind="fullskaligt", starts_on=D(2020, 12, 31)
    ) == ["En fas börjar efter att den föregående har slutat."]
    assert add_phase(partner, handlaggare, "fullskaligt", D(2021, 1, 1)).starts_on == D(2021, 1, 1)


def test_a_phase_ends_after_the_day_it_starts(handlaggare, partner):
    day = D(2020, 1, 1)
    assert refused(
        add_phase,
        partner=partner,
        actor=handlaggare,
        kind="forberedelse",
        starts_on=day,
        ends_on=day,
    ) == ["En fas kan inte sluta innan den börjar."]
    assert not partner.phases.exists()


def test_salaries_at_most_half_the_budget_says_the_amount(handlaggare, partner):
    assert refused(
        add_phase,
        partner=partner,
        actor=handlaggare,
        kind="forberedelse",
        starts_on=D(2020, 1, 1),
        salary_budget=180_001,
    ) == ["Lönekostnaderna får vara högst 50 % av budgeten, 180 000 kr."]
    phase = add_phase(partner, handlaggare, "forberedelse", D(2020, 1, 1), salary_budget=180_000)
    assert phase.salary_budget == 180_000
