"""What the proposer is told when kommunkontoret asks for more or declines, that other
steps tell the proposer nothing, and a hold's reason kept only while on hold."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from samverkan.pipeline.models import Hold, Initiative, Stage
from samverkan.pipeline.services import pipeline
from tests.factories import MunicipalBodyFactory

pytestmark = pytest.mark.django_db

WHEN = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def _told(user) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to=[user.email]).order_by("pk"))


def test_asking_for_more_tells_the_proposer_with_the_comment_and_link(
    proposal, handlaggare, rep_a, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.se"
    pipeline.initiative_transition(
        initiative=proposal, actor=handlaggare, name="request_more", comment="Vilka åldrar?"
    )
    (message,) = _told(rep_a)
    assert message.subject == f"Kommunkontoret begär komplettering av {proposal.title}"
    assert message.body_text.startswith(
        f"Kommunkontoret behöver mer information om ert förslag {proposal.title}."
    )
    assert "Vilka åldrar?" in message.body_text
    assert f"https://portal.example.se{pipeline.initiative_url(proposal)}" in message.body_text
    assert Initiative.objects.get(pk=proposal.pk).stage == Stage.PROPOSAL


def test_declining_tells_the_proposer_it_was_declined(proposal, handlaggare, rep_a):
    pipeline.initiative_transition(
        initiative=proposal, actor=handlaggare, name="decline", comment="Finns redan"
    )
    (message,) = _told(rep_a)
    assert message.subject == f"Ert förslag {proposal.title} har avböjts"
    assert message.body_text.startswith(f"Kommunkontoret har avböjt ert förslag {proposal.title}.")
    assert "Finns redan" in message.body_text


def test_accepting_and_the_later_steps_tell_the_proposer_nothing(ready, handlaggare, rep_a):
    assert _told(rep_a) == []  # accept, the invitations and the agreements in the fixture
    pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")
    assert _told(rep_a) == []


def test_a_step_is_recorded_at_the_time_given(proposal, handlaggare):
    pipeline.initiative_transition(initiative=proposal, actor=handlaggare, name="accept", now=WHEN)
    (entry,) = [e for e in history_for(subject=proposal) if e.action == "samverkan_accept"]
    assert (entry.actor, entry.at) == (handlaggare, WHEN)
    assert Initiative.objects.get(pk=proposal.pk).last_activity_at == WHEN


def test_resuming_clears_the_reason_for_the_pause(ready, handlaggare):
    paused = pipeline.initiative_transition(
        initiative=ready, actor=handlaggare, name="pause", comment="Lokalen saknas"
    )
    assert (paused.hold, paused.hold_reason) == (Hold.PAUSED, "Lokalen saknas")
    resumed = pipeline.initiative_transition(
        initiative=paused, actor=handlaggare, name="resume", comment="Lokal hittad"
    )
    stored = Initiative.objects.get(pk=resumed.pk)
    assert (stored.hold, stored.hold_reason) == (Hold.NONE, "")
    (entry,) = [e for e in history_for(subject=stored) if e.action == "samverkan_resume"]
    assert entry.message == "Lokal hittad"


# A PROPOSAL
# ------------------------------------------------------------------------------
def test_a_proposal_is_stored_trimmed_recorded_and_told_to_every_handlaggare(
    rep_a, affiliated, areas, handlaggare, handlaggare_b, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.se"
    proposal = pipeline.initiative_propose(
        actor=rep_a,
        title=" Läxhjälp ",
        need=" Barn behöver stöd ",
        areas=[areas[0]],
        proposed_parties=" Skolan \n",
        proposed_form="iop",
        proposing_organisation=affiliated[0],
        now=WHEN,
    )
    stored = Initiative.objects.get(pk=proposal.pk)
    assert (stored.title, stored.need, stored.proposed_parties, stored.proposed_form) == (
        "Läxhjälp",
        "Barn behöver stöd",
        "Skolan",
        "iop",
    )
    assert (stored.proposed_by, stored.last_activity_at) == (rep_a, WHEN)
    (entry,) = history_for(subject=stored)
    assert (entry.action, entry.actor, entry.at) == ("samverkan_proposed", rep_a, WHEN)
    (message,) = OutboxMessage.objects.filter(subject__contains="Läxhjälp")
    assert message.to == sorted([handlaggare.email, handlaggare_b.email])
    assert message.subject == "Nytt förslag till samverkansinitiativ: Läxhjälp"
    assert f"{rep_a} har föreslagit samverkansinitiativet Läxhjälp." in message.body_text
    assert f"https://portal.example.se{pipeline.initiative_url(stored)}" in message.body_text


def test_a_proposal_without_its_optional_parts_leaves_them_empty(rep_a, affiliated, areas):
    proposal = pipeline.initiative_propose(
        actor=rep_a, title="T", need="N", areas=[areas[0]], proposing_organisation=affiliated[0]
    )
    stored = Initiative.objects.get(pk=proposal.pk)
    assert (stored.proposed_parties, stored.proposed_form) == ("", "")


def test_with_no_handlaggare_a_proposal_goes_to_the_municipality_contact(
    rep_a, affiliated, areas, settings
):
    settings.MUNICIPALITY_CONTACT_EMAIL = "kontakt@kommun.example.se"
    pipeline.initiative_propose(
        actor=rep_a, title="Ensam", need="N", areas=[areas[0]], proposing_organisation=affiliated[0]
    )
    (message,) = OutboxMessage.objects.filter(subject__contains="Ensam")
    assert message.to == ["kontakt@kommun.example.se"]


def _propose(actor, areas, **on_behalf_of):
    return pipeline.initiative_propose(
        actor=actor, title="Förslag", need="Behov", areas=[areas[0]], **on_behalf_of
    )


def test_a_proposal_is_made_only_for_what_the_proposer_acts_for(
    rep_a, rep_b, affiliated, areas, forvaltning, forvaltning_b, forvaltningskontakt_b, handlaggare
):
    refused = [
        (rep_b, {"proposing_organisation": affiliated[0]}),  # another association's
        (forvaltningskontakt_b, {"proposing_body": forvaltning}),  # another förvaltning's
        (rep_a, {}),  # kommunkontoret's own
        (handlaggare, {"proposing_organisation": affiliated[0]}),  # only it proposes for it
    ]
    for actor, on_behalf_of in refused:
        with pytest.raises(PermissionDenied):
            _propose(actor, areas, **on_behalf_of)
    assert not Initiative.objects.exists()
    _propose(forvaltningskontakt_b, areas, proposing_body=forvaltning_b)
    _propose(handlaggare, areas)  # kommunkontoret's own
    _propose(handlaggare, areas, proposing_body=forvaltning)  # registered for a förvaltning
    assert Initiative.objects.count() == 3


def test_a_proposal_is_for_one_organisation_or_one_forvaltning(rep_a, affiliated, areas):
    with pytest.raises(ValidationError) as refused:
        _propose(
            rep_a,
            areas,
            proposing_organisation=affiliated[0],
            proposing_body=MunicipalBodyFactory(),
        )
    assert refused.value.messages == ["Välj en organisation eller en förvaltning."]


def test_an_anonymous_visitor_proposes_for_no_one(organisation_a, forvaltning):
    from django.contrib.auth.models import AnonymousUser

    from samverkan.pipeline.predicates import may_propose_for

    anonymous = AnonymousUser()
    assert not may_propose_for(anonymous, organisation_a)
    assert not may_propose_for(anonymous, municipal_body=forvaltning)
    assert not may_propose_for(anonymous)


# What a declined proposer is told (templates/platform/_decision_notice.html)
# ------------------------------------------------------------------------------
DECLINED_AT = datetime.datetime(2026, 3, 9, 13, 0, tzinfo=datetime.UTC)


def test_declining_mails_and_shows_the_reason_the_official_a_contact_and_the_appeal(
    client, proposal, handlaggare, rep_a, settings
):
    name = handlaggare.get_full_name()
    pipeline.initiative_transition(
        initiative=proposal,
        actor=handlaggare,
        name="decline",
        comment="Finns redan i Norra Fäladen.",
        now=DECLINED_AT,
    )
    expected = [
        "Skälen för beslutet",
        "Finns redan i Norra Fäladen.",
        "Beslutat av",
        name,
        "2026-03-09",
        handlaggare.email,
        settings.MUNICIPALITY_CONTACT_EMAIL,
        "Begär omprövning",
        "laglighetsprövning",
        "inom tre veckor",
    ]
    (message,) = _told(rep_a)
    assert [p for p in expected if p not in message.body_text] == []
    assert [p for p in expected if p not in message.body_html] == []
    client.force_login(rep_a)
    page = client.get(pipeline.initiative_url(proposal)).content.decode()
    assert [p for p in expected if p not in page] == []


def test_asking_for_more_says_it_cannot_be_appealed_by_itself(proposal, handlaggare, rep_a):
    pipeline.initiative_transition(
        initiative=proposal, actor=handlaggare, name="request_more", comment="Vilka åldrar?"
    )
    (message,) = _told(rep_a)
    assert "Begärt av" in message.body_text and handlaggare.get_full_name() in message.body_text
    assert "kan inte överklagas för sig" in message.body_text


def test_another_organisation_does_not_see_the_declined_proposal(
    client, proposal, handlaggare, rep_b
):
    pipeline.initiative_transition(
        initiative=proposal, actor=handlaggare, name="decline", comment="Finns redan"
    )
    client.force_login(rep_b)
    response = client.get(pipeline.initiative_url(proposal))
    assert response.status_code in (403, 404)
    assert "Finns redan" not in response.content.decode()
