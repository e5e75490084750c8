"""A participation reaches "Deltar" only on a decision of the organ competent for it:
the participating municipality's own kommunstyrelse or kommunfullmäktige. A förslag
till beslut (KSAU proposing that KS decide) is not one, and neither is a decision of a
committee, a nämnd or another municipality."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from natverk.models import Participation
from natverk.services import networks as services
from overenskommelse.protocols.services import protocols

pytestmark = pytest.mark.django_db
Stage = Participation.Stage


@pytest.fixture
def paragraph_of(handlaggare):
    def make(*, organ_kind: str, kind: str = "beslut", municipality: str = "Lunds kommun"):
        meeting = protocols.protocol_meeting_create(
            actor=handlaggare,
            organ_name={"utskott": "Kommunstyrelsens arbetsutskott"}.get(organ_kind, "Organet"),
            organ_kind=organ_kind,
            municipality_name=municipality,
            date=dt.date(2019, 3, 6),
        )
        return protocols.paragraph_create(
            meeting=meeting,
            actor=handlaggare,
            number=246,
            kind=kind,
            title="Deltagande i nätverk",
            clauses=["att delta"],
        )

    return make


def _decided(participation, handlaggare):
    return services.participation_transition(
        participation=participation, to_stage=Stage.DECIDED, actor=handlaggare
    )


def _take_part(participation, handlaggare, decision):
    return services.participation_transition(
        participation=participation,
        to_stage=Stage.TAKING_PART,
        actor=handlaggare,
        decision=decision,
    )


def test_a_proposal_does_not_carry_the_participation_to_taking_part(
    participation, handlaggare, paragraph_of
):
    decided = _decided(participation, handlaggare)
    proposal = paragraph_of(organ_kind="utskott", kind="forslag")
    with pytest.raises(ValidationError) as refused:
        _take_part(decided, handlaggare, proposal)
    assert refused.value.messages == [
        "§ 246 i Kommunstyrelsens arbetsutskott är ett förslag till beslut, inte ett beslut: "
        "för att delta krävs beslut av det organ som förslaget riktas till."
    ]
    stored = Participation.objects.get(pk=participation.pk)
    assert (stored.stage, stored.decision) == (Stage.DECIDED, None)


@pytest.mark.parametrize("organ_kind", ["utskott", "namnd", "rad", "annat"])
def test_a_decision_of_an_organ_that_is_not_competent_is_refused(
    participation, handlaggare, paragraph_of, organ_kind
):
    decided = _decided(participation, handlaggare)
    with pytest.raises(ValidationError) as refused:
        _take_part(decided, handlaggare, paragraph_of(organ_kind=organ_kind))
    (message,) = refused.value.messages
    assert message.endswith(
        "binder inte kommunen: om kommunen ska delta i ett nätverk beslutar kommunstyrelsen "
        "eller kommunfullmäktige."
    )
    assert Participation.objects.get(pk=participation.pk).stage == Stage.DECIDED


def test_another_municipalitys_board_is_not_competent(participation, handlaggare, paragraph_of):
    decided = _decided(participation, handlaggare)
    uppsala = paragraph_of(organ_kind="kommunstyrelse", municipality="Uppsala kommun")
    with pytest.raises(ValidationError) as refused:
        _take_part(decided, handlaggare, uppsala)
    assert refused.value.messages == [
        "§ 246 är ett beslut av Uppsala kommun, inte av Lunds kommun, som ska delta."
    ]


def test_a_proposal_linked_earlier_is_checked_too(participation, handlaggare, paragraph_of):
    proposal = paragraph_of(organ_kind="utskott", kind="forslag")
    decided = services.participation_transition(
        participation=participation, to_stage=Stage.DECIDED, actor=handlaggare, decision=proposal
    )
    errors = services.participation_transition_errors(decided, Stage.TAKING_PART)
    assert len(errors) == 1 and "är ett förslag till beslut" in errors[0]


@pytest.mark.parametrize("organ_kind", ["kommunstyrelse", "kommunfullmaktige"])
def test_a_decision_of_the_municipalitys_board_or_council_carries_it(
    participation, handlaggare, paragraph_of, organ_kind
):
    decided = _decided(participation, handlaggare)
    decision = paragraph_of(organ_kind=organ_kind, municipality=" lunds kommun ")
    taking_part = _take_part(decided, handlaggare, decision)
    stored = Participation.objects.get(pk=taking_part.pk)
    assert (stored.stage, stored.decision) == (Stage.TAKING_PART, decision)


def test_the_page_gives_the_reason_and_marks_the_proposal(
    client, handlaggare, no_staff_mfa, participation, paragraph_of
):
    client.force_login(handlaggare)
    proposal = paragraph_of(organ_kind="utskott", kind="forslag")
    url = reverse("natverk:participation_transition", kwargs={"uuid": participation.uuid})
    assert client.post(url, {"to_stage": "beslutad", "decision": proposal.pk}).status_code == 302
    response = client.post(url, {"to_stage": "deltar"})
    assert response.status_code == 200
    assert "är ett förslag till beslut, inte ett beslut" in response.content.decode()
    detail = client.get(
        reverse("natverk:participation_detail", kwargs={"uuid": participation.uuid})
    ).content.decode()
    assert "Förslag till beslut" in detail
