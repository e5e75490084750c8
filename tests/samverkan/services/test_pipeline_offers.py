"""What the initiative page offers and refuses: the steps of a running initiative with
their reasons, taking up again only what was called off, the details that must stay
set, and a results report marked without a comment."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from overenskommelse.platform.selectors.history import history_for
from samverkan.pipeline.models import Stage
from samverkan.pipeline.services import pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(ready, handlaggare):
    return pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")


def _offered(initiative) -> list[tuple[str, str | None]]:
    return [(t.name, reason) for t, reason in pipeline.transitions_offered(initiative)]


def test_a_running_initiative_offers_its_steps_and_the_holds_it_allows(running):
    assert _offered(running) == [
        ("to_results", None),
        ("back_to_samverkansinitiativ", None),
        ("pause", None),
        ("cancel", None),
    ]


def test_a_paused_one_offers_its_steps_refused_with_the_reason_and_resume(running, handlaggare):
    paused = pipeline.initiative_transition(
        initiative=running, actor=handlaggare, name="pause", comment="Lokalen saknas"
    )
    reason = "Initiativet är pausat. Återuppta det först."
    assert _offered(paused) == [
        ("to_results", reason),
        ("back_to_samverkansinitiativ", None),
        ("resume", None),
        ("cancel", None),
    ]


def test_only_a_called_off_initiative_can_be_taken_up_again(running, handlaggare):
    with pytest.raises(ValidationError) as refused:
        pipeline.initiative_transition(
            initiative=running, actor=handlaggare, name="reopen", comment="Igen"
        )
    assert refused.value.messages == ["Initiativet är inte avbrutet."]
    cancelled = pipeline.initiative_transition(
        initiative=running, actor=handlaggare, name="cancel", comment="Ingen lokal"
    )
    assert _offered(cancelled) == [("reopen", None)]


def test_details_of_a_proposal_or_initiative_may_leave_the_form_open(
    proposal, accepted, handlaggare
):
    for initiative in (proposal, accepted):
        pipeline.initiative_update(initiative=initiative, actor=handlaggare, contact_persons="Eva")


def test_details_that_break_a_rule_are_refused_in_swedish(running, handlaggare):
    with pytest.raises(ValidationError) as refused:
        pipeline.initiative_update(initiative=running, actor=handlaggare, form="")
    assert refused.value.messages == ["Formen måste vara vald när genomförandet har startat."]
    with pytest.raises(ValidationError) as refused:
        pipeline.initiative_update(
            initiative=running,
            actor=handlaggare,
            form="iop",
            planned_start=datetime.date(2026, 6, 1),
            planned_end=datetime.date(2026, 6, 1),
        )
    assert refused.value.messages == [
        "Det planerade slutet måste ligga efter den planerade starten."
    ]
    running.stage = Stage.FOLLOW_UP  # closed: the service reads the stage it is given
    with pytest.raises(ValidationError) as refused:
        pipeline.initiative_update(initiative=running, actor=handlaggare, form="iop")
    assert refused.value.messages == ["Initiativet är avslutat."]


def test_results_marked_reported_without_a_comment_record_none(running, handlaggare):
    at_results = pipeline.initiative_transition(
        initiative=running, actor=handlaggare, name="to_results"
    )
    pipeline.results_update(
        initiative=at_results,
        actor=handlaggare,
        results_text="Bra",
        results_figures="",
        spread_where="",
    )
    pipeline.results_mark_reported(initiative=at_results, actor=handlaggare)
    entry = history_for(subject=at_results).get(action="samverkan_reported")
    assert entry.message == ""


def test_changed_details_and_areas_are_stored_and_recorded_field_by_field(
    accepted, handlaggare, areas
):
    import time_machine

    moment = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        pipeline.initiative_update(
            initiative=accepted,
            actor=handlaggare,
            areas=areas,
            contact_persons="Eva Ek",
            title=accepted.title,  # unchanged: not recorded
            planned_start=datetime.date(2026, 4, 1),
            planned_end=datetime.date(2026, 4, 2),  # a day after the start is enough
        )
    accepted.refresh_from_db()
    assert sorted(accepted.areas.all(), key=lambda a: a.number) == list(areas)
    entry = history_for(subject=accepted).get(action="samverkan_details")
    assert (entry.actor, entry.at) == (handlaggare, moment)
    assert entry.changes == {
        "contact_persons": ["", "Eva Ek"],
        "planned_start": [None, "2026-04-01"],
        "planned_end": [None, "2026-04-02"],
    }


def test_an_agreement_is_recorded_once_with_who_and_when_and_only_while_it_may_be(
    accepted, handlaggare, rep_a, forvaltning, forvaltningskontakt
):
    party = pipeline.party_invite(
        initiative=accepted, actor=handlaggare, municipal_body=forvaltning
    )
    with pytest.raises(ValidationError) as refused:  # invited, not yet accepted
        pipeline.party_agree(party=party, actor=forvaltningskontakt)
    assert refused.value.messages == ["Partens överenskommelse kan inte registreras nu."]
    pipeline.party_respond(party=party, actor=forvaltningskontakt, accept=True)
    moment = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    pipeline.party_agree(party=party, actor=forvaltningskontakt, now=moment)
    entry = history_for(subject=accepted).get(action="samverkan_agreed")
    assert (entry.actor, entry.at, entry.changes) == (
        forvaltningskontakt,
        moment,
        {"parties": [None, party.name]},
    )


def test_an_answer_is_recorded_with_who_when_and_which_answer(
    accepted, handlaggare, forvaltning, forvaltningskontakt, affiliated, rep_b
):
    moment = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    body_party = pipeline.party_invite(
        initiative=accepted, actor=handlaggare, municipal_body=forvaltning
    )
    pipeline.party_respond(party=body_party, actor=forvaltningskontakt, accept=False, now=moment)
    with pytest.raises(ValidationError) as refused:
        pipeline.party_respond(party=body_party, actor=forvaltningskontakt, accept=True)
    assert refused.value.messages == ["Inbjudan är redan besvarad."]
    organisation_party = pipeline.party_invite(
        initiative=accepted, actor=handlaggare, organisation=affiliated[1]
    )
    pipeline.party_respond(party=organisation_party, actor=rep_b, accept=True, now=moment)
    answers = history_for(subject=accepted).filter(action__startswith="samverkan_invitation_")
    assert sorted((e.action, e.actor, e.at, e.changes["parties"][1]) for e in answers) == [
        ("samverkan_invitation_accepted", rep_b, moment, organisation_party.name),
        ("samverkan_invitation_declined", forvaltningskontakt, moment, body_party.name),
    ]
    assert all(e.changes["parties"][0] is None for e in answers)


def test_an_organisation_that_left_the_agreement_cannot_accept(
    accepted, handlaggare, affiliated, rep_b
):
    from overenskommelse.agreement.models import Affiliation

    party = pipeline.party_invite(
        initiative=accepted, actor=handlaggare, organisation=affiliated[1]
    )
    Affiliation.objects.filter(organisation=affiliated[1]).update(
        ended_on=datetime.date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as refused:
        pipeline.party_respond(party=party, actor=rep_b, accept=True)
    assert refused.value.messages == [
        f"{affiliated[1].name} är inte ansluten till Överenskommelsen och kan inte delta."
    ]
