"""Every transition of the pipeline, from every stage it starts from, through
`initiative_transition`: the stage and hold it leads to and its one history row.

`CASES` is written out by hand; `test_every_transition_has_a_case` compares it with
the table in samverkan/pipeline/services/pipeline.py, so a transition added there without a
case here fails."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from overenskommelse.platform.selectors.history import history_for
from samverkan.pipeline.models import Hold, Initiative, Stage
from samverkan.pipeline.services import pipeline
from tests.samverkan.pipeline_walk import Walk

pytestmark = pytest.mark.django_db

P, INIT, G, R, U, F = (
    Stage.PROPOSAL,
    Stage.INITIATIVE,
    Stage.IMPLEMENTATION,
    Stage.RESULTS,
    Stage.EVALUATION,
    Stage.FOLLOW_UP,
)  # förslag, samverkansinitiativ, genomförande, resultat, utvärdering, uppföljning
# Stages from which an initiative can be paused, resumed and cancelled.
OPEN_STAGES = (P, INIT, G, R, U)


def _ready(walk, i):
    return walk.make_ready(i)


def _reported(walk, i):
    return walk.report(i)


def _evaluated(walk, i):
    return walk.evaluate(i)


def _paused(walk, i):
    return walk.move(i, "pause", "Väntar på beslut")


def _cancelled(walk, i):
    return walk.move(i, "cancel", "Avbryts")


# (transition, source stage) -> (stage after, hold after, what to do first, comment)
CASES: dict[tuple[str, str], tuple[str, str, object, str]] = {
    ("accept", P): (INIT, Hold.NONE, None, ""),
    ("request_more", P): (P, Hold.NONE, None, "Beskriv behovet närmare"),
    ("decline", P): (Stage.DECLINED, Hold.NONE, None, "Utanför handlingsplanen"),
    ("start", INIT): (G, Hold.NONE, _ready, ""),
    ("to_results", G): (R, Hold.NONE, None, ""),
    ("evaluate", R): (U, Hold.NONE, _reported, ""),
    ("close", U): (F, Hold.NONE, _evaluated, ""),
    ("back_to_samverkansinitiativ", G): (INIT, Hold.NONE, None, "Fel steg"),
    ("back_to_genomforande", R): (G, Hold.NONE, None, "Fel steg"),
    ("back_to_resultat", U): (R, Hold.NONE, None, "Fel steg"),
    ("back_to_utvardering", F): (U, Hold.NONE, None, "Fel steg"),
    **{("pause", s): (s, Hold.PAUSED, None, "Väntar på beslut") for s in OPEN_STAGES},
    **{("resume", s): (s, Hold.NONE, _paused, "") for s in OPEN_STAGES},
    **{("cancel", s): (s, Hold.CANCELLED, None, "Avbryts") for s in OPEN_STAGES},
    **{("reopen", s): (s, Hold.NONE, _cancelled, "Avbröts av misstag") for s in OPEN_STAGES},
}


@pytest.fixture
def walk(handlaggare, rep_a, forvaltningskontakt, forvaltning):
    return Walk(handlaggare, rep_a, forvaltningskontakt, forvaltning)


def test_every_transition_has_a_case():
    table = {(t.name, source) for t in pipeline.TRANSITIONS.values() for source in t.source}
    assert set(CASES) == table


@pytest.mark.parametrize(("name", "source"), sorted(CASES))
def test_transition(name, source, proposal, walk, handlaggare):
    stage, hold, prepare, comment = CASES[(name, source)]
    initiative = walk.to(proposal, source)
    if prepare:
        initiative = prepare(walk, initiative)
    before = history_for(subject=initiative).count()

    done = walk.move(initiative, name, comment)

    stored = Initiative.objects.get(pk=initiative.pk)
    assert (done.stage, done.hold) == (stored.stage, stored.hold) == (stage, hold)
    assert history_for(subject=stored).count() == before + 1
    entry = history_for(subject=stored).order_by("-pk").first()
    assert (entry.action, entry.actor, entry.message) == (f"samverkan_{name}", handlaggare, comment)
    expected_changes = {}
    if source != stage:
        expected_changes["stage"] = [source, stage]
    if hold != initiative.hold:
        expected_changes["hold"] = [initiative.hold, hold]
    if name == "accept":
        expected_changes["handlaggare"] = [None, str(handlaggare)]
    assert entry.changes == expected_changes


@pytest.mark.parametrize("stage", OPEN_STAGES)
def test_a_cancelled_initiative_cannot_go_back_resume_or_move_on(stage, proposal, walk):
    """Only being taken up again ("reopen") leaves a cancelled initiative, and it is all
    its page offers."""
    initiative = walk.move(walk.to(proposal, stage), "cancel", "Avbryts")
    before = history_for(subject=initiative).count()
    expected = {
        "resume": "Initiativet är inte pausat.",
        "pause": "Initiativet är redan pausat eller avbrutet.",
        "cancel": "Initiativet är avbrutet.",
        "reopen": None,
    }
    assert [t.name for t, _ in pipeline.transitions_offered(initiative)] == ["reopen"]
    for transition, reason in pipeline.transitions_available(initiative):
        assert reason == expected.get(transition.name, "Initiativet är avbrutet."), transition
        if reason is None:
            continue
        with pytest.raises(ValidationError) as refused:
            walk.move(initiative, transition.name, "Ändå")
        assert refused.value.messages == [reason]
    stored = Initiative.objects.get(pk=initiative.pk)
    assert (stored.stage, stored.hold) == (stage, Hold.CANCELLED)
    assert history_for(subject=initiative).count() == before


def test_a_step_outside_the_table_is_refused_in_swedish(proposal, walk):
    for name in ("close", "start", "back_to_forslag", "resume_anything"):
        with pytest.raises(ValidationError) as refused:
            walk.move(walk.fresh(proposal), name, "Skäl")
        assert refused.value.messages == ["Det steget går inte att ta från det här skedet."]
    declined = walk.to(proposal, Stage.DECLINED)
    for transition in pipeline.TRANSITIONS.values():
        with pytest.raises(ValidationError, match="Det steget går inte att ta"):
            walk.move(declined, transition.name, "Skäl")
    assert pipeline.transitions_available(declined) == []
    assert history_for(subject=declined).first().action == "samverkan_decline"


def test_the_guards_give_their_swedish_reason(proposal, walk):
    for name in ("request_more", "decline"):
        with pytest.raises(ValidationError) as refused:
            walk.move(proposal, name, "   ")
        assert refused.value.messages == ["Ange ett skäl."]
    initiative = walk.to(proposal, INIT)
    with pytest.raises(ValidationError) as refused:
        walk.move(initiative, "start")
    (message,) = refused.value.messages
    assert message.startswith("Genomförandet kan inte starta: ")
    # The page shows the same reason next to the step (transitions_available).
    reasons = {t.name: reason for t, reason in pipeline.transitions_available(initiative)}
    assert reasons["start"] == message
    implementation = walk.move(walk.make_ready(initiative), "start")
    for name in ("back_to_samverkansinitiativ", "pause", "cancel"):
        with pytest.raises(ValidationError) as refused:
            walk.move(implementation, name, "")
        assert refused.value.messages == ["Ange ett skäl."]
    paused = walk.move(implementation, "pause", "Sjukdom")
    with pytest.raises(ValidationError) as refused:
        walk.move(paused, "pause", "Igen")
    assert refused.value.messages == ["Initiativet är redan pausat eller avbrutet."]
    with pytest.raises(ValidationError) as refused:
        walk.move(paused, "to_results")
    assert refused.value.messages == ["Initiativet är pausat. Återuppta det först."]
    assert Initiative.objects.get(pk=proposal.pk).stage == G


def test_leaving_results_and_closing_wait_for_their_guards(proposal, walk):
    initiative = walk.to(proposal, R)
    with pytest.raises(ValidationError) as refused:
        walk.move(initiative, "evaluate")
    assert refused.value.messages == ["Resultatet måste först rapporteras till samverkansgruppen."]
    initiative = walk.move(walk.report(initiative), "evaluate")
    with pytest.raises(ValidationError) as refused:
        walk.move(initiative, "close")
    assert refused.value.messages == ["Lägg först till minst en utvärdering."]
    paused = walk.move(initiative, "pause", "Semester")
    with pytest.raises(ValidationError) as refused:
        walk.move(walk.evaluate(paused), "close")
    assert refused.value.messages == ["Initiativet är pausat. Återuppta det först."]


@pytest.mark.parametrize("actor", ["rep_a", "forvaltningskontakt", "samverkansgruppen_member"])
def test_only_kommunkontoret_moves_an_initiative(actor, proposal, request):
    user = request.getfixturevalue(actor)
    before = history_for(subject=proposal).count()
    for transition in pipeline.TRANSITIONS.values():
        with pytest.raises(PermissionDenied, match=r"Bara kommunkontoret får göra detta\."):
            pipeline.initiative_transition(
                initiative=proposal, actor=user, name=transition.name, comment="Skäl"
            )
    assert Initiative.objects.get(pk=proposal.pk).stage == P
    assert history_for(subject=proposal).count() == before
