"""The pipeline's transition table and guards."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from overenskommelse.agreement.models import Affiliation
from overenskommelse.platform.selectors.history import history_for
from samverkan.pipeline.models import Initiative, InitiativeParty, Stage
from samverkan.pipeline.services import pipeline
from samverkan.pipeline.services.pipeline import TRANSITIONS
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_transition_table_never_skips_a_stage():
    order = list(pipeline.PIPELINE)
    for transition in TRANSITIONS.values():
        if transition.target is None or transition.target == Stage.DECLINED:
            continue
        for source in transition.source:
            assert abs(order.index(transition.target) - order.index(source)) <= 1


def test_accept_assigns_handlaggare_and_the_proposer_joins(accepted, handlaggare, affiliated):
    assert accepted.stage == Stage.INITIATIVE
    assert accepted.handlaggare == handlaggare
    party = accepted.parties.get()
    assert party.organisation == affiliated[0] and party.status == "deltar"
    entry = history_for(subject=accepted).first()
    assert entry.action == "samverkan_accept" and entry.actor == handlaggare
    assert entry.changes["stage"] == ["forslag", "samverkansinitiativ"]


def test_no_skipping(accepted, handlaggare):
    with pytest.raises(ValidationError):
        pipeline.initiative_transition(initiative=accepted, actor=handlaggare, name="to_results")
    with pytest.raises(ValidationError):
        pipeline.initiative_transition(initiative=accepted, actor=handlaggare, name="close")
    assert Initiative.objects.get(pk=accepted.pk).stage == Stage.INITIATIVE


def test_implementation_refused_without_both_agreements(accepted, handlaggare, rep_a):
    pipeline.initiative_update(
        initiative=accepted,
        actor=handlaggare,
        planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2026, 6, 1),
        form="projekt",
        form_reference="Beslut 1",
    )
    pipeline.party_agree(party=accepted.parties.get(), actor=rep_a)
    with pytest.raises(ValidationError, match="ingen kommunal part"):
        pipeline.initiative_transition(initiative=accepted, actor=handlaggare, name="start")
    assert Initiative.objects.get(pk=accepted.pk).stage == Stage.INITIATIVE


def test_implementation_refused_without_form(accepted, handlaggare, ready):
    Initiative.objects.filter(pk=ready.pk).update(form="")
    with pytest.raises(ValidationError, match="formen"):
        pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")


def test_implementation_with_both_agreements_and_form(ready, handlaggare):
    initiative = pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")
    assert initiative.stage == Stage.IMPLEMENTATION


def test_implementation_refused_when_an_organisation_withdrew(ready, handlaggare, affiliated):
    Affiliation.objects.filter(organisation=affiliated[0]).update(
        ended_on=datetime.date(2026, 11, 1)
    )
    with pytest.raises(ValidationError, match=r"inte anslut(en|na) till"):
        pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")


def test_non_affiliated_organisation_cannot_be_added(accepted, handlaggare):
    outsider = OrganisationFactory(name="Ej ansluten")
    with pytest.raises(ValidationError, match=r"inte anslut(en|na) till"):
        pipeline.party_invite(initiative=accepted, actor=handlaggare, organisation=outsider)
    assert not InitiativeParty.objects.filter(organisation=outsider).exists()


def test_a_party_that_is_not_staff_cannot_move_stages(ready, rep_a, forvaltningskontakt):
    for actor in (rep_a, forvaltningskontakt):
        with pytest.raises(PermissionDenied):
            pipeline.initiative_transition(initiative=ready, actor=actor, name="start")


def test_leaving_results_needs_the_report_to_samverkansgruppen(ready, handlaggare, rep_a):
    for name in ("start", "to_results"):
        pipeline.initiative_transition(initiative=ready, actor=handlaggare, name=name)
    initiative = Initiative.objects.get(pk=ready.pk)
    with pytest.raises(ValidationError, match="samverkansgruppen"):
        pipeline.initiative_transition(initiative=initiative, actor=handlaggare, name="evaluate")
    pipeline.results_update(
        initiative=initiative,
        actor=rep_a,
        results_text="40 barn",
        results_figures="",
        spread_where="",
    )
    pipeline.results_mark_reported(initiative=initiative, actor=handlaggare)
    initiative = pipeline.initiative_transition(
        initiative=initiative, actor=handlaggare, name="evaluate"
    )
    assert initiative.stage == Stage.EVALUATION
    with pytest.raises(ValidationError, match="utvärdering"):
        pipeline.initiative_transition(initiative=initiative, actor=handlaggare, name="close")


def test_going_back_needs_a_reason_and_pause_blocks_moving_on(ready, handlaggare):
    pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")
    with pytest.raises(ValidationError, match="Ange ett skäl"):
        pipeline.initiative_transition(
            initiative=ready, actor=handlaggare, name="back_to_samverkansinitiativ"
        )
    initiative = pipeline.initiative_transition(
        initiative=ready, actor=handlaggare, name="back_to_samverkansinitiativ", comment="Fel steg"
    )
    assert initiative.stage == Stage.INITIATIVE
    initiative = pipeline.initiative_transition(
        initiative=initiative, actor=handlaggare, name="pause", comment="Sjukdom"
    )
    assert initiative.hold == "pausad" and initiative.hold_reason == "Sjukdom"
    with pytest.raises(ValidationError, match="pausat"):
        pipeline.initiative_transition(initiative=initiative, actor=handlaggare, name="start")
    initiative = pipeline.initiative_transition(
        initiative=initiative, actor=handlaggare, name="cancel", comment="Avslutas"
    )
    assert initiative.hold == "avbruten"
    assert Initiative.objects.filter(pk=ready.pk).exists()  # nothing is deleted


def test_one_party_row_per_organisation(accepted, affiliated):
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeParty.objects.create(
            initiative=accepted, organisation=affiliated[0], invited_at=accepted.created_at
        )


def test_planned_end_after_start_is_a_constraint(accepted):
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=accepted.pk).update(
            planned_start=datetime.date(2026, 5, 1), planned_end=datetime.date(2026, 5, 1)
        )


@time_machine.travel(datetime.datetime(2026, 11, 25, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_invitation_accept_and_withdrawal_hook(accepted, handlaggare, rep_b, affiliated):
    from overenskommelse.agreement.selectors.organisations import initiatives_ongoing_for

    party = pipeline.party_invite(
        initiative=accepted, actor=handlaggare, organisation=affiliated[1]
    )
    party = pipeline.party_respond(party=party, actor=rep_b, accept=True)
    assert party.status == "deltar"
    ongoing = initiatives_ongoing_for(organisation=affiliated[1])
    assert [i.title for i in ongoing] == ["Läxhjälp och idrott"]
    assert ongoing[0].responsible_email == handlaggare.email


def test_withdrawal_alerts_the_handlaggare_and_warns(accepted, handlaggare, rep_a, affiliated):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from overenskommelse.agreement.services.affiliation import affiliation_withdraw
    from overenskommelse.platform.models import OutboxMessage
    from samverkan.pipeline.selectors import initiative_detail, withdrawn_parties

    affiliation_withdraw(
        organisation=affiliated[0],
        actor=rep_a,
        meeting_date=datetime.date(2026, 11, 20),
        paragraph="5",
        protocol=SimpleUploadedFile("p.pdf", b"%PDF-1.4 x"),
    )
    alerts = OutboxMessage.objects.filter(subject__contains="Läxhjälp och idrott").filter(
        subject__contains=affiliated[0].name
    )
    assert [m.to for m in alerts] == [[handlaggare.email]]
    initiative = initiative_detail(uuid=accepted.uuid)
    assert [p.organisation for p in withdrawn_parties(initiative=initiative)] == [affiliated[0]]


def _in_results(ready, handlaggare) -> Initiative:
    for name in ("start", "to_results"):
        pipeline.initiative_transition(initiative=ready, actor=handlaggare, name=name)
    return Initiative.objects.get(pk=ready.pk)


def test_results_are_stored_trimmed_with_their_history(ready, handlaggare, rep_a):
    initiative = _in_results(ready, handlaggare)
    moment = datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        pipeline.results_update(
            initiative=initiative,
            actor=rep_a,
            results_text=" 40 barn ",
            results_figures=" 40 ",
            spread_where=" Lokaltidningen ",
        )
    stored = Initiative.objects.get(pk=initiative.pk)
    assert (stored.results_text, stored.results_figures, stored.spread_where) == (
        "40 barn",
        "40",
        "Lokaltidningen",
    )
    assert stored.last_activity_at == moment
    entry = history_for(subject=stored).get(action="samverkan_results")
    assert (entry.actor, entry.at) == (rep_a, moment)
    assert entry.changes == {
        "results_text": ["", "40 barn"],
        "results_figures": ["", "40"],
        "spread_where": ["", "Lokaltidningen"],
    }


def test_results_and_their_report_belong_to_the_results_stage(ready, handlaggare):
    with pytest.raises(ValidationError) as refused:
        pipeline.results_update(
            initiative=ready,
            actor=handlaggare,
            results_text="x",
            results_figures="",
            spread_where="",
        )
    assert refused.value.messages == ["Resultat rapporteras i steget resultat och spridning."]
    with pytest.raises(ValidationError) as refused:
        pipeline.results_mark_reported(initiative=ready, actor=handlaggare)
    assert refused.value.messages == ["Resultat rapporteras i steget resultat och spridning."]
    initiative = _in_results(ready, handlaggare)
    with pytest.raises(ValidationError) as refused:
        pipeline.results_mark_reported(initiative=initiative, actor=handlaggare)
    assert refused.value.messages == ["Skriv resultatrapporten först."]


def test_reporting_the_results_is_recorded_once_with_its_comment(ready, handlaggare, rep_a):
    initiative = _in_results(ready, handlaggare)
    pipeline.results_update(
        initiative=initiative,
        actor=rep_a,
        results_text="40 barn",
        results_figures="",
        spread_where="",
    )
    with pytest.raises(PermissionDenied) as refused:
        pipeline.results_mark_reported(initiative=initiative, actor=rep_a)
    assert str(refused.value) == "Bara kommunkontoret får göra detta."
    moment = datetime.datetime(2026, 10, 2, 9, tzinfo=datetime.UTC)
    initiative = pipeline.results_mark_reported(
        initiative=initiative, actor=handlaggare, comment="Vid mötet i oktober", now=moment
    )
    later = moment + datetime.timedelta(days=1)
    pipeline.results_mark_reported(initiative=initiative, actor=handlaggare, now=later)
    stored = Initiative.objects.get(pk=initiative.pk)
    assert (stored.results_reported_at, stored.last_activity_at) == (moment, moment)
    (entry,) = history_for(subject=stored).filter(action="samverkan_reported")
    assert (entry.actor, entry.message, entry.at) == (handlaggare, "Vid mötet i oktober", moment)
