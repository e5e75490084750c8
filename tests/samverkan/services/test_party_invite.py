"""Inviting a party to an initiative, as the service records and refuses it, and what
genomförande waits for, named in Swedish."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from overenskommelse.agreement.models import Affiliation
from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from samverkan.pipeline.models import Hold, Initiative, InitiativeParty
from samverkan.pipeline.services import pipeline
from tests.factories import MunicipalBodyFactory

pytestmark = pytest.mark.django_db

WHEN = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def _refusal(**kwargs) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        pipeline.party_invite(**kwargs)
    return refused.value.messages


def test_an_invitation_names_one_organisation_or_one_forvaltning(
    accepted, handlaggare, organisation_b, forvaltning
):
    choose = ["Välj en organisation eller en förvaltning."]
    assert _refusal(initiative=accepted, actor=handlaggare) == choose
    assert (
        _refusal(
            initiative=accepted,
            actor=handlaggare,
            organisation=organisation_b,
            municipal_body=forvaltning,
        )
        == choose
    )
    assert accepted.parties.count() == 1  # the proposer only


def test_parties_are_invited_only_while_the_initiative_is_prepared_and_not_on_hold(
    proposal, accepted, handlaggare, forvaltning
):
    prepared = ["Parter bjuds in medan initiativet förbereds."]
    assert _refusal(initiative=proposal, actor=handlaggare, municipal_body=forvaltning) == (
        prepared
    )
    Initiative.objects.filter(pk=accepted.pk).update(hold=Hold.PAUSED, hold_reason="Vänta")
    paused = Initiative.objects.get(pk=accepted.pk)
    assert _refusal(initiative=paused, actor=handlaggare, municipal_body=forvaltning) == prepared
    assert not InitiativeParty.objects.filter(municipal_body=forvaltning).exists()


def test_a_second_invitation_of_the_same_party_is_refused_by_name(
    accepted, handlaggare, affiliated, forvaltning
):
    pipeline.party_invite(initiative=accepted, actor=handlaggare, municipal_body=forvaltning)
    assert _refusal(initiative=accepted, actor=handlaggare, municipal_body=forvaltning) == [
        f"{forvaltning.name} är redan part."
    ]
    assert _refusal(initiative=accepted, actor=handlaggare, organisation=affiliated[0]) == [
        f"{affiliated[0].name} är redan part."
    ]


def test_an_invitation_is_recorded_with_who_and_when_and_mailed_to_the_party(
    accepted, handlaggare, forvaltning, forvaltningskontakt, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.se"
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    party = pipeline.party_invite(
        initiative=accepted, actor=handlaggare, municipal_body=forvaltning, now=WHEN
    )
    stored = InitiativeParty.objects.get(pk=party.pk)
    assert (stored.invited_by, stored.invited_at) == (handlaggare, WHEN)
    assert Initiative.objects.get(pk=accepted.pk).last_activity_at == WHEN
    (entry,) = [e for e in history_for(subject=accepted) if e.action == "samverkan_invited"]
    assert (entry.actor, entry.at) == (handlaggare, WHEN)
    assert entry.changes == {"parties": [None, party.name]}
    (message,) = OutboxMessage.objects.exclude(pk__in=before)
    assert message.to == [forvaltningskontakt.email]
    assert message.subject == f"Inbjudan till samverkansinitiativet {accepted.title}"
    assert f"{party.name} är inbjuden att delta i samverkansinitiativet {accepted.title}." in (
        message.body_text
    )
    assert f"https://portal.example.se{pipeline.initiative_url(accepted)}" in message.body_text


def test_a_forvaltning_without_a_contact_is_invited_without_mail(accepted, handlaggare):
    silent = MunicipalBodyFactory(name="Förvaltning utan kontakt")
    before = OutboxMessage.objects.count()
    pipeline.party_invite(initiative=accepted, actor=handlaggare, municipal_body=silent)
    assert OutboxMessage.objects.count() == before
    assert accepted.parties.filter(municipal_body=silent).exists()


# GENOMFÖRANDE WAITS FOR
# ------------------------------------------------------------------------------
def _start_refused(initiative, actor) -> str:
    with pytest.raises(ValidationError) as refused:
        pipeline.initiative_transition(initiative=initiative, actor=actor, name="start")
    (message,) = refused.value.messages
    return message


def test_an_initiative_with_nothing_settled_names_every_missing_piece(accepted, handlaggare):
    assert _start_refused(accepted, handlaggare) == (
        "Genomförandet kan inte starta: ingen kommunal part har registrerat sin "
        "överenskommelse; ingen organisation har registrerat sin överenskommelse; formen "
        "(IOP, projekt eller annan) är inte vald; planerad start och planerat slut saknas."
    )


def test_an_organisation_that_took_part_but_did_not_agree_holds_the_start(ready, handlaggare):
    ready.parties.filter(organisation__isnull=False).update(agreed_at=None)
    assert _start_refused(Initiative.objects.get(pk=ready.pk), handlaggare) == (
        "Genomförandet kan inte starta: ingen organisation har registrerat sin överenskommelse."
    )


def test_a_form_without_its_reference_holds_the_start(ready, handlaggare):
    Initiative.objects.filter(pk=ready.pk).update(form_reference="")
    assert _start_refused(Initiative.objects.get(pk=ready.pk), handlaggare) == (
        "Genomförandet kan inte starta: avtals- eller beslutsreferens saknas."
    )


def test_only_a_planned_start_holds_the_start_until_the_end_is_planned(ready, handlaggare):
    Initiative.objects.filter(pk=ready.pk).update(planned_end=None)
    assert _start_refused(Initiative.objects.get(pk=ready.pk), handlaggare) == (
        "Genomförandet kan inte starta: planerad start och planerat slut saknas."
    )


def test_every_party_that_left_the_agreement_is_named(ready, handlaggare, affiliated, rep_b):
    party = pipeline.party_invite(initiative=ready, actor=handlaggare, organisation=affiliated[1])
    pipeline.party_respond(party=party, actor=rep_b, accept=True)
    Affiliation.objects.filter(organisation__in=affiliated).update(
        ended_on=datetime.date(2026, 11, 1)
    )
    names = ", ".join(sorted(o.name for o in affiliated))
    assert _start_refused(Initiative.objects.get(pk=ready.pk), handlaggare) == (
        f"Genomförandet kan inte starta: inte anslutna till Överenskommelsen: {names}."
    )


# THE PROPOSER JOINS
# ------------------------------------------------------------------------------
def _joined(party) -> tuple:
    return (
        party.status,
        party.invited_by,
        party.invited_at,
        party.responded_by,
        party.responded_at,
    )


def test_the_proposing_organisation_joins_accepted_by_whoever_accepts(
    proposal, handlaggare, handlaggare_b, affiliated
):
    accepted = pipeline.initiative_transition(
        initiative=proposal, actor=handlaggare_b, name="accept", handlaggare=handlaggare, now=WHEN
    )
    assert accepted.handlaggare == handlaggare  # named, not the one who clicked
    (party,) = accepted.parties.all()
    assert party.organisation == affiliated[0]
    assert _joined(party) == ("deltar", handlaggare_b, WHEN, handlaggare_b, WHEN)


def test_a_proposing_forvaltning_joins_too(forvaltningskontakt, forvaltning, areas, handlaggare):
    proposal = pipeline.initiative_propose(
        actor=forvaltningskontakt,
        title="Sommarlov",
        need="Aktiviteter",
        areas=[areas[0]],
        proposing_body=forvaltning,
    )
    accepted = pipeline.initiative_transition(
        initiative=proposal, actor=handlaggare, name="accept", now=WHEN
    )
    assert accepted.handlaggare == handlaggare  # none named: the one who accepts
    (party,) = accepted.parties.all()
    assert party.municipal_body == forvaltning and party.organisation is None
    assert _joined(party) == ("deltar", handlaggare, WHEN, handlaggare, WHEN)


def test_a_proposer_that_left_the_agreement_does_not_join(proposal, handlaggare, affiliated):
    Affiliation.objects.filter(organisation=affiliated[0]).update(
        ended_on=datetime.date(2026, 11, 1)
    )
    accepted = pipeline.initiative_transition(initiative=proposal, actor=handlaggare, name="accept")
    assert not accepted.parties.exists()
