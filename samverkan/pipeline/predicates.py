"""Who may do what with an initiative. Combined into rules in `samverkan/pipeline/rules.py`."""

import rules

from overenskommelse.accounts.models import Role
from overenskommelse.accounts.predicates import is_kommunkontoret
from samverkan.pipeline.models import PartyStatus, Stage


def contact_body_ids(user) -> set[int]:
    return {body for role, body in user.role_keys if role == Role.FORVALTNINGSKONTAKT and body}


def may_propose_for(user, organisation=None, municipal_body=None) -> bool:
    """The user may propose on behalf of this organisation (represents it), this
    förvaltning (is its contact, or kommunkontoret registering it) or, naming neither,
    kommunkontoret (is staff there). Only an organisation proposes for itself."""
    if not user.is_authenticated:
        return False
    if organisation is not None:
        return organisation.pk in user.represented_organisation_ids
    if municipal_body is not None and municipal_body.pk in contact_body_ids(user):
        return True
    return is_kommunkontoret(user)


def acts_for_party(user, party) -> bool:
    """The user represents the party's organisation or is a contact of its förvaltning."""
    if not user.is_authenticated or party is None:
        return False
    if party.organisation_id:
        return party.organisation_id in user.represented_organisation_ids
    return party.municipal_body_id in contact_body_ids(user)


def parties_of_user(user, initiative) -> list:
    """The initiative's parties the user acts for (uses the prefetched parties)."""
    return [party for party in initiative.parties.all() if acts_for_party(user, party)]


@rules.predicate
def is_party_member(user, initiative) -> bool:
    """The user acts for a party that has accepted to take part."""
    return initiative is not None and any(
        party.status == PartyStatus.ACCEPTED for party in parties_of_user(user, initiative)
    )


@rules.predicate
def is_invited_or_party(user, initiative) -> bool:
    return initiative is not None and bool(parties_of_user(user, initiative))


@rules.predicate
def is_proposer(user, initiative) -> bool:
    if initiative is None or not user.is_authenticated:
        return False
    return (
        initiative.proposed_by_id == user.pk
        or initiative.proposing_organisation_id in user.represented_organisation_ids
        or initiative.proposing_body_id in contact_body_ids(user)
    )


@rules.predicate
def acts_for(user, party) -> bool:
    return acts_for_party(user, party)


@rules.predicate
def party_is_invited(user, party) -> bool:
    return party is not None and party.status == PartyStatus.INVITED


@rules.predicate
def party_may_agree(user, party) -> bool:
    return (
        party is not None
        and party.status == PartyStatus.ACCEPTED
        and party.agreed_at is None
        and party.initiative.stage == Stage.INITIATIVE
    )


@rules.predicate
def in_results_stage(user, initiative) -> bool:
    return initiative is not None and initiative.stage == Stage.RESULTS


@rules.predicate
def in_evaluation_stage(user, initiative) -> bool:
    return initiative is not None and initiative.stage == Stage.EVALUATION


@rules.predicate
def may_propose(user) -> bool:
    return user.is_authenticated and (
        bool(user.represented_organisation_ids) or bool(contact_body_ids(user))
    )
