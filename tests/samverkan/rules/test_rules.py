"""Every rule of samverkan/pipeline/rules.py × the whole cast (tests/rules_cast.py).

The initiatives' parties: organisation A and the cast's förvaltning have accepted;
organisation B and förvaltning B are invited and have not answered, so their
representative and contact see the initiative but may not act as parties."""

import pytest
from django.utils import timezone

from samverkan.group.models import FollowUp
from samverkan.pipeline.models import Initiative, InitiativeParty, PartyStatus, Stage
from tests.rules_cast import (
    EVERYONE,
    KOMMUNKONTORET,
    LOGGED_IN,
    NOBODY,
    Situation,
    assert_rules_allow_exactly,
    cast_users,
    only,
    project_rules,
)

pytestmark = pytest.mark.django_db
K = KOMMUNKONTORET
S = Situation
GROUP = K | only("samverkansgruppen_member")
# Those who act for an accepted party of the initiatives below.
PARTIES = only("rep_a", "forvaltningskontakt")
INVITED = only("rep_b", "forvaltningskontakt_b")

RULES: dict[str, list[Situation]] = {
    "samverkan.propose_initiative": [
        S(None, K | only("rep_a", "rep_b", "forvaltningskontakt", "forvaltningskontakt_b"))
    ],
    "samverkan.view_board": [S(None, K)],
    "samverkan.view_initiative": [
        S("proposal_by_a", K | only("rep_a")),
        S("proposal_by_forvaltning", K | only("forvaltningskontakt")),
        S("initiative", K | PARTIES | INVITED),
    ],
    "samverkan.manage_initiative": [S("initiative", K)],
    "samverkan.transition_initiative": [S("initiative", K), S("proposal_by_a", K)],
    "samverkan.invite_party": [S("initiative", K)],
    "samverkan.respond_invitation": [
        S("party_b_invited", only("rep_b")),
        S("party_forvaltning_b_invited", only("forvaltningskontakt_b")),
        S("party_a", NOBODY),  # already answered
    ],
    "samverkan.record_agreement": [
        S("party_a", only("rep_a")),
        S("party_forvaltning", only("forvaltningskontakt")),
        S("party_b_invited", NOBODY),  # has not accepted
        S("party_a_agreed", NOBODY),  # agreed already
        S("party_a_in_results", NOBODY),  # past the stage where one agrees
    ],
    "samverkan.report_results": [S("results", K | PARTIES), S("initiative", NOBODY)],
    "samverkan.mark_reported": [S("results", K), S("evaluation", NOBODY)],
    "samverkan.add_evaluation": [S("evaluation", K | PARTIES), S("results", NOBODY)],
    "samverkan.add_comment": [S("initiative", K | PARTIES), S("proposal_by_a", K)],
    "samverkan.add_document": [S("initiative", K | PARTIES), S("proposal_by_a", K)],
    "samverkan.view_document": [S("initiative", K | PARTIES), S("proposal_by_a", K)],
    "samverkan.view_group": [S(None, GROUP)],
    "samverkan.manage_group": [S(None, K)],
    "samverkan.view_followups": [S(None, GROUP)],
    "samverkan.manage_followup": [S("followup_draft", K)],
    "samverkan.comment_followup": [S("followup_draft", GROUP), S("followup_approved", NOBODY)],
    "samverkan.approve_followup": [S("followup_draft", GROUP), S("followup_approved", NOBODY)],
    "samverkan.view_followup": [S("followup_draft", GROUP), S("followup_approved", EVERYONE)],
    "samverkan.send_followup": [S("followup_approved", K), S("followup_draft", NOBODY)],
    "samverkan.file_report": [S(None, only("forvaltningskontakt", "forvaltningskontakt_b"))],
    "samverkan.manage_conference": [S(None, K)],
}


def test_every_rule_has_an_entry():
    assert set(RULES) == project_rules("samverkan")


def test_logged_in_is_not_enough_to_propose():
    assert RULES["samverkan.propose_initiative"][0].allowed < LOGGED_IN


@pytest.fixture
def world(organisation_a, organisation_b, forvaltning, forvaltning_b, rep_a, handlaggare):
    now = timezone.now()

    def initiative(stage, **values):
        if stage != Stage.PROPOSAL:
            values["handlaggare"] = handlaggare
        return Initiative.objects.create(
            title=f"Initiativ {stage}", need="Behov", stage=stage, last_activity_at=now, **values
        )

    def party(item, status=PartyStatus.ACCEPTED, **values):
        return InitiativeParty.objects.create(
            initiative=item, status=status, invited_at=now, **values
        )

    running = initiative(Stage.INITIATIVE)
    results = initiative(Stage.RESULTS, form="projekt")
    evaluation = initiative(Stage.EVALUATION, form="projekt", results_reported_at=now)
    for item in (running, results, evaluation):
        party(item, organisation=organisation_a)
        party(item, municipal_body=forvaltning)
        party(item, PartyStatus.INVITED, organisation=organisation_b)
        party(item, PartyStatus.INVITED, municipal_body=forvaltning_b)
    agreed = initiative(Stage.INITIATIVE)
    return {
        "proposal_by_a": initiative(
            Stage.PROPOSAL, proposed_by=rep_a, proposing_organisation=organisation_a
        ),
        "proposal_by_forvaltning": initiative(Stage.PROPOSAL, proposing_body=forvaltning),
        "initiative": running,
        "results": results,
        "evaluation": evaluation,
        "party_a": running.parties.get(organisation=organisation_a),
        "party_forvaltning": running.parties.get(municipal_body=forvaltning),
        "party_b_invited": running.parties.get(organisation=organisation_b),
        "party_forvaltning_b_invited": running.parties.get(municipal_body=forvaltning_b),
        "party_a_agreed": party(agreed, organisation=organisation_a, agreed_at=now),
        "party_a_in_results": results.parties.get(organisation=organisation_a),
        "followup_draft": FollowUp.objects.create(year=2025),
        "followup_approved": FollowUp.objects.create(
            year=2024, status=FollowUp.Status.APPROVED, approved_at=now, snapshot={}
        ),
    }


def test_each_rule_allows_exactly_its_actors_and_refuses_the_rest(world, request):
    assert_rules_allow_exactly(RULES, cast_users(request), world)
