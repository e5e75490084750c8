"""Permissions of the initiative pipeline: one rule per action.

Kommunkontoret (handläggare, admin) runs the pipeline: triage, matching, stages.
Parties read their initiatives and add results and evaluations when the stage
allows; the public sees public fields only (no rule needed)."""

import rules

from overenskommelse.accounts.predicates import is_kommunkontoret
from samverkan.pipeline.predicates import (
    acts_for,
    in_evaluation_stage,
    in_results_stage,
    is_invited_or_party,
    is_party_member,
    is_proposer,
    may_propose,
    party_is_invited,
    party_may_agree,
)

rules.add_perm("samverkan.propose_initiative", may_propose | is_kommunkontoret)
rules.add_perm("samverkan.view_board", is_kommunkontoret)
rules.add_perm("samverkan.view_initiative", is_kommunkontoret | is_invited_or_party | is_proposer)
rules.add_perm("samverkan.manage_initiative", is_kommunkontoret)
rules.add_perm("samverkan.transition_initiative", is_kommunkontoret)
rules.add_perm("samverkan.invite_party", is_kommunkontoret)
rules.add_perm("samverkan.respond_invitation", acts_for & party_is_invited)
rules.add_perm("samverkan.record_agreement", acts_for & party_may_agree)
rules.add_perm("samverkan.report_results", (is_kommunkontoret | is_party_member) & in_results_stage)
rules.add_perm("samverkan.mark_reported", is_kommunkontoret & in_results_stage)
rules.add_perm(
    "samverkan.add_evaluation", (is_kommunkontoret | is_party_member) & in_evaluation_stage
)
rules.add_perm("samverkan.add_comment", is_kommunkontoret | is_party_member)
rules.add_perm("samverkan.add_document", is_kommunkontoret | is_party_member)
rules.add_perm("samverkan.view_document", is_kommunkontoret | is_party_member)

# Samverkansgruppen, the yearly follow-up and the conference.
