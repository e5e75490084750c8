"""Every transition of the participation stage machine through
`participation_transition`: the stage it leads to, its one history row, and what it
refuses (in Swedish).

`CASES` is written out by hand; `test_every_transition_has_a_case` compares it with
`TRANSITIONS` in natverk/services/networks.py."""

import pytest
from django.core.exceptions import ValidationError

from natverk.models import NetworkMunicipality, Participation
from natverk.services import networks as services
from overenskommelse.platform.selectors.history import history_for

pytestmark = pytest.mark.django_db
Stage = Participation.Stage
ORDER = (Stage.APPLIED, Stage.DECIDED, Stage.TAKING_PART)

# (source, target) -> the decision is linked on this move (the paragraph is given)
CASES = {
    (Stage.APPLIED, Stage.DECIDED): True,
    (Stage.DECIDED, Stage.TAKING_PART): False,
    (Stage.APPLIED, Stage.ENDED): False,
    (Stage.DECIDED, Stage.ENDED): True,
    (Stage.TAKING_PART, Stage.ENDED): False,
}


MOVES = {(source, t.target) for t in services.TRANSITIONS.values() for source in t.source}


def test_every_transition_has_a_case():
    assert set(CASES) == MOVES


def move(participation, to_stage, actor, **kwargs):
    return services.participation_transition(
        participation=participation, to_stage=to_stage, actor=actor, **kwargs
    )


def reach(participation, stage, actor, decision) -> Participation:
    """Through the table, linking the decision on the way to "beslutad"."""
    if stage == Stage.ENDED:
        return move(participation, Stage.ENDED, actor)
    for step in ORDER[1 : ORDER.index(stage) + 1]:
        participation = move(
            participation, step, actor, decision=decision if step == Stage.DECIDED else None
        )
    return participation


@pytest.mark.parametrize(("source", "target"), sorted(CASES))
def test_transition(source, target, participation, decision, handlaggare):
    links_decision = CASES[(source, target)]
    participation = reach(participation, source, handlaggare, None if links_decision else decision)
    before = history_for(subject=participation).count()

    done = move(
        participation,
        target,
        handlaggare,
        decision=decision if links_decision else None,
        comment="Enligt beslut",
    )

    stored = Participation.objects.get(pk=participation.pk)
    assert done.stage == stored.stage == target
    assert history_for(subject=stored).count() == before + 1
    entry = history_for(subject=stored).order_by("-pk").first()
    assert (entry.action, entry.actor, entry.message) == (
        "participation_stage_changed",
        handlaggare,
        "Enligt beslut",
    )
    expected = {"stage": [source, target]}
    if links_decision:
        expected["decision"] = ["", str(decision)]
    assert entry.changes == expected
    listed = NetworkMunicipality.objects.filter(
        network=stored.network, name=stored.municipality_name
    ).exists()
    assert listed == (Stage.TAKING_PART in (source, target))


OUTSIDE_THE_TABLE = [
    (source, target) for source in Stage for target in Stage if (source, target) not in MOVES
]


@pytest.mark.parametrize(("source", "target"), OUTSIDE_THE_TABLE)
def test_a_move_outside_the_table_is_refused_in_swedish(
    source, target, participation, decision, handlaggare
):
    participation = reach(participation, source, handlaggare, decision)
    before = history_for(subject=participation).count()
    with pytest.raises(ValidationError) as refused:
        move(participation, target, handlaggare, decision=decision)
    assert refused.value.messages == [
        f"Ett deltagande kan inte gå från ”{source.label}” till ”{target.label}”."
    ]
    assert Participation.objects.get(pk=participation.pk).stage == source
    assert history_for(subject=participation).count() == before


def test_an_unknown_stage_is_refused(participation, handlaggare):
    with pytest.raises(ValidationError) as refused:
        move(participation, "vilande", handlaggare)
    assert refused.value.messages == ["Okänt steg."]


def test_the_guards_give_their_swedish_reason(participation, decision, handlaggare):
    decided = move(participation, Stage.DECIDED, handlaggare)
    with pytest.raises(ValidationError) as refused:
        move(decided, Stage.TAKING_PART, handlaggare)
    assert refused.value.messages == [
        "Att delta kräver ett kopplat politiskt beslut (en paragraf)."
    ]
    # What the page offers is the table's next stages; the guards speak on submit.
    assert services.participation_next_stages(decided) == [Stage.TAKING_PART, Stage.ENDED]
    assert services.participation_transition_errors(decided, Stage.TAKING_PART) == (
        refused.value.messages
    )
    for number in range(participation.network.max_municipalities):
        NetworkMunicipality.objects.create(network=participation.network, name=f"Kommun {number}")
    with pytest.raises(ValidationError) as refused:
        move(decided, Stage.TAKING_PART, handlaggare)
    assert refused.value.messages == [
        "Att delta kräver ett kopplat politiskt beslut (en paragraf).",
        "Högst 6 kommuner kan delta i nätverket.",
    ]
    assert Participation.objects.get(pk=participation.pk).stage == Stage.DECIDED
    assert [e.changes["stage"] for e in history_for(subject=participation)] == [
        ["ansokt", "beslutad"]
    ]
