"""Participation through its stages, limits, cost and partnership phases."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from natverk import selectors
from natverk.models import NetworkMunicipality, Participation
from natverk.services import networks as services
from overenskommelse.platform.selectors.history import history_for

pytestmark = pytest.mark.django_db
Stage = Participation.Stage


def test_a_participation_without_a_decision_cannot_take_part(participation, handlaggare):
    services.participation_transition(
        participation=participation, to_stage=Stage.DECIDED, actor=handlaggare
    )
    with pytest.raises(ValidationError, match="kräver ett kopplat politiskt beslut"):
        services.participation_transition(
            participation=participation, to_stage=Stage.TAKING_PART, actor=handlaggare
        )
    participation.refresh_from_db()
    assert participation.stage == Stage.DECIDED
    # The database holds the same rule.
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.filter(pk=participation.pk).update(stage=Stage.TAKING_PART)


def test_the_stages_in_order_with_a_linked_decision_and_history(
    participation, decision, handlaggare
):
    services.participation_transition(
        participation=participation, to_stage=Stage.DECIDED, actor=handlaggare, decision=decision
    )
    participation = services.participation_transition(
        participation=participation, to_stage=Stage.TAKING_PART, actor=handlaggare
    )
    assert participation.stage == Stage.TAKING_PART and participation.decision == decision
    assert NetworkMunicipality.objects.filter(
        network=participation.network, name="Lunds kommun"
    ).exists()
    services.participation_transition(
        participation=participation, to_stage=Stage.ENDED, actor=handlaggare, comment="Slut"
    )
    entries = list(history_for(subject=participation))
    assert [e.changes["stage"] for e in reversed(entries)] == [
        ["ansokt", "beslutad"],
        ["beslutad", "deltar"],
        ["deltar", "avslutad"],
    ]
    assert entries[0].message == "Slut"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Stage.APPLIED, Stage.TAKING_PART),
        (Stage.ENDED, Stage.APPLIED),
        (Stage.ENDED, Stage.DECIDED),
    ],
)
def test_moves_outside_the_table_are_refused(participation, decision, handlaggare, start, target):
    Participation.objects.filter(pk=participation.pk).update(stage=start, decision=decision)
    participation.refresh_from_db()
    with pytest.raises(ValidationError, match="kan inte gå från"):
        services.participation_transition(
            participation=participation, to_stage=target, actor=handlaggare, decision=decision
        )


def test_taking_part_is_refused_when_the_network_is_full(participation, decision, handlaggare):
    for number in range(6):
        NetworkMunicipality.objects.create(network=participation.network, name=f"Kommun {number}")
    services.participation_transition(
        participation=participation, to_stage=Stage.DECIDED, actor=handlaggare, decision=decision
    )
    with pytest.raises(ValidationError, match="Högst 6 kommuner"):
        services.participation_transition(
            participation=participation, to_stage=Stage.TAKING_PART, actor=handlaggare
        )
    with pytest.raises(ValidationError, match="Högst 6 kommuner"):
        services.network_municipality_add(
            network=participation.network, actor=handlaggare, name="Kommun 7"
        )


def test_a_third_representative_is_refused_where_the_limit_is_two(participation, handlaggare):
    role = "representant"
    services.representative_add(
        participation=participation,
        actor=handlaggare,
        name="A",
        role=role,
        party="S",
        side="majoritet",
    )
    second = services.representative_add(
        participation=participation,
        actor=handlaggare,
        name="B",
        role=role,
        party="M",
        side="opposition",
    )
    with pytest.raises(ValidationError, match="högst 2 representanter"):
        services.representative_add(
            participation=participation, actor=handlaggare, name="C", role=role
        )
    # When one leaves (the row is kept), another may come.
    services.representative_end(representative=second, actor=handlaggare)
    services.representative_add(participation=participation, actor=handlaggare, name="C", role=role)
    assert participation.representatives.count() == 3


def test_cost_is_fee_times_persons_times_years(participation, handlaggare):
    for name in ("A", "B"):
        services.representative_add(
            participation=participation, actor=handlaggare, name=name, role="representant"
        )
    # 1 500 kr × 2 persons × 4 years (2019–2022)
    assert selectors.participation_cost(participation) == 12_000


def test_partnership_phases_follow_in_order_with_flat_budgets(partnership, handlaggare):
    participation = Participation.objects.create(network=partnership, municipality_name="Lund")
    with pytest.raises(ValidationError, match="förberedelseprojekt"):
        services.partnership_phase_add(
            participation=participation,
            actor=handlaggare,
            kind="fullskaligt",
            starts_on=datetime.date(2021, 1, 1),
        )
    preparation = services.partnership_phase_add(
        participation=participation,
        actor=handlaggare,
        kind="forberedelse",
        starts_on=datetime.date(2020, 3, 1),
        salary_budget=180_000,
    )
    assert (preparation.budget, preparation.ends_on) == (360_000, datetime.date(2021, 2, 28))
    with pytest.raises(ValidationError, match="50 %"):
        services.partnership_phase_add(
            participation=participation,
            actor=handlaggare,
            kind="fullskaligt",
            starts_on=datetime.date(2021, 3, 1),
            salary_budget=500_001,
        )
    full = services.partnership_phase_add(
        participation=participation,
        actor=handlaggare,
        kind="fullskaligt",
        starts_on=datetime.date(2021, 3, 1),
        salary_budget=500_000,
    )
    assert full.budget == 1_000_000  # 500 000 kr a year for the normal two years


def test_only_a_partnership_has_phases(participation, handlaggare):
    with pytest.raises(ValidationError, match="Bara ett kommunalt partnerskap"):
        services.partnership_phase_add(
            participation=participation,
            actor=handlaggare,
            kind="forberedelse",
            starts_on=datetime.date(2020, 1, 1),
        )
